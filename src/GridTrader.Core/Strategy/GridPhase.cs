namespace GridTrader.Core.Strategy;

public enum GridPhase
{
    /// <summary>Indicators are not ready; no orders.</summary>
    WarmingUp,
    /// <summary>The grid is planned and maintained.</summary>
    Active,
    /// <summary>Waiting for the old grid's orders to close before planning a new one.</summary>
    Rebuilding,
    /// <summary>
    /// Stopped on purpose, by a person or a rule that names its reason (<see cref="GridStrategy.StopReason"/>); nothing is
    /// placed until a person resumes the market.
    /// </summary>
    Stopped,
    /// <summary>
    /// No valid grid could be planned (<see cref="GridStrategy.LastPlanError"/>); planning is retried with backoff. Never
    /// a dead end: a transient cause (a balance read as zero, an outlier price) clears by itself.
    /// </summary>
    Waiting,
}
