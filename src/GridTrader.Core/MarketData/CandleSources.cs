namespace GridTrader.Core.MarketData;

/// <summary>
/// Where a stored candle came from. Every candle in the store records one of these, so <c>status</c> and the dashboard
/// can say how much of a market's history is the market's own and how much was borrowed from a reference exchange.
/// </summary>
public static class CandleSources
{
    /// <summary>Built from Firi's public trades: live, or from its trade history at a warm start.</summary>
    public const string Firi = "firi";

    /// <summary>A reference exchange's klines (Binance-compatible), scaled to the market by <see cref="CandleScale.Between"/>.</summary>
    public const string Reference = "reference";

    /// <summary>Loaded from a CSV file by <c>candles import</c>.</summary>
    public const string Import = "import";

    /// <summary>The simulated exchange's replayed candle file.</summary>
    public const string Replay = "replay";

    /// <summary>The sources in the order a warm start consults them after the store (for display).</summary>
    public static IReadOnlyList<string> All { get; } = [Firi, Reference, Import, Replay];
}
