namespace GridTrader.Engine.Simulation;

/// <summary>
/// The clock of a simulated run: "now" is the time of the candle being replayed, so orders, fills, candles and
/// expiry live on the data's timeline, while timers (the loop's pacing) still run in real time.
/// </summary>
public sealed class ReplayClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    /// <summary>Moves the clock forward (never back).</summary>
    public void Set(DateTimeOffset now)
    {
        var ticks = now.UtcTicks;
        long current;
        do
        {
            current = Interlocked.Read(ref _ticks);
            if (ticks <= current) return;
        }
        while (Interlocked.CompareExchange(ref _ticks, ticks, current) != current);
    }
}
