namespace GridTrader.Engine.Live;

/// <summary>
/// What a warm start gave one market: how many candles of its grid interval the indicators were fed, how many of them
/// came from each source (<see cref="Core.MarketData.CandleSources"/>), and, when that is fewer than the strategy needs,
/// why (<see cref="Shortfall"/>: which sources were off or failed).
/// </summary>
public sealed record CandleHistoryReport(
    string Market,
    TimeSpan Interval,
    int Candles,
    int Needed,
    IReadOnlyDictionary<string, long> BySource,
    IReadOnlyList<string> Failures,
    string? Shortfall)
{
    /// <summary>The same report with one more live candle from <paramref name="source"/>.</summary>
    public CandleHistoryReport WithLiveCandle(string source)
    {
        var counts = new Dictionary<string, long>(BySource, StringComparer.Ordinal);
        counts[source] = counts.GetValueOrDefault(source) + 1;
        // Once live candles complete the window, the shortfall is history.
        return this with { Candles = Candles + 1, BySource = counts, Shortfall = Candles + 1 >= Needed ? null : Shortfall };
    }
}
