using GridTrader.Core.MarketData;

namespace GridTrader.Core.Tests.MarketData;

public class CandleSeriesInfoTests
{
    private const long Minute = 60_000;

    private static Candle At(long minute) => new(minute * Minute, 10m, 11m, 9m, 10m, 1m);

    [Fact]
    public void Infer_MostlyOneMinuteStepsWithAGap_IsOneMinute()
    {
        long[] times = [0, Minute, 2 * Minute, 10 * Minute, 11 * Minute, 12 * Minute];
        Assert.Equal(TimeSpan.FromMinutes(1), CandleInterval.Infer(times));
    }

    [Fact]
    public void Infer_TiedSteps_PicksTheShorter()
    {
        long[] times = [0, 5 * Minute, 6 * Minute];
        Assert.Equal(TimeSpan.FromMinutes(1), CandleInterval.Infer(times));
    }

    [Fact]
    public void Infer_FewerThanTwoTimes_IsNull() => Assert.Null(CandleInterval.Infer([42]));

    [Fact]
    public void Of_SeriesWithTwoGaps_ReportsEachWithFirstLastAndCount()
    {
        Candle[] candles = [At(0), At(1), At(2), At(5), At(6), At(8)];

        var info = CandleSeriesInfo.Of(candles);

        Assert.Equal(6, info.Count);
        Assert.Equal(TimeSpan.FromMinutes(1), info.Interval);
        Assert.Equal([new CandleGap(3 * Minute, 4 * Minute, 2), new CandleGap(7 * Minute, 7 * Minute, 1)], info.Gaps);
        Assert.Equal(3, info.MissingCount);
        Assert.Equal(8 * Minute, info.LastOpenTimeMs);
    }

    [Fact]
    public void Of_EmptySeries_HasNoTimesAndUnknownInterval()
    {
        var info = CandleSeriesInfo.Of([]);
        Assert.Equal(0, info.Count);
        Assert.Null(info.FirstOpenTime);
        Assert.Null(info.Interval);
        Assert.Equal("0 candles, interval unknown, 0 gaps (0 candles missing)", info.ToString());
    }

    [Fact]
    public void Of_StepOffTheIntervalGrid_Throws() =>
        Assert.Throws<ArgumentException>(() => CandleSeriesInfo.Of([At(0), At(5), new Candle(7 * Minute + 30_000, 10m, 11m, 9m, 10m, 1m)], TimeSpan.FromMinutes(5)));

    [Fact]
    public void TrackerTryAdd_OpenTimeNotAfterThePrevious_Throws()
    {
        var tracker = new CandleSeriesTracker(TimeSpan.FromMinutes(1));
        tracker.TryAdd(Minute);
        Assert.Throws<ArgumentOutOfRangeException>(() => tracker.TryAdd(Minute));
    }

    [Fact]
    public void CandleGapToString_SpotHalt_ReadsAsUtcRangeAndCount()
    {
        var gap = new CandleGap(
            new DateTimeOffset(2023, 3, 24, 12, 40, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(),
            new DateTimeOffset(2023, 3, 24, 13, 55, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(),
            16);
        Assert.Equal("2023-03-24 12:40–13:55 UTC (16 candles)", gap.ToString());
    }
}
