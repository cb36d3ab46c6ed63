namespace GridTrader.Exchanges.Simulation;

/// <summary>How far the simulated best bid and ask sit from the last price.</summary>
public enum TickerSpreadUnit
{
    /// <summary>A whole number of the market's price ticks.</summary>
    Ticks = 0,

    /// <summary>A percentage of the last price, rounded outwards to the tick.</summary>
    Percent = 1,
}

/// <summary>
/// The half-spread of the simulated ticker: <c>bid = last - half</c>, <c>ask = last + half</c>.
/// Only the ticker uses it; fills follow the price path, not the quoted spread.
/// </summary>
public readonly record struct TickerSpread(decimal Value, TickerSpreadUnit Unit)
{
    public static TickerSpread Ticks(int ticks)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ticks);
        return new TickerSpread(ticks, TickerSpreadUnit.Ticks);
    }

    public static TickerSpread Percent(decimal percent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        return new TickerSpread(percent, TickerSpreadUnit.Percent);
    }
}
