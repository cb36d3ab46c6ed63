namespace GridTrader.Core.Strategy;

public enum GridPhase
{
    /// <summary>Indicators are not ready; no orders.</summary>
    WarmingUp,
    /// <summary>The grid is planned and maintained.</summary>
    Active,
    /// <summary>Waiting for the old grid's orders to close before planning a new one.</summary>
    Rebuilding,
    /// <summary>No valid grid could be planned (see the last notice); nothing is placed.</summary>
    Stopped,
}
