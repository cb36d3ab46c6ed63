namespace GridTrader.Engine.Backtesting;

/// <summary>
/// Virtual time driven by the data: the backtester sets it from candle times, so the same engine code runs at full
/// speed and gives the same result on every run. Timers are not supported (the backtest loop has none).
/// </summary>
public sealed class BacktestClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    /// <summary>Moves time forward; time never runs backwards.</summary>
    public void Set(DateTimeOffset now)
    {
        if (now > _now) _now = now;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        throw new NotSupportedException("The backtest clock has no timers: the loop is driven by candles.");
}
