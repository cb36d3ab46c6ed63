using GridTrader.Core.MarketData;

namespace GridTrader.Exchanges.MarketData;

/// <summary>
/// Every candle of one checked candle file in memory, as <see cref="CandleCsvReader"/> yields them without a range,
/// with what the read found. Built by parsing the file or loaded from the <see cref="CandleCache"/>; the array is
/// never written after construction, so many backtests may read it at once.
/// </summary>
public sealed class CandleFile
{
    public CandleFile(string sourcePath, string sourceSha256, long sourceLength, Candle[] candles, TimeSpan? interval, long rowsRead,
        long duplicatesSkipped)
    {
        ArgumentNullException.ThrowIfNull(candles);
        SourcePath = sourcePath;
        SourceSha256 = sourceSha256;
        SourceLength = sourceLength;
        Candles = candles;
        Interval = interval;
        RowsRead = rowsRead;
        DuplicatesSkipped = duplicatesSkipped;
    }

    public string SourcePath { get; }

    /// <summary>SHA-256 of the source file's bytes, lower-case hex: the cache key.</summary>
    public string SourceSha256 { get; }

    public long SourceLength { get; }

    /// <summary>All candles of the file in ascending open time; shared, so callers must not write to it.</summary>
    public Candle[] Candles { get; }

    /// <summary>The interval the file was checked against (inferred from its first rows), or null when unknown.</summary>
    public TimeSpan? Interval { get; }

    public long RowsRead { get; }

    public long DuplicatesSkipped { get; }

    /// <summary>
    /// The candles with <paramref name="from"/> ≤ open time &lt; <paramref name="to"/>, as the CSV reader yields them
    /// for that range, and their series (count, range, gaps). Without a range the shared array itself is returned.
    /// </summary>
    public (Candle[] Candles, CandleSeriesInfo Series) Range(DateTimeOffset? from, DateTimeOffset? to)
    {
        var lo = from is { } f ? LowerBound(f.ToUnixTimeMilliseconds()) : 0;
        var hi = to is { } t ? LowerBound(t.ToUnixTimeMilliseconds()) : Candles.Length;
        hi = Math.Max(lo, hi);
        var slice = lo == 0 && hi == Candles.Length ? Candles : Candles[lo..hi];
        var tracker = new CandleSeriesTracker(Interval);
        foreach (ref readonly var c in slice.AsSpan())
        {
            // The file was checked against its interval when it was parsed; a step that does not fit means the data changed.
            if (!tracker.TryAdd(c.OpenTimeMs))
                throw new InvalidDataException($"{Path.GetFileName(SourcePath)}: candle at {c.OpenTimeMs} does not fit the file's interval.");
        }

        return (slice, tracker.ToInfo());
    }

    /// <summary>Index of the first candle opening at or after <paramref name="timeMs"/>.</summary>
    private int LowerBound(long timeMs)
    {
        int lo = 0, hi = Candles.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Candles[mid].OpenTimeMs < timeMs) lo = mid + 1;
            else hi = mid;
        }

        return lo;
    }
}
