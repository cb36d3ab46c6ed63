namespace GridTrader.Core.MarketData;

/// <summary>Best bid and ask of a market at a moment, with the last traded price when known.</summary>
public readonly record struct Ticker(string Market, decimal Bid, decimal Ask, decimal Last, DateTimeOffset Time)
{
    public decimal Mid => Bid > 0 && Ask > 0 ? (Bid + Ask) / 2m : Last;

    /// <summary>Bid-ask spread in percent of the bid (the original bot's definition).</summary>
    public decimal SpreadPct => Bid > 0 && Ask > 0 ? (Ask - Bid) / Bid * 100m : 0m;

    /// <summary>The reference price: last trade when known, otherwise the mid.</summary>
    public decimal Reference => Last > 0 ? Last : Mid;
}
