namespace GridTrader.Core.MarketData;

/// <summary>
/// Builds candles of a longer interval (4h) from consecutive candles of a shorter one (1h), allocation-free and O(1)
/// per candle. Buckets are aligned on whole multiples of the longer interval since the Unix epoch, as exchanges align
/// their klines. A bucket closes with the candle that reaches its end; a bucket left incomplete by a gap in the input
/// is closed, as it stands, by the first candle of a later bucket.
/// </summary>
public sealed class CandleAggregator
{
    private readonly long _sourceMs;
    private readonly long _targetMs;
    private bool _open;
    private long _bucket;
    private decimal _o, _h, _l, _c, _v;

    public CandleAggregator(TimeSpan source, TimeSpan target)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(source, TimeSpan.FromMilliseconds(1));
        ArgumentOutOfRangeException.ThrowIfLessThan(target, source);
        _sourceMs = (long)source.TotalMilliseconds;
        _targetMs = (long)target.TotalMilliseconds;
    }

    public TimeSpan Target => TimeSpan.FromMilliseconds(_targetMs);

    /// <summary>
    /// Adds the next candle. Returns how many longer candles it closed (0, 1, or 2 when it also ended a bucket left
    /// incomplete by a gap), oldest in <paramref name="first"/>. A candle older than the open bucket is ignored.
    /// </summary>
    public int Add(in Candle candle, out Candle first, out Candle second)
    {
        first = default;
        second = default;
        var closed = 0;
        var bucket = candle.OpenTimeMs - Mod(candle.OpenTimeMs, _targetMs);
        if (_open && bucket != _bucket)
        {
            if (bucket < _bucket) return 0;
            first = Current();
            closed = 1;
            _open = false;
        }

        if (!_open)
        {
            _open = true;
            _bucket = bucket;
            (_o, _h, _l, _c, _v) = (candle.Open, candle.High, candle.Low, candle.Close, candle.Volume);
        }
        else
        {
            if (candle.High > _h) _h = candle.High;
            if (candle.Low < _l) _l = candle.Low;
            _c = candle.Close;
            _v += candle.Volume;
        }

        if (candle.OpenTimeMs + _sourceMs < _bucket + _targetMs) return closed;
        _open = false;
        if (closed == 0) first = Current();
        else second = Current();
        return closed + 1;
    }

    /// <summary>Forgets the open bucket.</summary>
    public void Reset() => _open = false;

    private Candle Current() => new(_bucket, _o, _h, _l, _c, _v);

    private static long Mod(long a, long m) => ((a % m) + m) % m;
}
