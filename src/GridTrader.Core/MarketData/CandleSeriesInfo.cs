using System.Globalization;
using System.Text;

namespace GridTrader.Core.MarketData;

/// <summary>Summary of a candle series: how many candles, first and last open time, interval and every gap.</summary>
public sealed class CandleSeriesInfo
{
    public CandleSeriesInfo(long count, long firstOpenTimeMs, long lastOpenTimeMs, TimeSpan? interval, IReadOnlyList<CandleGap> gaps)
    {
        Count = count;
        FirstOpenTimeMs = firstOpenTimeMs;
        LastOpenTimeMs = lastOpenTimeMs;
        Interval = interval;
        Gaps = gaps;
        MissingCount = gaps.Sum(g => g.MissingCount);
    }

    public long Count { get; }

    /// <summary>Open time of the first candle (Unix ms); meaningless when <see cref="Count"/> is 0.</summary>
    public long FirstOpenTimeMs { get; }

    /// <summary>Open time of the last candle (Unix ms); meaningless when <see cref="Count"/> is 0.</summary>
    public long LastOpenTimeMs { get; }

    /// <summary>The candle interval, or null when it is unknown (then no gaps are detected).</summary>
    public TimeSpan? Interval { get; }

    public IReadOnlyList<CandleGap> Gaps { get; }

    /// <summary>Candles missing in all gaps together.</summary>
    public long MissingCount { get; }

    public DateTimeOffset? FirstOpenTime => Count == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(FirstOpenTimeMs);

    public DateTimeOffset? LastOpenTime => Count == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(LastOpenTimeMs);

    /// <summary>
    /// Summarises candles already in memory (built from trades, or loaded from storage). The
    /// interval is inferred from the first <see cref="CandleInterval.InferenceSampleSize"/> candles
    /// when not given.
    /// </summary>
    /// <exception cref="ArgumentException">Open times do not increase, or do not fit the interval.</exception>
    public static CandleSeriesInfo Of(IReadOnlyList<Candle> candles, TimeSpan? interval = null)
    {
        interval ??= CandleInterval.Infer([.. candles.Take(CandleInterval.InferenceSampleSize).Select(c => c.OpenTimeMs)]);
        var tracker = new CandleSeriesTracker(interval);
        foreach (var candle in candles)
        {
            if (!tracker.TryAdd(candle.OpenTimeMs))
                throw new ArgumentException($"Candle at {candle.OpenTimeMs} is not a whole number of {CandleInterval.Format(interval!.Value)} intervals after the previous one.", nameof(candles));
        }

        return tracker.ToInfo();
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.Append(invariant, $"{Count} candles");
        if (Count > 0) text.Append(invariant, $", {FirstOpenTime:yyyy-MM-dd HH:mm} → {LastOpenTime:yyyy-MM-dd HH:mm} UTC");
        text.Append(Interval is { } interval ? $", interval {CandleInterval.Format(interval)}" : ", interval unknown");
        text.Append(invariant, $", {Gaps.Count} gaps ({MissingCount} candles missing)");
        foreach (var gap in Gaps) text.Append("; gap ").Append(gap);
        return text.ToString();
    }
}
