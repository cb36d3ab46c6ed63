using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using GridTrader.Configuration;
using GridTrader.FiriMock;
using GridTrader.Hosting;
using GridTrader.Integration.Tests.Dashboard;
using Microsoft.Extensions.Logging.Abstractions;

namespace GridTrader.Integration.Tests.Operations;

/// <summary>
/// The Firi mock on 127.0.0.1 with prices moved only by the test, for bots in live mode that talk to it over HTTP (real
/// Firi client, real signatures, real SQLite file). One mock can serve several bots one after another: a restart.
/// </summary>
internal sealed class FiriMockMarket : IAsyncDisposable
{
    private readonly FiriMockServer _server = new();

    public Uri Url { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;

    public static async Task<FiriMockMarket> StartAsync()
    {
        var market = new FiriMockMarket();
        var options = new FiriMockOptions { Port = 0, PriceSource = MockPriceSource.Scripted, Seed = 3 };
        // Kroner only: coins already held would count as exposure and leave the grid no room.
        options.Balances["BTC"] = 0m;
        options.Balances["ETH"] = 0m;
        market.Url = await market._server.StartAsync(options);
        market.Admin = new HttpClient { BaseAddress = market.Url };
        return market;
    }

    /// <summary>Trades BTCNOK at <paramref name="price"/>: resting orders the price crosses fill.</summary>
    public async Task MoveAsync(decimal price)
    {
        using var response = await Admin.PostAsJsonAsync(new Uri("/admin/price", UriKind.Relative),
            new { market = "BTCNOK", price = price.ToString(CultureInfo.InvariantCulture) });
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await _server.DisposeAsync();
    }
}

/// <summary>
/// A bot in live mode against <see cref="FiriMockMarket"/> with its dashboard on a free loopback port: a six-level grid at
/// fixed 1.5 % spacing around 1,000,000 (three buys from 985,000 down), polling every 0.1 s, storing a history point
/// every 0.2 s. Started in a data directory the caller keeps, so a second start is a restart.
/// </summary>
internal sealed class LiveMockBot : IAsyncDisposable
{
    private readonly BotProcess _process;

    private LiveMockBot(BotProcess process)
    {
        _process = process;
        Http = new HttpClient { BaseAddress = new Uri(process.DashboardUrl!), Timeout = TimeSpan.FromSeconds(30) };
    }

    public BotRuntime Runtime => _process.Runtime;
    public BotProcess Process => _process;
    public HttpClient Http { get; }

    public static async Task<LiveMockBot> StartAsync(FiriMockMarket market, string dataDirectory)
    {
        var configPath = Path.Combine(dataDirectory, "..", Path.GetFileName(dataDirectory) + ".json");
        await File.WriteAllTextAsync(configPath, $$"""
            {"GridTrader":{"Mode":"live","DataDirectory":{{JsonSerializer.Serialize(dataDirectory)}},
              "Exchange":{"RequestsPerSecond":100,"Burst":20},
              "Markets":[{"Symbol":"BTCNOK","CandleInterval":"1m"}],
              "Grid":{"Levels":6,"SpacingMode":"FixedPercent","SpacingPct":1.5,"TrendFilterEnabled":false},
              "Risk":{"DryRun":false,"MaxSpreadPct":5},
              "Engine":{"TickerPollSeconds":0.1,"OrderPollSeconds":0.1},
              "Dashboard":{"Url":"http://127.0.0.1:0","HistorySampleSeconds":0.2} } }
            """);
        var environment = new Dictionary<string, string?>
        {
            [Secrets.ApiKeyVariable] = FiriMockOptions.DefaultApiKey,
            [Secrets.ClientIdVariable] = FiriMockOptions.DefaultClientId,
            [Secrets.SecretKeyVariable] = FiriMockOptions.DefaultSecret,
        };
        var config = ConfigLoader.Load(configPath, environment: environment);
        Assert.False(config.HasErrors, string.Join("; ", config.Errors));
        var request = new RunRequest(config, "firi", market.Url.ToString(), LiveConfirmed: true);
        var (mode, error, _) = RunModeResolver.Resolve(request);
        Assert.Null(error);
        Assert.Equal(RunMode.Live, mode);

        var runtime = await BotRuntime.CreateAsync(request, mode, NullLoggerFactory.Instance, null, CancellationToken.None);
        BotProcess process;
        try
        {
            process = await BotProcess.StartAsync(runtime, CancellationToken.None);
        }
        catch
        {
            await runtime.DisposeAsync();
            throw;
        }

        var bot = new LiveMockBot(process);
        try
        {
            await Poll.UntilAsync(() => Task.FromResult(runtime.Engine.Snapshot is { OpenOrders.Count: >= 3 }), TimeSpan.FromSeconds(30),
                "the live grid never placed its buys");
        }
        catch (Exception ex)
        {
            var events = string.Join(" | ", runtime.Events.Events().TakeLast(15).Select(e => $"{e.Name}: {e.Message}"));
            var engine = process.Engine.IsFaulted ? process.Engine.Exception!.ToString() : process.Engine.Status.ToString();
            await bot.DisposeAsync();
            throw new InvalidOperationException($"{ex.Message} Engine: {engine}. Latest events: {events}", ex);
        }

        return bot;
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _process.DisposeAsync();
        await _process.Runtime.DisposeAsync();
    }
}
