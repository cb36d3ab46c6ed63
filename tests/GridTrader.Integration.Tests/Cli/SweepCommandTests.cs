using System.CommandLine;
using System.Text.Json.Nodes;
using GridTrader.Cli;
using GridTrader.Tests.Shared;

namespace GridTrader.Integration.Tests.Cli;

[Collection(CliCollection.Name)]
public sealed class SweepCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private static string GoldenData => TestRepository.SampleData(GoldenConfig.DataFile);

    [Fact]
    public async Task Sweep_SmallGrid_RanksConfigurationsAndMatchesTheSingleBacktest()
    {
        var config = _temp.Write("golden.json", GoldenConfig.Json);

        var run = await CliRunner.RunAsync("sweep", "--config", config, "--data", GoldenData, "--from", GoldenConfig.From, "--to", GoldenConfig.To,
            "--spacing", "1.0:1.4:0.2", "--levels", "4:6:2", "--spacing-mode", "fixed", "--trend-filter", "off", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = JsonNode.Parse(run.Out)!;
        Assert.Equal(6, json["configurations"]!.GetValue<int>());
        Assert.Equal(4, json["backtested"]!.GetValue<int>());
        var results = json["results"]!.AsArray();
        Assert.Equal(Enumerable.Range(0, 6), results.Select(r => r!["index"]!.GetValue<int>()));
        // 1.0% is below 2 × 0.5% fee + 0.2% margin: skipped, as the validator would refuse it.
        Assert.All(results.Where(r => r!["spacing_pct"]!.GetValue<decimal>() == 1.0m), r => Assert.Equal("below the fee floor", r!["skipped"]!.GetValue<string>()));
        var golden = results.Single(r => r!["spacing_pct"]!.GetValue<decimal>() == 1.2m && r["levels"]!.GetValue<int>() == 4)!;
        Assert.Equal(3, golden["round_trips"]!.GetValue<int>());
        Assert.Equal(2.90m, golden["net_pnl"]!.GetValue<decimal>());
        var best = json["best_by_net_pnl"]!.AsArray().Select(r => r!["net_pnl"]!.GetValue<decimal>()).ToList();
        Assert.Equal(best.OrderByDescending(x => x), best);
    }

    [Fact]
    public async Task Sweep_Human_PrintsBothRankingsTheElapsedTimeAndProgressLines()
    {
        var run = await CliRunner.RunAsync("sweep", "--config", _temp.Write("golden.json", GoldenConfig.Json), "--data", GoldenData,
            "--from", GoldenConfig.From, "--to", GoldenConfig.To, "--spacing", "1.2:1.6:0.2", "--levels", "4", "--spacing-mode", "fixed", "--top", "2");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("by net P&L", run.Out, StringComparison.Ordinal);
        Assert.Contains("by max drawdown", run.Out, StringComparison.Ordinal);
        Assert.Contains("Elapsed", run.Out, StringComparison.Ordinal);
        // Without a terminal the progress is plain lines on standard error, with an ETA.
        Assert.Contains("sweep: 6/6 configurations (100%)", run.Error, StringComparison.Ordinal);
        Assert.Contains("s left", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Default_SweepAbout1000ConfigurationsOfBothSpacingModesAndTheTrendFilter()
    {
        var options = new SweepOptions();
        var command = new Command("sweep");
        options.AddTo(command);

        var space = options.Space(command.Parse("--data x"), out var error)!;

        Assert.Null(error);
        Assert.Equal(1080, space.Count);
        var configs = Enumerable.Range(0, space.Count).Select(i => space[i]).ToList();
        Assert.Equal(configs.Count, configs.Select(c => (c.Mode, c.SpacingPct, c.AtrMultiplier, c.AtrPeriod, c.Levels, c.TrendFilter)).Distinct().Count());
        Assert.Equal(Enumerable.Range(0, space.Count), configs.Select(c => c.Index));
        Assert.Contains(configs, c => c.Mode == Core.Grid.SpacingMode.Atr && c.AtrPeriod == 56 && c.AtrMultiplier == 20m && !c.TrendFilter);
        Assert.Equal(2, configs.Select(c => c.TrendFilter).Distinct().Count());
    }

    [Fact]
    public async Task Sweep_WalkForward_WritesFoldsOutOfSampleTotalAndHeatmaps()
    {
        var report = _temp.File("wf");
        var run = await CliRunner.RunAsync("sweep", "--config", _temp.Write("golden.json", GoldenConfig.Json), "--data", GoldenData,
            "--walk-forward", "3", "--spacing", "1.2:2.0:0.4", "--levels", "4:8:2", "--atr-multiplier", "4,8", "--atr-period", "14", "--report", report, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = JsonNode.Parse(run.Out)!;
        var wf = json["walk_forward"]!;
        var folds = wf["folds"]!.AsArray();
        Assert.Equal(2, folds.Count);
        foreach (var fold in folds)
        {
            foreach (var key in new[] { "train_from", "train_to", "test_from", "test_to", "chosen", "test_pnl" }) Assert.NotNull(fold![key]);
            Assert.True(string.CompareOrdinal(fold!["train_to"]!.GetValue<string>(), fold["test_from"]!.GetValue<string>()) < 0);
        }

        Assert.Equal(folds[0]!["test_from"]!.GetValue<string>(), folds[1]!["train_from"]!.GetValue<string>());
        Assert.Equal(folds.Sum(f => f!["test_pnl"]!.GetValue<decimal>()), wf["out_of_sample_pnl"]!.GetValue<decimal>());
        // The choice is the best on the training window: no configuration made more there.
        var results = json["results"]!.AsArray().Where(r => r!["fold_pnl"] is not null).ToList();
        for (var k = 0; k < folds.Count; k++)
        {
            var chosen = results.Single(r => r!["index"]!.GetValue<int>() == folds[k]!["chosen"]!["index"]!.GetValue<int>())!;
            Assert.Equal(folds[k]!["test_pnl"]!.GetValue<decimal>(), chosen["fold_pnl"]![k + 1]!.GetValue<decimal>());
            Assert.All(results, r => Assert.True(r!["fold_pnl"]![k]!.GetValue<decimal>() <= chosen["fold_pnl"]![k]!.GetValue<decimal>()));
        }

        var ranked = json["best_by_out_of_sample"]!.AsArray().Select(r => r!["out_of_sample_pnl"]!.GetValue<decimal>()).ToList();
        Assert.Equal(ranked.OrderByDescending(x => x), ranked);
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(Path.Combine(report, "heatmap.html")), StringComparison.Ordinal);
        Assert.Contains("<rect", File.ReadAllText(Path.Combine(report, "heatmap.html")), StringComparison.Ordinal);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(Path.Combine(report, "heatmap.png"))[..4]);
        Assert.True(File.Exists(Path.Combine(report, "heatmap-atr.png")));
        Assert.Equal(json.ToJsonString(), JsonNode.Parse(File.ReadAllText(Path.Combine(report, "summary.json")))!.ToJsonString());
    }

    [Fact]
    public async Task Sweep_BestOnTheEdge_Warns()
    {
        var run = await CliRunner.RunAsync("sweep", "--config", _temp.Write("golden.json", GoldenConfig.Json), "--data", GoldenData,
            "--spacing", "1.2:2.0:0.4", "--levels", "4:8:2", "--spacing-mode", "fixed", "--trend-filter", "off", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = JsonNode.Parse(run.Out)!;
        var best = json["best_by_net_pnl"]![0]!;
        var onEdge = best["spacing_pct"]!.GetValue<decimal>() is 1.2m or 2.0m || best["levels"]!.GetValue<int>() is 4 or 8;
        Assert.Equal(onEdge, json["edge_warnings"]!.AsArray().Count > 0);
    }

    [Theory]
    [InlineData("--spacing", "2:1:0.1")]
    [InlineData("--spacing", "1:2")]
    [InlineData("--levels", "4:10:0")]
    [InlineData("--levels", "1:3:1")]
    [InlineData("--atr-period", "14,x")]
    [InlineData("--atr-multiplier", "0:2:1")]
    [InlineData("--spacing-mode", "grid")]
    [InlineData("--trend-filter", "maybe")]
    [InlineData("--shard", "3/3")]
    [InlineData("--shard", "a/b")]
    [InlineData("--shard", "1/0")]
    [InlineData("--shard", "-1/2")]
    [InlineData("--walk-forward", "1")]
    [InlineData("--walk-forward", "0")]
    [InlineData("--walk-forward", "500")]
    public async Task Sweep_BadOption_FailsWithOneLineNamingIt(string option, string value)
    {
        var run = await CliRunner.RunAsync("sweep", "--config", _temp.DefaultConfig(), "--data", GoldenData, option, value, "--json");

        CandleCacheCommandTests.AssertOneLineFailure(run, option);
    }

    public void Dispose() => _temp.Dispose();
}
