using GridTrader.Core.Accounting;
using GridTrader.Core.Grid;
using GridTrader.Core.Indicators;
using GridTrader.Core.MarketData;
using GridTrader.Core.Strategy;
using GridTrader.Core.Tests.Indicators;
using GridTrader.Core.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace GridTrader.Core.Tests.Strategy;

/// <summary>The trend on its own, longer interval (EMA20/EMA50 on 4h while the grid runs on 1h), as the original bot measured it.</summary>
public sealed class TrendTimeframeTests
{
    private static readonly TimeSpan OneMinute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan FourHours = TimeSpan.FromHours(4);

    private static GridStrategy Strategy(TrendTimeframe timeframe) =>
        new(TestMarkets.BtcNok(), new GridSettings { SpacingMode = SpacingMode.FixedPercent }, 10_000m, FeeModel.Firi,
            new FakeTimeProvider(TestMarkets.Start), 0m, timeframe);

    [Fact]
    public void WarmUp_FourHourTrendOnMinuteCandles_EmasEqualThoseOfTheFourHourCloses()
    {
        // July 2025, complete: 186 buckets of 4 hours.
        var candles = SampleCandles.Load("BTCUSDT-1m-2025-07.csv.gz");
        var strategy = Strategy(new TrendTimeframe(OneMinute, FourHours));
        foreach (var c in candles) strategy.WarmUp(c);

        // The EMAs of the 4h closes, computed apart from the strategy.
        var fast = new Ema(20);
        var slow = new Ema(50);
        foreach (var bucket in candles.GroupBy(c => c.OpenTimeMs - (c.OpenTimeMs % (long)FourHours.TotalMilliseconds)))
        {
            fast.Add((double)bucket.Last().Close);
            slow.Add((double)bucket.Last().Close);
        }

        Assert.True(slow.IsReady);
        Assert.Equal(fast.Value, strategy.EmaFast);
        Assert.Equal(slow.Value, strategy.EmaSlow);
    }

    [Fact]
    public void WarmUp_SameTimeframe_EmasMoveWithEveryCandle()
    {
        var candles = SampleCandles.Load("BTCUSDT-5m-2023-03-20_26.csv.gz").Take(60).ToList();
        var strategy = Strategy(TrendTimeframe.Same);
        var slow = new Ema(50);
        foreach (var c in candles)
        {
            strategy.WarmUp(c);
            slow.Add((double)c.Close);
        }

        Assert.Equal(slow.Value, strategy.EmaSlow);
    }

    [Fact]
    public void HistoryNeeded_FourHourTrendOnHourlyCandles_CoversFiftyWholeTrendCandlesFromAnyStart()
    {
        var strategy = new GridStrategy(TestMarkets.BtcNok(), new GridSettings(), 10_000m, FeeModel.Firi, new FakeTimeProvider(TestMarkets.Start), 0m,
            new TrendTimeframe(TimeSpan.FromHours(1), FourHours));

        // 50 trend candles of 4 hours, plus up to 3 hours cut off at either end.
        Assert.Equal(207, strategy.HistoryNeeded);
        Assert.Equal(200, strategy.WarmupRemaining);

        // Fed exactly that many hourly candles, starting mid-bucket, the trend is ready.
        var hour = (long)TimeSpan.FromHours(1).TotalMilliseconds;
        for (var i = 0; i < strategy.HistoryNeeded; i++) strategy.WarmUp(new Candle((i + 1) * hour, 100m, 101m, 99m, 100m + (i % 7), 1m));
        Assert.True(strategy.IsWarm);
    }
}
