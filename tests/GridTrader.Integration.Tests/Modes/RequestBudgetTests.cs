using System.Globalization;
using GridTrader.Configuration;
using GridTrader.Core.Markets;
using GridTrader.FiriMock;
using GridTrader.Hosting;
using GridTrader.Integration.Tests.Dashboard;
using GridTrader.Integration.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace GridTrader.Integration.Tests.Modes;

/// <summary>
/// Three markets trading live against the mock for a minute at Firi's default budget (1 request/s): polling adapts to
/// the number of markets, so the bot stays within the share of the budget polling may use (the rest is left to orders
/// and fills) instead of queueing behind its own limiter.
/// </summary>
public sealed class RequestBudgetTests(ITestOutputHelper output)
{
    private static readonly string[] Markets = ["BTCNOK", "ETHNOK", "LTCNOK"];

    [Fact]
    [Trait("Category", "Process")]
    public async Task Run_ThreeMarketsForAMinute_StaysWithinTheRequestBudget()
    {
        using var temp = new TempDirectory();
        await using var mock = new FiriMockServer();
        // Prices stand still: after the grids' first buys the minute is pure polling, which is what is measured.
        var options = new FiriMockOptions { Port = 0, PriceSource = MockPriceSource.Scripted };
        options.Markets.Add(new MockMarket(new MarketInfo("LTCNOK", "LTC", "NOK", 2, 8, 0.01m), 1_000m));
        options.Balances.Remove("BTC");
        options.Balances.Remove("ETH");
        var url = await mock.StartAsync(options);

        var configPath = Path.Combine(temp.Path, "live.json");
        await File.WriteAllTextAsync(configPath, $$"""
            {"GridTrader":{"Mode":"live","DataDirectory":"{{Path.Combine(temp.Path, "data")}}",
              "Reference":{"Url":""},
              "Markets":[{"Symbol":"BTCNOK","CandleInterval":"1m"},{"Symbol":"ETHNOK","CandleInterval":"1m"},{"Symbol":"LTCNOK","CandleInterval":"1m"}],
              "Grid":{"Levels":6,"SpacingMode":"FixedPercent","SpacingPct":1.5,"TrendFilterEnabled":false},
              "Risk":{"DryRun":false,"MaxSpreadPct":5},
              "Dashboard":{"Enabled":false} } }
            """);
        var environment = new Dictionary<string, string?>
        {
            ["FIRI_API_KEY"] = FiriMockOptions.DefaultApiKey,
            ["FIRI_CLIENT_ID"] = FiriMockOptions.DefaultClientId,
            ["FIRI_SECRET_KEY"] = FiriMockOptions.DefaultSecret,
        };
        var config = ConfigLoader.Load(configPath, environment: environment);
        Assert.False(config.HasErrors, string.Join("; ", config.Errors));
        var request = new RunRequest(config, "firi", url.ToString(), LiveConfirmed: true);
        var (mode, error, _) = RunModeResolver.Resolve(request);
        Assert.Equal((RunMode.Live, null), (mode, error));

        var runtime = await BotRuntime.CreateAsync(request, mode, NullLoggerFactory.Instance, null, CancellationToken.None);
        await using (runtime)
        await using (var bot = await BotProcess.StartAsync(runtime, CancellationToken.None))
        {
            var plan = runtime.Polling!;
            output.WriteLine($"plan: {plan}");
            Assert.True(plan.Stretched, plan.ToString());

            // Every grid placed its buys: the start's burst of placements is over.
            await Poll.UntilAsync(() => Task.FromResult(runtime.Engine.Snapshot is { } s && s.Markets.Count == 3
                && s.Markets.All(m => m.OpenOrders >= 3)), TimeSpan.FromSeconds(60), "the three grids never placed their buys");
            var before = mock.State.RequestsByRoute;
            await Task.Delay(TimeSpan.FromMinutes(1), TimeProvider.System);
            var after = mock.State.RequestsByRoute;

            var delta = after.ToDictionary(kv => kv.Key, kv => kv.Value - before.GetValueOrDefault(kv.Key));
            var firi = delta.Where(kv => !kv.Key.Contains("/api/v3/klines", StringComparison.Ordinal)).Sum(kv => kv.Value);
            foreach (var (route, n) in delta.Where(kv => kv.Value > 0).OrderBy(kv => kv.Key, StringComparer.Ordinal)) output.WriteLine($"{route}: {n}");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{firi} requests to Firi in one minute for {Markets.Length} markets: {firi / (double)Markets.Length:0.0} per market per minute"));

            // The limiter caps at 60 a minute; polling is planned for 45 of them, leaving the rest to orders and fills. Polling
            // that did not adapt would ask for 146 a minute and queue at the cap.
            Assert.True(firi <= plan.BudgetPerMinute, $"{firi} requests in a minute exceed the budget of {plan.BudgetPerMinute}");
            Assert.True(firi <= plan.RequestsPerMinute + 5, $"{firi} requests in a minute; polling was planned for {plan.RequestsPerMinute:0.#}");
            // And every market was polled as planned: ticker, trades and orders of each, about every 16 s.
            var tickers = delta.GetValueOrDefault("GET /v2/markets/{market}/ticker");
            Assert.InRange(tickers, Markets.Length * 3, Markets.Length * 6);
        }
    }
}
