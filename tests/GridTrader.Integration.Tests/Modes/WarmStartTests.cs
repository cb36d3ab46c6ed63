using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GridTrader.Core.MarketData;
using GridTrader.FiriMock;
using GridTrader.Hosting;
using GridTrader.Integration.Tests.Dashboard;
using GridTrader.Integration.Tests.Support;
using GridTrader.Soak;
using GridTrader.Storage;
using GridTrader.Tests.Shared;
using Xunit.Abstractions;

namespace GridTrader.Integration.Tests.Modes;

/// <summary>
/// The warm start end to end: the bot as a real process, a fresh data directory, the Firi mock serving its trades and
/// a Binance-compatible klines history on 127.0.0.1. With 1h candles, ATR spacing and the trend on 4h candles (EMA50 on 4h
/// needs 200 hours of history) the first grid order must reach the exchange within a minute of the process starting.
/// </summary>
public sealed class WarmStartTests(ITestOutputHelper output)
{
    private static readonly TimeSpan FirstOrderLimit = TimeSpan.FromSeconds(60);

    [Fact]
    [Trait("Category", "Process")]
    public async Task Run_FreshDataDirectoryWithHistoryServed_PlacesTheFirstGridOrderWithinAMinuteAndRecordsItsSources()
    {
        using var temp = new TempDirectory();
        await using var mock = new FiriMockServer();
        // 15,000 one-minute candles (10.4 days) of July 2025 before the mock's start: enough for 206 hourly candles.
        var options = new FiriMockOptions
        {
            Port = 0,
            PriceSource = MockPriceSource.CandleFile,
            DataFile = TestRepository.SampleData("BTCUSDT-1m-2025-07.csv.gz"),
            HistoryCandles = 15_000,
        };
        // A NOK-only account, as a new trader's: the grid starts with buys.
        options.Balances.Remove("BTC");
        options.Balances.Remove("ETH");
        var url = (await mock.StartAsync(options)).AbsoluteUri.TrimEnd('/');

        var dataDir = Path.Combine(temp.Path, "data");
        var config = Path.Combine(temp.Path, "live.json");
        await File.WriteAllTextAsync(config, $$"""
            {"GridTrader":{"Mode":"live","DataDirectory":"{{dataDir}}",
              "Markets":[{"Symbol":"BTCNOK","CandleInterval":"1h","TrendInterval":"4h"}],
              "Grid":{"Levels":10,"SpacingMode":"Atr","TrendFilterEnabled":true},
              "Risk":{"DryRun":false,"MaxSpreadPct":5},
              "Dashboard":{"Url":"http://127.0.0.1:0"} } }
            """);
        var environment = new Dictionary<string, string>
        {
            ["FIRI_API_KEY"] = FiriMockOptions.DefaultApiKey,
            ["FIRI_CLIENT_ID"] = FiriMockOptions.DefaultClientId,
            ["FIRI_SECRET_KEY"] = FiriMockOptions.DefaultSecret,
        };
        string[] common = ["--config", config];

        var clock = Stopwatch.StartNew();
        using var bot = ChildProcess.Start("gridtrader.dll", ["run", .. common, "--live", "--firi-url", url, "--reference-url", url], environment);
        await Poll.UntilAsync(() => Task.FromResult(mock.State.OrdersCreated > 0 || bot.HasExited), FirstOrderLimit + TimeSpan.FromSeconds(30),
            "no grid order reached the exchange");
        var firstOrder = clock.Elapsed;
        Assert.False(bot.HasExited, bot.Tail());
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first grid order {firstOrder.TotalSeconds:0.0} s after the process started"));
        Assert.True(firstOrder < FirstOrderLimit, $"the first grid order came {firstOrder.TotalSeconds:0.0} s after start:\n{bot.Tail()}");

        // The running bot's status says where its history came from (it answers once its first turn is published).
        var status = await StatusAsync(common, environment);
        Assert.True(status.GetProperty("source").GetString() == "running bot", $"{status}\n{bot.Tail()}");
        var market = status.GetProperty("markets")[0];
        Assert.Equal("Active", market.GetProperty("phase").GetString());
        var history = market.GetProperty("history");
        var sources = history.GetProperty("sources");
        output.WriteLine($"history: {history}");
        Assert.True(sources.GetProperty(CandleSources.Reference).GetInt64() > 100, history.ToString());
        Assert.True(history.GetProperty("candles").GetInt64() >= history.GetProperty("needed").GetInt64(), history.ToString());
        Assert.Equal(JsonValueKind.Null, history.GetProperty("shortfall").ValueKind);

        Assert.Equal(0, await bot.StopAsync(TimeSpan.FromSeconds(30)));

        // Every stored candle records its source.
        await using var store = SqliteStore.OpenReadOnly(DataPaths.For(dataDir).ForMode(RunMode.Live).Root);
        var stored = await store.CountCandlesBySourceAsync("BTCNOK", TimeSpan.FromHours(1));
        Assert.True(stored.GetValueOrDefault(CandleSources.Reference) > 100, string.Join(", ", stored));
        Assert.Equal(history.GetProperty("candles").GetInt64(), stored.Values.Sum());
    }

    private static async Task<JsonElement> StatusAsync(string[] common, IReadOnlyDictionary<string, string> environment)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var run = await ChildProcess.RunToEndAsync("gridtrader.dll", ["status", "--json", .. common], TimeSpan.FromSeconds(60), environment: environment);
            Assert.True(run.ExitCode == 0, run.Output);
            var json = run.Output.Split('\n').First(l => l.StartsWith('{'));
            using var doc = JsonDocument.Parse(json);
            var status = doc.RootElement.Clone();
            if (status.GetProperty("source").GetString() == "running bot" || DateTime.UtcNow > deadline) return status;
            await Task.Delay(250);
        }
    }
}
