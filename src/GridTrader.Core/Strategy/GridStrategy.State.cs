namespace GridTrader.Core.Strategy;

/// <summary>
/// What a grid persists (<see cref="GridStrategyState"/>: phase, plan, the coins of each cell and their cost, trend and
/// stop reason) and how a restarted bot picks it up; live orders are registered again by the engine afterwards.
/// </summary>
public sealed partial class GridStrategy
{
    public GridStrategyState Snapshot() =>
        new(Market.Symbol, Phase, Epoch, Plan, _book.HeldSnapshot(), Trend, VolatilitySpike, OutOfBandNoticed, StopReason, _book.CostSnapshot(),
            LossBaseline);

    /// <summary>Restores persisted state; live orders are re-registered with <see cref="OnOrderCreated"/> afterwards.</summary>
    public void Restore(GridStrategyState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        Epoch = state.Epoch;
        _trend.Restore(state.Trend);
        VolatilitySpike = state.Spike;
        OutOfBandNoticed = state.OutOfBandNoticed;
        LossBaseline = state.LossBaseline;
        // Stopped without a reason is what earlier versions persisted after a failed plan: that is waiting, not a stop.
        var phase = state.Phase == GridPhase.Stopped && state.StopReason is null ? GridPhase.Waiting : state.Phase;
        StopReason = phase == GridPhase.Stopped ? state.StopReason : null;
        if (state.Plan is { } plan)
        {
            Install(plan);
            _book.Reset(plan.Cells.Count, state.Held, state.Cost);
            Phase = phase == GridPhase.WarmingUp ? GridPhase.Active : phase;
        }
        else
        {
            Phase = phase is GridPhase.Stopped or GridPhase.Waiting ? phase : GridPhase.WarmingUp;
        }

        // A restart retries a waiting plan at once.
        _nextPlanAttempt = DateTimeOffset.MinValue;

        _dirty = true;
    }
}
