using GridTrader.Core.MarketData;

namespace GridTrader.Core.Persistence;

/// <summary>Stored candle history per market and interval: indicators survive a restart because their candles do.</summary>
public interface ICandleStore
{
    /// <summary>
    /// Stores candles that came from <paramref name="source"/> (one of <see cref="CandleSources"/>); a candle already
    /// stored for the same open time is replaced, its source with it.
    /// </summary>
    ValueTask SaveCandlesAsync(string market, TimeSpan interval, IEnumerable<Candle> candles, string source, CancellationToken ct = default);

    /// <summary>How many stored candles came from each source, from <paramref name="from"/> on when given.</summary>
    ValueTask<IReadOnlyDictionary<string, long>> CountCandlesBySourceAsync(string market, TimeSpan interval, DateTimeOffset? from = null,
        CancellationToken ct = default);

    /// <summary>
    /// Candles in open-time order. From <paramref name="from"/> on when given (the first <paramref name="limit"/>);
    /// otherwise the latest <paramref name="limit"/> (what indicators need to warm up after a restart).
    /// </summary>
    ValueTask<IReadOnlyList<Candle>> LoadCandlesAsync(string market, TimeSpan interval, DateTimeOffset? from = null, int? limit = null,
        CancellationToken ct = default);
}
