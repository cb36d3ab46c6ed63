namespace GridTrader.Core.Strategy;

/// <summary>
/// The candle interval the grid runs on and the (equal or longer) interval its EMA trend is measured on, as the
/// original bot did (1h grid, 4h trend). With <see cref="IsSeparate"/> the strategy builds trend candles from its own
/// candles (<see cref="MarketData.CandleAggregator"/>); otherwise the trend moves with every candle.
/// </summary>
public readonly record struct TrendTimeframe(TimeSpan CandleInterval, TimeSpan TrendInterval)
{
    /// <summary>The trend is measured on every candle of the grid's interval.</summary>
    public static TrendTimeframe Same => default;

    /// <summary>True when trend candles are longer than the grid's candles.</summary>
    public bool IsSeparate => CandleInterval > TimeSpan.Zero && TrendInterval > CandleInterval;

    /// <summary>Grid candles per trend candle (1 when the trend uses the grid's candles), rounded up.</summary>
    public int Factor => IsSeparate ? (int)Math.Ceiling(TrendInterval / CandleInterval) : 1;
}
