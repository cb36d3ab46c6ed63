using GridTrader.Core.Grid;

namespace GridTrader.Core.Strategy;

/// <summary>
/// The part of a grid strategy that must survive a restart. Live orders are not in here: they come back from
/// the order store, and indicators are rebuilt from stored candles. <see cref="StopReason"/> is set only while a person or
/// a rule has stopped the market (phase <see cref="GridPhase.Stopped"/>).
/// </summary>
public sealed record GridStrategyState(
    string Market,
    GridPhase Phase,
    int Epoch,
    GridPlan? Plan,
    IReadOnlyList<decimal> Held,
    Trend Trend,
    bool Spike,
    bool OutOfBandNoticed,
    string? StopReason = null);
