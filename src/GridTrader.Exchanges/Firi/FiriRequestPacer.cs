namespace GridTrader.Exchanges.Firi;

/// <summary>
/// Client-side pacing as a token bucket on the injected <see cref="TimeProvider"/>, so tests pace on
/// virtual time. A caller that finds the bucket empty reserves the next token and waits for it;
/// reservations queue in arrival order because the balance may go negative.
/// (System.Threading.RateLimiting's token bucket refills on a real timer and cannot take a
/// TimeProvider, which is why it is not used here.)
/// </summary>
internal sealed class FiriRequestPacer
{
    private readonly TimeProvider _time;
    private readonly double _ratePerSecond;
    private readonly double _capacity;
    private readonly Lock _lock = new();
    private double _tokens;
    private long _lastTimestamp;

    public FiriRequestPacer(TimeProvider time, double ratePerSecond, int burst)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ratePerSecond, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        _time = time;
        _ratePerSecond = ratePerSecond;
        _capacity = burst;
        _tokens = burst;
        _lastTimestamp = time.GetTimestamp();
    }

    /// <summary>Takes a token and returns how long the caller must wait before using it.</summary>
    public TimeSpan Reserve()
    {
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            var refill = _time.GetElapsedTime(_lastTimestamp, now).TotalSeconds * _ratePerSecond;
            _tokens = Math.Min(_capacity, _tokens + refill);
            _lastTimestamp = now;
            _tokens -= 1;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _ratePerSecond);
        }
    }
}
