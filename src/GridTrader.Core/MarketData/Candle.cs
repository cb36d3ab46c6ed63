namespace GridTrader.Core.MarketData;

/// <summary>One OHLCV bar. <see cref="OpenTimeMs"/> is the bar's open time in Unix milliseconds (UTC).</summary>
public readonly record struct Candle(long OpenTimeMs, decimal Open, decimal High, decimal Low, decimal Close, decimal Volume)
{
    public DateTimeOffset OpenTime => DateTimeOffset.FromUnixTimeMilliseconds(OpenTimeMs);

    public bool IsBullish => Close >= Open;

    /// <summary>True when the bar is internally consistent: positive prices, high/low bracketing open and close.</summary>
    public bool IsValid =>
        Low > 0 && High >= Low && High >= Open && High >= Close && Low <= Open && Low <= Close && Volume >= 0;
}
