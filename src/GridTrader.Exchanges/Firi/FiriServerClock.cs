namespace GridTrader.Exchanges.Firi;

/// <summary>
/// The signature timestamp: local time from the <see cref="TimeProvider"/>, corrected by the offset to
/// Firi's clock learned from <c>GET /time</c> (whole seconds, the resolution of that endpoint).
/// </summary>
internal sealed class FiriServerClock(TimeProvider time)
{
    private long _offsetSeconds;
    private int _synced;

    public bool IsSynced => Volatile.Read(ref _synced) == 1;

    public TimeSpan Offset => TimeSpan.FromSeconds(Interlocked.Read(ref _offsetSeconds));

    public long NowUnixSeconds() => time.GetUtcNow().ToUnixTimeSeconds() + Interlocked.Read(ref _offsetSeconds);

    /// <summary>
    /// Records the server time seen between <paramref name="sentAt"/> and <paramref name="receivedAt"/>.
    /// The midpoint of the round trip is taken as the moment the server read its clock.
    /// </summary>
    public TimeSpan Learn(long serverUnixSeconds, DateTimeOffset sentAt, DateTimeOffset receivedAt)
    {
        var midpoint = sentAt + (receivedAt - sentAt) / 2;
        var offset = serverUnixSeconds - midpoint.ToUnixTimeSeconds();
        Interlocked.Exchange(ref _offsetSeconds, offset);
        Volatile.Write(ref _synced, 1);
        return TimeSpan.FromSeconds(offset);
    }

    /// <summary>Forgets that the clock was synced (e.g. after an expired signature), keeping the last offset until the next sync.</summary>
    public void Invalidate() => Volatile.Write(ref _synced, 0);
}
