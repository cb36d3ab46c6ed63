using GridTrader.Core.MarketData;
using GridTrader.Core.Tests.Indicators;

namespace GridTrader.Core.Tests.MarketData;

public sealed class CandleAggregatorTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan FourHours = TimeSpan.FromHours(4);
    private static readonly long H = (long)Hour.TotalMilliseconds;

    private static Candle Bar(long hour, decimal open, decimal high, decimal low, decimal close, decimal volume = 1m) =>
        new(hour * H, open, high, low, close, volume);

    [Fact]
    public void Add_FourHoursOfHourlyCandles_ClosesOneCandleWithTheirRangeOnTheLast()
    {
        var aggregator = new CandleAggregator(Hour, FourHours);

        Assert.Equal(0, aggregator.Add(Bar(0, 100, 105, 99, 104), out _, out _));
        Assert.Equal(0, aggregator.Add(Bar(1, 104, 110, 103, 108, 2), out _, out _));
        Assert.Equal(0, aggregator.Add(Bar(2, 108, 109, 95, 96), out _, out _));
        Assert.Equal(1, aggregator.Add(Bar(3, 96, 101, 96, 100, 3), out var closed, out _));

        Assert.Equal(new Candle(0, 100, 110, 95, 100, 7), closed);
    }

    [Fact]
    public void Add_StartingInsideABucket_AlignsOnTheEpochAndClosesThePartialBucketAtItsEnd()
    {
        var aggregator = new CandleAggregator(Hour, FourHours);

        Assert.Equal(0, aggregator.Add(Bar(6, 100, 101, 99, 100), out _, out _));
        Assert.Equal(1, aggregator.Add(Bar(7, 100, 102, 98, 101), out var closed, out _));

        Assert.Equal(4 * H, closed.OpenTimeMs);
        Assert.Equal((100m, 102m, 98m, 101m), (closed.Open, closed.High, closed.Low, closed.Close));
    }

    [Fact]
    public void Add_GapLeavesABucketIncomplete_ClosesItWithTheFirstCandleOfTheNextAndBothWhenThatOneEndsItsOwn()
    {
        var aggregator = new CandleAggregator(Hour, FourHours);
        aggregator.Add(Bar(0, 100, 101, 99, 100), out _, out _);
        aggregator.Add(Bar(1, 100, 103, 99, 102), out _, out _);

        // Hours 2–6 are missing; hour 7 is the last of the 04:00 bucket.
        var closed = aggregator.Add(Bar(7, 110, 111, 109, 110), out var first, out var second);

        Assert.Equal(2, closed);
        Assert.Equal(new Candle(0, 100, 103, 99, 102, 2), first);
        Assert.Equal(new Candle(4 * H, 110, 111, 109, 110, 1), second);
    }

    [Fact]
    public void Add_CandleOlderThanTheOpenBucket_IsIgnored()
    {
        var aggregator = new CandleAggregator(Hour, FourHours);
        aggregator.Add(Bar(5, 100, 101, 99, 100), out _, out _);

        Assert.Equal(0, aggregator.Add(Bar(2, 1, 1000, 1, 1), out _, out _));
        Assert.Equal(1, aggregator.Add(Bar(7, 100, 101, 99, 100), out var closed, out _));
        Assert.Equal(101m, closed.High);
    }

    [Fact]
    public void Add_RealFiveMinuteCandles_EqualsGroupingThemByFourHours()
    {
        var candles = SampleCandles.Load("BTCUSDT-5m-2023-03-20_26.csv.gz");
        var aggregator = new CandleAggregator(TimeSpan.FromMinutes(5), FourHours);
        var incremental = new List<Candle>();
        foreach (var c in candles)
        {
            var n = aggregator.Add(c, out var a, out var b);
            if (n > 0) incremental.Add(a);
            if (n > 1) incremental.Add(b);
        }

        // Batch: group by the 4h bucket; the file's last bucket is complete (it ends at 23:55).
        var batch = candles.GroupBy(c => c.OpenTimeMs - (c.OpenTimeMs % (4 * H)))
            .Select(g => new Candle(g.Key, g.First().Open, g.Max(c => c.High), g.Min(c => c.Low), g.Last().Close, g.Sum(c => c.Volume)))
            .ToList();
        Assert.Equal(batch, incremental);
    }
}
