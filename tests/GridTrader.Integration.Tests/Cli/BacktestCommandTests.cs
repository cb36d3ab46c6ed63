using System.Text.Json;
using System.Text.Json.Nodes;
using GridTrader.Tests.Shared;

namespace GridTrader.Integration.Tests.Cli;

[Collection(CliCollection.Name)]
public sealed class BacktestCommandTests : IDisposable
{
    private static readonly string[] ContractKeys =
    [
        "candles", "round_trips", "realized_pnl", "grid_profit", "grid_pairs", "fees", "unrealized_pnl", "final_equity", "max_drawdown_pct", "buy_and_hold_pnl",
        "elapsed_ms", "candles_per_second",
    ];

    private readonly TempFolder _temp = new();

    private static string GoldenData => TestRepository.SampleData(GoldenConfig.DataFile);

    private Task<CliRun> GoldenAsync(params string[] extra) =>
        CliRunner.RunAsync([
            "backtest", "--config", _temp.Write("golden.json", GoldenConfig.Json), "--data", GoldenData,
            "--from", GoldenConfig.From, "--to", GoldenConfig.To, .. extra,
        ]);

    [Fact]
    public async Task Backtest_Json_PrintsOnlyOneObjectWithTheContractKeys()
    {
        var run = await GoldenAsync("--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = JsonNode.Parse(run.Out)!.AsObject();
        foreach (var key in ContractKeys) Assert.True(json.ContainsKey(key), $"missing {key}");
        Assert.Equal(72, json["candles"]!.GetValue<long>());
        Assert.Equal(3, json["round_trips"]!.GetValue<int>());
        Assert.Equal(2.90m, json["realized_pnl"]!.GetValue<decimal>());
        // Four fixed levels that never move: every sell is sold one line above its buy, so FIFO and the grid pairs agree.
        Assert.Equal(2.90m, json["grid_profit"]!.GetValue<decimal>());
        Assert.Equal(3, json["grid_pairs"]!.GetValue<int>());
        Assert.Equal(10002.90m, json["final_equity"]!.GetValue<decimal>());
        Assert.Equal(0m, json["unrealized_pnl"]!.GetValue<decimal>());
        Assert.Equal("BTCUSDT", json["market"]!.GetValue<string>());
        Assert.Equal("5m", json["interval"]!.GetValue<string>());
        Assert.Equal("2023-03-20T03:00:00Z", json["from"]!.GetValue<string>());
        Assert.Equal("2023-03-20T08:55:00Z", json["to"]!.GetValue<string>());
        Assert.Equal("touch", json["fill_model"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("touch")]
    [InlineData("trade-through")]
    [InlineData("volume-share")]
    public async Task Backtest_FillModelOption_OverridesTheConfigurationAndIsNamedInTheJson(string model)
    {
        var run = await GoldenAsync("--json", "--fill-model", model);

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = JsonNode.Parse(run.Out)!.AsObject();
        Assert.Equal(model, json["fill_model"]!.GetValue<string>());
        Assert.StartsWith(model + ":", json["fill_rule"]!.GetValue<string>(), StringComparison.Ordinal);
        // Every line crossed in that window is crossed by far more than a tick, and 10% of a candle is several BTC:
        // the three models agree there (GoldenFillModelTests derives a window where they do not).
        Assert.Equal(3, json["round_trips"]!.GetValue<int>());
    }

    [Fact]
    public async Task Backtest_UnknownFillModel_FailsNamingTheChoices()
    {
        var run = await GoldenAsync("--json", "--fill-model", "through");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("trade-through", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("fill_model", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backtest_Human_PrintsTheSummaryAndTheFillRule()
    {
        var run = await GoldenAsync();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Round trips", run.Out, StringComparison.Ordinal);
        Assert.Contains("2.90 USDT", run.Out, StringComparison.Ordinal);
        Assert.Contains("O→L→H→C", run.Out, StringComparison.Ordinal);
        Assert.Contains("O→H→L→C", run.Out, StringComparison.Ordinal);
        Assert.Contains("Fill model", run.Out, StringComparison.Ordinal);
        Assert.Contains("when the path touches it", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backtest_HumanWithVolumeShare_NamesTheModelAndTheShare()
    {
        var run = await GoldenAsync("--fill-model", "volume-share");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("volume-share (10% of volume)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backtest_TwiceOnTheSameInput_GivesTheSameBytes()
    {
        var first = await GoldenAsync("--json", "--report", _temp.File("first"));
        var second = await GoldenAsync("--json", "--report", _temp.File("second"));

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first + "\n" + second);
        Assert.Equal(WithoutTimings(first.Out), WithoutTimings(second.Out));
        foreach (var file in new[] { "fills.csv", "round_trips.csv", "equity.csv" })
            Assert.Equal(File.ReadAllBytes(_temp.File($"first/{file}")), File.ReadAllBytes(_temp.File($"second/{file}")));
        Assert.Equal(WithoutTimings(File.ReadAllText(_temp.File("first/summary.json"))), WithoutTimings(File.ReadAllText(_temp.File("second/summary.json"))));
    }

    [Fact]
    public async Task Backtest_Report_WritesFillsCsvAndAnEquityChartPage()
    {
        var run = await GoldenAsync("--report", _temp.File("report"));

        Assert.True(run.ExitCode == 0, run.ToString());
        var fills = File.ReadAllLines(_temp.File("report/fills.csv"));
        Assert.Equal("time,order_id,side,price,amount,value,fee,fee_currency,level", fills[0]);
        Assert.Equal(7, fills.Length);
        Assert.StartsWith("2023-03-20T03:35:00Z,", fills[1], StringComparison.Ordinal);
        Assert.Contains(",buy,27147.81,0.01832,", fills[1], StringComparison.Ordinal);
        var html = File.ReadAllText(_temp.File("report/report.html"));
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.Contains("<polyline", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Contains("<td>Fill model</td><td>touch</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backtest_DefaultConfigOnShippedData_Runs()
    {
        var run = await CliRunner.RunAsync("backtest", "--config", _temp.DefaultConfig(), "--data", TestRepository.SampleData("BTCUSDT-1m-2025-07.csv.gz"),
            "--to", "2025-07-08", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = JsonNode.Parse(run.Out)!;
        Assert.Equal("BTCNOK", json["market"]!.GetValue<string>());
        Assert.Equal(7 * 1440, json["candles"]!.GetValue<long>());
        Assert.Equal(10m, json["price_multiplier"]!.GetValue<decimal>());
        Assert.Equal("trade-through", json["fill_model"]!.GetValue<string>());
    }

    [Fact]
    public async Task Backtest_ConfigThatIsNotJson_Fails()
    {
        var run = await CliRunner.RunAsync("backtest", "--config", _temp.Write("broken.json", "{ \"GridTrader\": "), "--data", GoldenData);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("not valid JSON", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backtest_FromAfterTo_Fails()
    {
        var run = await CliRunner.RunAsync("backtest", "--config", _temp.DefaultConfig(), "--data", GoldenData, "--from", "2023-03-22", "--to", "2023-03-21");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("must be before --to", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backtest_RangeOutsideTheData_FailsSayingNoCandles()
    {
        var run = await CliRunner.RunAsync("backtest", "--config", _temp.DefaultConfig(), "--data", GoldenData, "--from", "2030-01-01");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("no candles", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backtest_WithoutData_FailsAsAParseError()
    {
        var run = await CliRunner.RunAsync("backtest", "--config", _temp.DefaultConfig());

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--data", run.Error, StringComparison.Ordinal);
    }

    private static string WithoutTimings(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        foreach (var key in GridTrader.Reports.BacktestJson.TimingKeys) node.Remove(key);
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    public void Dispose() => _temp.Dispose();
}
