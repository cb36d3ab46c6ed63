using GridTrader.Core.Strategy;
using GridTrader.Engine.Backtesting;
using GridTrader.Exchanges.MarketData;
using GridTrader.Tests.Shared;

namespace GridTrader.Engine.Tests.Backtesting;

/// <summary>A backtest with its own trend interval builds the trend candles from its data, as the live strategy does.</summary>
public sealed class TrendIntervalBacktestTests
{
    private static BacktestOptions Options(TimeSpan? trend) => GoldenBacktestTests.Options() with
    {
        Grid = GoldenBacktestTests.Options().Grid with
        {
            TrendFilterEnabled = true, TrendFastPeriod = 3, TrendSlowPeriod = 6, TrendThresholdPct = 0.3m, TrendExitThresholdPct = 0.15m,
        },
        TrendInterval = trend,
    };

    private static Task<BacktestResult> RunAsync(TimeSpan? trend) =>
        new Backtester(Options(trend)).RunAsync(new CandleCsvReader(TestRepository.SampleData(GoldenBacktestTests.File)).Read());

    [Fact]
    public async Task Run_FourHourTrendOnFiveMinuteData_TrendMovesOnlyOnFourHourClosesAndFarLessOften()
    {
        var everyCandle = await RunAsync(null);
        var fourHours = await RunAsync(TimeSpan.FromHours(4));

        static List<StrategyNotice> Trends(BacktestResult r) => [.. r.Notices.Where(n => n.Name == StrategyNotice.TrendChanged)];
        Assert.True(Trends(fourHours).Count > 0, string.Join("\n", fourHours.Notices.Select(n => n.Name + ": " + n.Message)));
        Assert.True(Trends(fourHours).Count < Trends(everyCandle).Count,
            $"{Trends(fourHours).Count} trend changes on 4h candles, {Trends(everyCandle).Count} on 5m candles");
        Assert.All(Trends(fourHours), n => Assert.Contains("on 4h", n.Message, StringComparison.Ordinal));
        Assert.Equal(everyCandle.Candles, fourHours.Candles);
    }
}
