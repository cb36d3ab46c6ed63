using System.Text.Json;
using System.Text.Json.Nodes;
using GridTrader.Configuration;
using GridTrader.Hosting;
using GridTrader.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace GridTrader.Integration.Tests.Dashboard;

/// <summary>
/// The dashboard's app (<see cref="DashboardServer.AddServices"/>, <see cref="DashboardServer.MapDashboard"/>) on
/// ASP.NET's in-process test server, over a real running bot: the simulated exchange replaying the shipped July 2025
/// candles, its engine and store in a temporary data directory. No socket is opened for the API.
/// </summary>
internal sealed class DashboardApiFactory(BotProcess bot, bool loopbackOnly) : WebApplicationFactory<BotRuntime>
{
    private readonly BotRuntime runtime = bot.Runtime;

    protected override IHostBuilder CreateHostBuilder() =>
        new HostBuilder().ConfigureWebHost(web => web
            .ConfigureServices(services => DashboardServer.AddServices(services, runtime, bot.History))
            .Configure(app => DashboardServer.MapDashboard(app, runtime, loopbackOnly)));
}

/// <summary>A running bot without its own dashboard server, for <see cref="DashboardApiFactory"/>.</summary>
public sealed class HeadlessBot : IAsyncLifetime
{
    private DirectoryInfo _directory = null!;
    private BotProcess _process = null!;

    internal BotRuntime Runtime { get; private set; } = null!;

    internal BotProcess Process => _process;

    public async Task InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("gridtrader-api-");
        var root = JsonNode.Parse(ConfigLoader.DefaultJson())!.AsObject();
        var section = root["GridTrader"]!.AsObject();
        section["DataDirectory"] = Path.Combine(_directory.FullName, "data");
        section["Simulation"]!["DataFile"] = TestRepository.SampleData("BTCUSDT-1m-2025-07.csv.gz");
        section["Dashboard"]!["Enabled"] = false;
        var configPath = Path.Combine(_directory.FullName, "gridtrader.json");
        await File.WriteAllTextAsync(configPath, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var config = ConfigLoader.Load(configPath, environment: new Dictionary<string, string?>());
        Assert.False(config.HasErrors, string.Join("; ", config.Errors));

        Runtime = await BotRuntime.CreateAsync(new RunRequest(config, "simulated", null, false, 20), RunMode.Simulated,
            NullLoggerFactory.Instance, null, CancellationToken.None);
        _process = await BotProcess.StartAsync(Runtime, CancellationToken.None);
        Assert.Null(_process.DashboardUrl);
        await Poll.UntilAsync(() => Task.FromResult(Runtime.Engine.Snapshot is { OpenOrders.Count: > 0 }), TimeSpan.FromSeconds(40),
            "the grid never placed an order");
    }

    public async Task DisposeAsync()
    {
        await _process.DisposeAsync();
        await Runtime.DisposeAsync();
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }
}
