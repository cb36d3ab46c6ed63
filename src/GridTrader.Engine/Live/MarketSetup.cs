using GridTrader.Core.Accounting;
using GridTrader.Core.Grid;
using GridTrader.Core.Markets;

namespace GridTrader.Engine.Live;

/// <summary>One market the live engine trades, as configured.</summary>
public sealed record MarketSetup(MarketInfo Info, GridSettings Grid, MarketBudget Budget, TimeSpan CandleInterval, bool UseExistingBase = false)
{
    /// <summary>The EMA trend's interval (4h while the grid runs on 1h); zero or <see cref="CandleInterval"/>: the grid's own candles.</summary>
    public TimeSpan TrendInterval { get; init; }

    /// <summary>The market's symbol on the reference candle source (e.g. BTCUSDT); null: base + USDT.</summary>
    public string? ReferenceSymbol { get; init; }

    /// <summary>The grid's and the trend's intervals, as the strategy takes them.</summary>
    public Core.Strategy.TrendTimeframe Timeframe => new(CandleInterval, TrendInterval);
}
