using System.Net.Http.Json;
using System.Text.Json;
using GridTrader.Configuration;
using GridTrader.Core.Markets;
using GridTrader.Exchanges.Paper;
using GridTrader.FiriMock;
using GridTrader.Hosting;
using GridTrader.Integration.Tests.Dashboard;
using GridTrader.Integration.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace GridTrader.Integration.Tests.Modes;

/// <summary>
/// Paper trading against the Firi mock over HTTP: real (mock) market data, simulated orders, and not one request to a
/// private endpoint, even with credentials in the environment.
/// </summary>
public sealed class PaperModeTests
{
    private static readonly string[] PrivateRoutePrefixes = ["/v2/balances", "/v1/balances", "/v2/orders", "/v2/order/", "/v2/history"];

    [Fact]
    public async Task Run_PaperModeWithKeysInTheEnvironment_TradesOnRealPricesWithoutCallingAnyPrivateEndpoint()
    {
        using var temp = new TempDirectory();
        await using var mock = new FiriMockServer();
        var options = new FiriMockOptions { Port = 0, PriceSource = MockPriceSource.Scripted, Seed = 3 };
        var url = await mock.StartAsync(options);
        using var admin = new HttpClient { BaseAddress = url };
        await MoveAsync(admin, 1_000_000m);

        var configPath = Path.Combine(temp.Path, "paper.json");
        await File.WriteAllTextAsync(configPath, $$"""
            {"GridTrader":{"Mode":"paper","DataDirectory":"{{Path.Combine(temp.Path, "data")}}",
              "Exchange":{"RequestsPerSecond":100,"Burst":20},
              "Reference":{"Url":""},
              "Simulation":{"InitialBalances":{"NOK":100000} },
              "Markets":[{"Symbol":"BTCNOK","CandleInterval":"1m"}],
              "Grid":{"Levels":6,"SpacingMode":"FixedPercent","SpacingPct":1.5,"TrendFilterEnabled":false},
              "Risk":{"DryRun":true,"MaxSpreadPct":5},
              "Engine":{"TickerPollSeconds":0.1,"OrderPollSeconds":0.1},
              "Dashboard":{"Enabled":false} } }
            """);
        var environment = new Dictionary<string, string?>
        {
            ["FIRI_API_KEY"] = "paper-test-key-0001",
            ["FIRI_CLIENT_ID"] = "paper-test-client-0002",
            ["FIRI_SECRET_KEY"] = "paper-test-secret-0003",
        };
        var config = ConfigLoader.Load(configPath, environment: environment);
        Assert.False(config.HasErrors, string.Join("; ", config.Errors));
        var request = new RunRequest(config, "firi", url.ToString(), LiveConfirmed: false);
        var (mode, error, _) = RunModeResolver.Resolve(request);
        Assert.Null(error);
        Assert.Equal(RunMode.Paper, mode);

        var runtime = await BotRuntime.CreateAsync(request, mode, NullLoggerFactory.Instance, null, CancellationToken.None);
        await using (runtime)
        await using (var bot = await BotProcess.StartAsync(runtime, CancellationToken.None))
        {
            Assert.Equal("paper", runtime.Exchange.Name);
            // Paper fills by the configured model: trade-through unless told otherwise.
            Assert.Equal(FillModel.TradeThrough, Assert.IsType<PaperExchange>(runtime.Exchange).Account.Engine.Options.FillModel);
            await Poll.UntilAsync(() => Task.FromResult(runtime.Engine.Snapshot is { OpenOrders.Count: 3 }), TimeSpan.FromSeconds(30),
                "the paper grid never placed its three buys");

            // The real market dips through the top buy at 985,000: the paper order fills.
            await MoveAsync(admin, 980_000m);
            await Poll.UntilAsync(() => Task.FromResult(runtime.Events.Fills().Count > 0), TimeSpan.FromSeconds(30), "no paper fill");
            Assert.Equal(985_000m, runtime.Events.Fills()[0].Price);
        }

        using var state = JsonDocument.Parse(await admin.GetStringAsync(new Uri("/admin/state", UriKind.Relative)));
        var routes = state.RootElement.GetProperty("requestsByRoute").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains(routes, r => r.Contains("/ticker", StringComparison.Ordinal));
        Assert.DoesNotContain(routes, r => PrivateRoutePrefixes.Any(p => r.Contains(p, StringComparison.Ordinal)));
        Assert.Equal(0, state.RootElement.GetProperty("ordersCreated").GetInt64());
    }

    private static async Task MoveAsync(HttpClient admin, decimal price)
    {
        using var response = await admin.PostAsJsonAsync(new Uri("/admin/price", UriKind.Relative), new { market = "BTCNOK", price = price.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        response.EnsureSuccessStatusCode();
    }
}
