using GridTrader.Core.Grid;

namespace GridTrader.Core.Strategy;

/// <summary>
/// The part of a grid strategy that must survive a restart. Live orders are not in here: they come back from
/// the order store, and indicators are rebuilt from stored candles. <see cref="StopReason"/> is set only while a person or
/// a rule has stopped the market (phase <see cref="GridPhase.Stopped"/>). <see cref="Cost"/> is what each cell's coins cost
/// (null in states written by earlier versions: their coins then carry no cost). <see cref="LossBaseline"/> is the market's
/// P&amp;L when a person last resumed it: the loss limit counts from there.
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
    string? StopReason = null,
    IReadOnlyList<decimal>? Cost = null,
    decimal LossBaseline = 0m);
