namespace GridTrader.Engine.Simulation;

/// <summary>
/// The clock of every simulated run, backtest and demo alike: "now" is the time of the candle being replayed, set by
/// the <see cref="CandleDriver"/>, so orders, fills and expiry live on the data's timeline. It only moves forward.
/// Timers (a demo loop's pacing) still run in real time; a backtest creates none.
/// </summary>
public sealed class VirtualClock(DateTimeOffset start) : TimeProvider
{
    private static readonly long UnixEpochTicks = DateTime.UnixEpoch.Ticks;

    private long _ticks = start.UtcTicks;

    // One writer (the driver) and readers on the engine's loop: a 64-bit volatile read is atomic and costs a plain load.
    public override DateTimeOffset GetUtcNow() => new(Volatile.Read(ref _ticks), TimeSpan.Zero);

    /// <summary>Moves the clock forward to <paramref name="now"/>; an earlier time is ignored.</summary>
    public void Set(DateTimeOffset now) => SetTicks(now.UtcTicks);

    /// <summary>
    /// Moves the clock forward to a Unix time in milliseconds (a candle's open or close); an earlier time is ignored.
    /// The driver sets the clock twice per candle, so this skips building and checking a <see cref="DateTimeOffset"/>.
    /// </summary>
    public void SetUnixTimeMilliseconds(long ms) => SetTicks(UnixEpochTicks + ms * TimeSpan.TicksPerMillisecond);

    private void SetTicks(long ticks)
    {
        if (ticks > Volatile.Read(ref _ticks)) Volatile.Write(ref _ticks, ticks);
    }
}
