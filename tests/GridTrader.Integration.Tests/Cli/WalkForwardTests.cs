using GridTrader.Configuration;
using GridTrader.Core.MarketData;
using GridTrader.Exchanges.MarketData;
using GridTrader.Research;
using GridTrader.Tests.Shared;

namespace GridTrader.Integration.Tests.Cli;

/// <summary>Walk-forward folds, and the proof that a fold's choice never reads its test window.</summary>
public sealed class WalkForwardTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private static readonly SweepSpace Space = new([1.2m, 1.6m, 2.0m, 2.4m], [4m, 8m], [14], [4, 6, 8], [true, false]);

    [Fact]
    public void Split_CutsConsecutiveEqualWindowsCoveringEveryCandle()
    {
        var candles = Week();

        var windows = WalkForwardFolds.Split(candles, 4, 100, out var error)!;

        Assert.Null(error);
        Assert.Equal(4, windows.Count);
        Assert.Equal(0, windows[0].Start);
        Assert.Equal(candles.Length, windows[^1].End);
        for (var i = 1; i < windows.Count; i++)
        {
            Assert.Equal(windows[i - 1].End, windows[i].Start);
            Assert.True(windows[i - 1].ToMs < windows[i].FromMs);
        }

        Assert.True(windows.Max(w => w.Count) - windows.Min(w => w.Count) <= 1);
    }

    [Theory]
    [InlineData(1, "at least 2")]
    [InlineData(30, "candles per window")]
    public void Split_ImpossibleK_SaysWhy(int k, string message)
    {
        Assert.Null(WalkForwardFolds.Split(Week(), k, 100, out var error));
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Choice_TestWindowShuffled_ChoicesTrainedBeforeItDoNotChange()
    {
        var candles = Week();
        var windows = WalkForwardFolds.Split(candles, 4, 100, out _)!;
        var before = await RunAsync(candles, windows);

        // Window 2 is the test window of fold 2 (trained on window 1): shuffle its prices among its candles.
        var poisoned = (Candle[])candles.Clone();
        var w = windows[2];
        var prices = poisoned[w.Start..w.End];
        new Random(7).Shuffle(prices);
        for (var i = w.Start; i < w.End; i++)
        {
            var p = prices[i - w.Start];
            poisoned[i] = p with { OpenTimeMs = candles[i].OpenTimeMs };
        }

        var after = await RunAsync(poisoned, windows);

        // Fold 1 (train 0, test 1) and fold 2 (train 1, test 2) chose before window 2: same choice, same training result.
        Assert.Equal(before.Choices[0], after.Choices[0]);
        Assert.Equal(before.Choices[1]!.Config, after.Choices[1]!.Config);
        Assert.Equal(before.Choices[1]!.TrainPnl, after.Choices[1]!.TrainPnl);
        // … while the test window really was read: the chosen configuration's result there changed.
        Assert.NotEqual(before.Choices[1]!.TestPnl, after.Choices[1]!.TestPnl);
    }

    private async Task<SweepAggregator> RunAsync(Candle[] candles, IReadOnlyList<FoldWindow> windows)
    {
        var loaded = ConfigLoader.Load(_temp.Write("golden.json", GoldenConfig.Json), environment: new Dictionary<string, string?>());
        var options = BacktestSetup.For(loaded.Options, BacktestSetup.PickMarket(loaded.Options, null)!) with
        {
            CollectFills = false, MaxEquityPoints = 2, CandleInterval = TimeSpan.FromMinutes(5),
        };
        var job = new SweepJob([.. windows.Select(x => candles[x.Start..x.End])], options, Space, 0, 1, 2);
        var aggregator = new SweepAggregator(5, windows.Count);
        await SweepRunner.RunAsync(job, aggregator.Offer, null, CancellationToken.None);
        Assert.Equal(Space.Count, aggregator.Offered);
        return aggregator;
    }

    private static Candle[] Week() => CandleFileLoader.Load(TestRepository.SampleData(GoldenConfig.DataFile), cache: null).File.Candles;

    public void Dispose() => _temp.Dispose();
}
