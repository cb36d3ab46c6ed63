using System.Text.Json.Nodes;
using GridTrader.Tests.Shared;

namespace GridTrader.Integration.Tests.Cli;

[Collection(CliCollection.Name)]
public sealed class PlanCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [Fact]
    public async Task Plan_DefaultConfigWithAtr_PrintsEveryCellAndTheNetProfitAfterFees()
    {
        var run = await CliRunner.RunAsync("plan", "--config", _temp.DefaultConfig(), "--price", "1000000", "--atr", "20000");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Net profit per round trip after fees", run.Out, StringComparison.Ordinal);
        Assert.Contains("Round trips per cell", run.Out, StringComparison.Ordinal);
        Assert.Contains("buy", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_Json_ListsOrdersAndCellsWithPositiveNetProfit()
    {
        var run = await CliRunner.RunAsync("plan", "--config", _temp.Write("golden.json", GoldenConfig.Json), "--price", "27477.55", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = JsonNode.Parse(run.Out)!;
        Assert.Equal(2, json["orders"]!.AsArray().Count);
        var cells = json["cells"]!.AsArray();
        Assert.Equal(4, cells.Count);
        Assert.Equal(27147.81m, cells[1]!["buy_price"]!.GetValue<decimal>());
        Assert.Equal(27477.55m, cells[1]!["sell_price"]!.GetValue<decimal>());
        Assert.All(cells, c => Assert.True(c!["net_profit"]!.GetValue<decimal>() > 0));
    }

    [Fact]
    public async Task Plan_DefaultCapital_IsWhatABacktestOfTheSameConfigurationAllocates()
    {
        var config = _temp.Write("golden.json", GoldenConfig.Json);
        var backtest = await CliRunner.RunAsync("backtest", "--config", config, "--data", TestRepository.SampleData(GoldenConfig.DataFile), "--json");
        Assert.True(backtest.ExitCode == 0, backtest.ToString());
        var result = JsonNode.Parse(backtest.Out)!;
        var firstPrice = result["first_price"]!.GetValue<decimal>().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var plan = await CliRunner.RunAsync("plan", "--config", config, "--price", firstPrice, "--json");

        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Equal(result["capital_allocated"]!.GetValue<decimal>(), JsonNode.Parse(plan.Out)!["capital"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Plan_BaseHeld_CountsInTheEquityTheCapitalIsAShareOf()
    {
        // 10,000 USDT plus 0.1 BTC at 30,000 is 13,000 of equity; the market's share is 0.2.
        var plan = await CliRunner.RunAsync("plan", "--config", _temp.Write("golden.json", GoldenConfig.Json), "--price", "30000",
            "--base", "0.1", "--json");

        Assert.True(plan.ExitCode == 0, plan.ToString());
        Assert.Equal(2_600m, JsonNode.Parse(plan.Out)!["capital"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Plan_FixedBudget_SpeaksInNokAndPercentOfEquityAndCapsAtTheLimit()
    {
        var config = _temp.Write("nok.json", GoldenConfig.Json.Replace("\"CapitalFraction\": 0.2", "\"InvestmentNok\": 1500", StringComparison.Ordinal));

        var plan = await CliRunner.RunAsync("plan", "--config", config, "--price", "30000", "--json");

        // 10,000 USDT of equity: the fixed 1,500 is 15 % of it; the cap is 20 %.
        Assert.True(plan.ExitCode == 0, plan.ToString());
        var json = JsonNode.Parse(plan.Out)!;
        Assert.Equal(1_500m, json["capital"]!.GetValue<decimal>());
        Assert.Equal(15m, json["capital_pct_of_equity"]!.GetValue<decimal>());
        Assert.Equal(1_500m, json["budget"]!["investment_nok"]!.GetValue<decimal>());
        Assert.Equal(2_000m, json["cap"]!.GetValue<decimal>());
        Assert.Equal(20m, json["cap_pct_of_equity"]!.GetValue<decimal>());

        var human = await CliRunner.RunAsync("plan", "--config", config, "--price", "30000");
        Assert.True(human.ExitCode == 0, human.ToString());
        Assert.Contains("Capital 1500 USDT = 15% of equity 10000 USDT (budget 1500 USDT", human.Out, StringComparison.Ordinal);
        Assert.Contains("per-market cap 2000 USDT = 20%", human.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_AtrSpacingWithoutAtr_FailsSayingWhatIsMissing()
    {
        var run = await CliRunner.RunAsync("plan", "--config", _temp.DefaultConfig(), "--price", "1000000");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--atr", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_SpacingBelowTheFeeFloor_IsRefusedAsTheValidatorDoes()
    {
        var config = _temp.Write("thin.json", GoldenConfig.Json.Replace("\"SpacingPct\": 1.2", "\"SpacingPct\": 0.8", StringComparison.Ordinal));

        var run = await CliRunner.RunAsync("plan", "--config", config, "--price", "27000");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("GridTrader:Grid:SpacingPct", run.Error, StringComparison.Ordinal);
        Assert.Contains("lose money after fees", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_SpacingBelowTheFloorWithOverride_WarnsAndPlans()
    {
        var config = _temp.Write("override.json", GoldenConfig.Json
            .Replace("\"SpacingPct\": 1.2", "\"SpacingPct\": 0.8, \"AllowUnprofitableSpacing\": true", StringComparison.Ordinal));

        var run = await CliRunner.RunAsync("plan", "--config", config, "--price", "27000");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("warning", run.Out + run.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("0")]
    public async Task Plan_PriceNotPositive_Fails(string price)
    {
        var run = await CliRunner.RunAsync("plan", "--config", _temp.DefaultConfig(), "--price", price, "--atr", "100");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--price must be positive", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_PriceNotANumber_FailsAsAParseError()
    {
        var run = await CliRunner.RunAsync("plan", "--config", _temp.DefaultConfig(), "--price", "cheap");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("cheap", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_MissingConfigFile_Fails()
    {
        var run = await CliRunner.RunAsync("plan", "--config", _temp.File("missing.json"), "--price", "1000");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("file not found", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_ConfigThatIsNotJson_Fails()
    {
        var run = await CliRunner.RunAsync("plan", "--config", _temp.Write("broken.json", "{ nope"), "--price", "1000", "--json");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("not valid JSON", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    public void Dispose() => _temp.Dispose();
}
