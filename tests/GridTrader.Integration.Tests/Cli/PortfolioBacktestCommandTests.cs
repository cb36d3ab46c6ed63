using System.Text.Json.Nodes;
using GridTrader.Tests.Shared;

namespace GridTrader.Integration.Tests.Cli;

/// <summary><c>backtest --data FILE:MARKET --data FILE2:MARKET2</c>: several markets on one account, one week of March 2023.</summary>
[Collection(CliCollection.Name)]
public sealed class PortfolioBacktestCommandTests : IDisposable
{
    private const string Config = """
        {
          "GridTrader": {
            "Simulation": { "PriceMultiplier": 10, "InitialBalances": { "NOK": 100000 } },
            "Markets": [
              { "Symbol": "BTCNOK", "CapitalFraction": 0.2, "CandleInterval": "5m" },
              { "Symbol": "ETHNOK", "CapitalFraction": 0.2, "CandleInterval": "5m", "MinAmount": 0.001 }
            ],
            "Grid": { "Levels": 6, "SpacingMode": "FixedPercent", "SpacingPct": 1.2, "TrendFilterEnabled": false }
          }
        }
        """;

    private static readonly string[] MarketKeys =
    [
        "market", "round_trips", "realized_pnl", "grid_profit", "grid_pairs", "fees", "unrealized_pnl", "capital_allocated", "buy_and_hold_pnl", "time_in_market_pct",
        "peak_capital_used", "breaker_open_days", "grid_stopped_days",
    ];

    private readonly TempFolder _temp = new();

    private static string Btc => TestRepository.SampleData("BTCUSDT-5m-2023-03-20_26.csv.gz");
    private static string Eth => TestRepository.SampleData("ETHUSDT_binance-spot_5m_2022-08-01_2026-03-05.csv.gz");

    private Task<CliRun> BacktestAsync(params string[] args) =>
        CliRunner.RunAsync(["backtest", "--config", _temp.Write("portfolio.json", Config), "--from", "2023-03-20", "--to", "2023-03-27", .. args]);

    [Fact]
    public async Task Backtest_TwoFileMarkets_JsonKeepsTheTotalsAndAddsOneObjectPerMarket()
    {
        var run = await BacktestAsync("--data", Btc + ":BTCNOK", "--data", Eth + ":ETHNOK", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = JsonNode.Parse(run.Out)!.AsObject();
        Assert.Equal("BTCNOK+ETHNOK", json["market"]!.GetValue<string>());
        var markets = json["markets"]!.AsArray().Select(m => m!.AsObject()).ToList();
        // One step per open time of either file; the two files share their 5-minute times.
        Assert.Equal(markets.Max(m => m["candles"]!.GetValue<long>()), json["candles"]!.GetValue<long>());
        Assert.All(markets, m => Assert.InRange(m["candles"]!.GetValue<long>(), 1_900, 2_016));
        Assert.Equal(["BTCNOK", "ETHNOK"], markets.Select(m => m["market"]!.GetValue<string>()));
        foreach (var m in markets)
        {
            foreach (var key in MarketKeys) Assert.True(m.ContainsKey(key), $"{m["market"]}: missing {key}");
            Assert.True(m["round_trips"]!.GetValue<int>() > 0, $"{m["market"]} made no round trip");
        }

        Assert.Equal(json["round_trips"]!.GetValue<int>(), markets.Sum(m => m["round_trips"]!.GetValue<int>()));
        Assert.InRange(json["realized_pnl"]!.GetValue<decimal>() - markets.Sum(m => m["realized_pnl"]!.GetValue<decimal>()), -0.02m, 0.02m);
        // Grid pairs are the account's and each market's: every sell matched to the buy of the line below.
        Assert.True(json["grid_pairs"]!.GetValue<int>() > 0);
        Assert.Equal(json["grid_pairs"]!.GetValue<int>(), markets.Sum(m => m["grid_pairs"]!.GetValue<int>()));
        Assert.InRange(json["grid_profit"]!.GetValue<decimal>() - markets.Sum(m => m["grid_profit"]!.GetValue<decimal>()), -0.02m, 0.02m);
        Assert.InRange(json["fees"]!.GetValue<decimal>() - markets.Sum(m => m["fees"]!.GetValue<decimal>()), -0.02m, 0.02m);
        // One account: both markets' capital is a share of the same 100,000 NOK, and the exposure cap is reported.
        Assert.Equal(100_000m, json["initial_equity"]!.GetValue<decimal>());
        Assert.All(markets, m => Assert.Equal(20_000m, m["capital_allocated"]!.GetValue<decimal>()));
        Assert.Equal(80m, json["max_total_exposure_pct"]!.GetValue<decimal>());
        Assert.InRange(json["peak_exposure_at_placement_pct"]!.GetValue<decimal>(), 1m, 80m);
    }

    [Fact]
    public async Task Backtest_TwoFileMarketsWithReport_WritesPerMarketFilesAndTheAccountsChart()
    {
        var run = await BacktestAsync("--data", Btc + ":BTCNOK", "--data", Eth + ":ETHNOK", "--report", _temp.File("report"));

        Assert.True(run.ExitCode == 0, run.ToString());
        var markets = File.ReadAllLines(_temp.File("report/markets.csv"));
        Assert.StartsWith("market,data_file,candles,round_trips,realized_pnl,fees,", markets[0], StringComparison.Ordinal);
        Assert.Equal(["BTCNOK", "ETHNOK"], markets.Skip(1).Select(l => l.Split(',')[0]));
        var fills = File.ReadAllLines(_temp.File("report/fills.csv"));
        Assert.Equal("time,market,order_id,side,price,amount,value,fee,fee_currency,level", fills[0]);
        Assert.Equal(["BTCNOK", "ETHNOK"], fills.Skip(1).Select(l => l.Split(',')[1]).Distinct().Order());
        var summary = JsonNode.Parse(File.ReadAllText(_temp.File("report/summary.json")))!;
        Assert.Equal(fills.Length - 1, summary["fills"]!.GetValue<int>());
        Assert.Equal(2, summary["markets"]!.AsArray().Count);
        var html = File.ReadAllText(_temp.File("report/report.html"));
        Assert.Contains("<th>BTCNOK</th><th>ETHNOK</th><th>account</th>", html, StringComparison.Ordinal);
        Assert.Contains("<polyline", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backtest_OneFileWithItsMarket_RunsThatMarketNotTheFirstConfigured()
    {
        var run = await BacktestAsync("--data", Eth + ":ETHNOK", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = JsonNode.Parse(run.Out)!.AsObject();
        Assert.Equal("ETHNOK", json["market"]!.GetValue<string>());
        Assert.False(json.ContainsKey("markets"));
        Assert.True(json.ContainsKey("time_in_market_pct") && json.ContainsKey("peak_capital_used") && json.ContainsKey("grid_stopped_days"));
    }

    [Fact]
    public async Task Backtest_MarketNotInTheConfiguration_FailsWithOneLineAndNoOutput()
    {
        var run = await BacktestAsync("--data", Btc + ":BTCNOK", "--data", Eth + ":SOLNOK", "--json");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Contains("'SOLNOK' is not in the configuration", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backtest_PortfolioFileWithoutItsMarket_FailsAskingForFileColonMarket()
    {
        var run = await BacktestAsync("--data", Btc + ":BTCNOK", "--data", Eth, "--json");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("FILE:MARKET", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backtest_EthFileOnTheFirstConfiguredMarketBtc_WarnsOnStandardErrorAndKeepsTheJson()
    {
        var run = await BacktestAsync("--data", Eth, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("BTCNOK", JsonNode.Parse(run.Out)!["market"]!.GetValue<string>());
        Assert.Contains("looks like ETH data, but the market run is BTCNOK", run.Error, StringComparison.Ordinal);
        Assert.Contains("--data FILE:MARKET", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backtest_FileNamedForItsMarket_DoesNotWarn()
    {
        var run = await BacktestAsync("--data", Btc + ":BTCNOK", "--data", Eth + ":ETHNOK", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("warning", run.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();
}
