using System.Text.Json.Nodes;
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
            "--spacing", "1.0:1.4:0.2", "--levels", "4:6:2", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = JsonNode.Parse(run.Out)!;
        Assert.Equal(6, json["configurations"]!.GetValue<int>());
        Assert.Equal(4, json["backtested"]!.GetValue<int>());
        var results = json["results"]!.AsArray();
        // 1.0% is below 2 × 0.5% fee + 0.2% margin: skipped, as the validator would refuse it.
        Assert.All(results.Where(r => r!["spacing_pct"]!.GetValue<decimal>() == 1.0m), r => Assert.Equal("below the fee floor", r!["skipped"]!.GetValue<string>()));
        var golden = results.Single(r => r!["spacing_pct"]!.GetValue<decimal>() == 1.2m && r["levels"]!.GetValue<int>() == 4)!;
        Assert.Equal(3, golden["round_trips"]!.GetValue<int>());
        Assert.Equal(2.90m, golden["net_pnl"]!.GetValue<decimal>());
        var best = json["best_by_net_pnl"]!.AsArray().Select(r => r!["net_pnl"]!.GetValue<decimal>()).ToList();
        Assert.Equal(best.OrderByDescending(x => x), best);
    }

    [Fact]
    public async Task Sweep_Human_PrintsBothRankingsAndTheElapsedTime()
    {
        var run = await CliRunner.RunAsync("sweep", "--config", _temp.Write("golden.json", GoldenConfig.Json), "--data", GoldenData,
            "--from", GoldenConfig.From, "--to", GoldenConfig.To, "--spacing", "1.2:1.6:0.2", "--levels", "4", "--top", "2");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("by net P&L", run.Out, StringComparison.Ordinal);
        Assert.Contains("by max drawdown", run.Out, StringComparison.Ordinal);
        Assert.Contains("Elapsed", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--spacing", "2:1:0.1")]
    [InlineData("--spacing", "1:2")]
    [InlineData("--levels", "4:10:0")]
    [InlineData("--levels", "1:3:1")]
    public async Task Sweep_BadRange_Fails(string option, string value)
    {
        var run = await CliRunner.RunAsync("sweep", "--config", _temp.DefaultConfig(), "--data", GoldenData, option, value);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(option, run.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();
}
