namespace GridTrader.Core.Strategy;

public enum Trend
{
    Neutral,
    Up,
    Down,
}

/// <summary>
/// EMA(fast) vs EMA(slow) with hysteresis: a trend is entered when the gap exceeds the entry threshold
/// (original: 1% of the slow EMA) and left only when the gap falls back below the exit threshold, so a
/// price hovering at the threshold does not flip the trend every candle.
/// </summary>
public sealed class TrendFilter(decimal entryThresholdPct, decimal exitThresholdPct)
{
    private readonly double _entry = (double)entryThresholdPct;
    private readonly double _exit = (double)exitThresholdPct;

    public Trend Current { get; private set; } = Trend.Neutral;

    /// <summary>Gap between the EMAs in percent of the slow one, from the last update.</summary>
    public double GapPct { get; private set; }

    /// <summary>Updates with the current EMAs; returns true when the trend changed.</summary>
    public bool Update(double fast, double slow)
    {
        if (!(slow > 0) || double.IsNaN(fast)) return false;
        var gap = (fast - slow) / slow * 100.0;
        GapPct = gap;
        var next = Current switch
        {
            Trend.Up when gap >= _exit => Trend.Up,
            Trend.Down when gap <= -_exit => Trend.Down,
            _ when gap > _entry => Trend.Up,
            _ when gap < -_entry => Trend.Down,
            _ => Trend.Neutral,
        };
        if (next == Current) return false;
        Current = next;
        return true;
    }

    public void Restore(Trend trend) => Current = trend;
}
