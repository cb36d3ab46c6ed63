namespace GridTrader.Core.MarketData;

/// <summary>
/// Follows the open times of a candle series, in order, and records its count, range and gaps;
/// O(1) per candle (plus one entry per gap).
/// </summary>
public sealed class CandleSeriesTracker
{
    private readonly List<CandleGap> _gaps = [];
    private readonly long _intervalMs;

    /// <param name="interval">The candle interval; null when unknown, which disables gap detection.</param>
    public CandleSeriesTracker(TimeSpan? interval)
    {
        if (interval is { } known)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(known, TimeSpan.FromMilliseconds(1), nameof(interval));
            _intervalMs = (long)known.TotalMilliseconds;
        }

        Interval = interval;
    }

    public TimeSpan? Interval { get; }

    public long Count { get; private set; }

    public long FirstOpenTimeMs { get; private set; }

    public long LastOpenTimeMs { get; private set; }

    public IReadOnlyList<CandleGap> Gaps => _gaps;

    /// <summary>Records the next open time and any gap before it.</summary>
    /// <returns>
    /// False, recording nothing, when the step from the previous open time is not a whole number
    /// of intervals: the series does not fit its interval, and the caller decides how to report it.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException">The open time is not after the previous one.</exception>
    public bool TryAdd(long openTimeMs)
    {
        if (Count == 0)
        {
            FirstOpenTimeMs = openTimeMs;
        }
        else
        {
            var step = openTimeMs - LastOpenTimeMs;
            if (step <= 0)
                throw new ArgumentOutOfRangeException(nameof(openTimeMs), openTimeMs, $"Open times must increase; the previous one is {LastOpenTimeMs}.");
            if (_intervalMs > 0)
            {
                if (step % _intervalMs != 0) return false;
                if (step > _intervalMs)
                    _gaps.Add(new CandleGap(LastOpenTimeMs + _intervalMs, openTimeMs - _intervalMs, (step / _intervalMs) - 1));
            }
        }

        LastOpenTimeMs = openTimeMs;
        Count++;
        return true;
    }

    /// <summary>A snapshot of what has been tracked so far.</summary>
    public CandleSeriesInfo ToInfo() => new(Count, FirstOpenTimeMs, LastOpenTimeMs, Interval, [.. _gaps]);
}
