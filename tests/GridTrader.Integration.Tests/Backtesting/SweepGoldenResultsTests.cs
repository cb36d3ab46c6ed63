using System.Globalization;
using System.Text;
using GridTrader.Core.MarketData;
using GridTrader.Research;

namespace GridTrader.Integration.Tests.Backtesting;

/// <summary>
/// The figures of every configuration of a sweep over the shipped 2024 file, recorded before the engine and the sweep were
/// made faster (issue 13): whatever the sweep shares between configurations, each must come out as when run alone.
/// Re-recorded when the circuit breaker got its default per candle interval (75 % on 5m candles instead of 30 %).
/// </summary>
public sealed class SweepGoldenResultsTests
{
    private const string File = "BTCUSDT-5m-2024.csv.gz";

    /// <summary>Fixed and ATR spacing (three ATR periods), few and many levels, the trend filter on and off: 72 configurations.</summary>
    private static readonly SweepSpace Space = new([1.2m, 2.0m, 3.6m], [2m, 8m, 16m], [14, 28, 56], [4, 12, 40], [true, false]);

    [Theory]
    [InlineData(1, "dd0609d12271456e")]
    [InlineData(3, "62bcfe54df9eb30e")]
    public async Task Sweep_ShippedFile_EveryConfigurationGivesTheRecordedFigures(int windows, string expectedHash)
    {
        var scale = new CandleScale(10m);
        var candles = GoldenRun.Candles(File).Select(c => scale.Apply(c)).ToArray();
        var folds = windows == 1
            ? [new FoldWindow(0, candles.Length, candles[0].OpenTimeMs, candles[^1].OpenTimeMs)]
            : WalkForwardFolds.Split(candles, windows, 1000, out _)!;
        var options = GoldenRun.Options() with { PriceMultiplier = 1m, CollectFills = false, MaxEquityPoints = 2 };
        var job = new SweepJob([.. folds.Select(w => candles[w.Start..w.End])], options, Space, 0, 1, Parallel: 2);

        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        var count = 0;
        await SweepRunner.RunAsync(job, outcome =>
        {
            count++;
            text.Append(c, $"{outcome.Config.Index} {outcome.SkipReason}");
            foreach (var r in outcome.Runs)
            {
                text.Append(c, $" [{r.Traded} {r.RoundTrips} {r.NetPnl} {r.RealizedPnl} {r.Fees} {r.MaxDrawdownPct} {r.FinalEquity} {r.OrdersPlaced} {r.Rejections}]");
            }

            text.Append('\n');
        }, null, CancellationToken.None);

        Assert.Equal(Space.Count, count);
        Assert.Equal(expectedHash, GoldenFigures.Hash(text));
    }
}
