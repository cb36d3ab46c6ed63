namespace GridTrader.Exchanges.Simulation;

/// <summary>
/// Rolling 24 h statistics kept in 24 hourly buckets: bounded memory and O(1) per candle. The window
/// is therefore the current hour plus the 23 before it, which is close enough for a market summary.
/// </summary>
internal sealed class MarketStats
{
    private const long HourMs = 3_600_000;
    private const int Hours = 24;
    private readonly Bucket[] _buckets = new Bucket[Hours];
    private long _latestHour = long.MinValue;

    public void Add(long timeMs, decimal open, decimal high, decimal low, decimal volume)
    {
        var hour = timeMs / HourMs;
        ref var b = ref _buckets[(int)(((hour % Hours) + Hours) % Hours)];
        if (b.Hour != hour || !b.Used)
        {
            b = new Bucket { Used = true, Hour = hour, Open = open, High = high, Low = low, Volume = volume };
        }
        else
        {
            if (high > b.High) b.High = high;
            if (low < b.Low) b.Low = low;
            b.Volume += volume;
        }

        if (hour > _latestHour) _latestHour = hour;
    }

    /// <summary>High, low, volume and the opening price of the window ending at the latest hour seen.</summary>
    public (decimal High, decimal Low, decimal Volume, decimal Open) Window()
    {
        decimal high = 0m, low = 0m, volume = 0m, open = 0m;
        var oldest = long.MaxValue;
        var any = false;
        foreach (var b in _buckets)
        {
            if (!b.Used || b.Hour <= _latestHour - Hours) continue;
            if (!any || b.High > high) high = b.High;
            if (!any || b.Low < low) low = b.Low;
            any = true;
            volume += b.Volume;
            if (b.Hour < oldest)
            {
                oldest = b.Hour;
                open = b.Open;
            }
        }

        return (high, low, volume, open);
    }

    private struct Bucket
    {
        public bool Used;
        public long Hour;
        public decimal Open;
        public decimal High;
        public decimal Low;
        public decimal Volume;
    }
}
