using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using GridTrader.Configuration;
using GridTrader.Engine.Trading;
using GridTrader.Hosting;
using GridTrader.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace GridTrader.Integration.Tests.Dashboard;

/// <summary>
/// A real bot for end-to-end tests: the simulated exchange replaying the shipped July 2025 BTC candles, its engine and
/// its dashboard on a free loopback port, all in this process, in a temporary data directory. Started from a
/// configuration file (so the settings editor has a file to write) with made-up secrets (so masking can be checked).
/// </summary>
internal sealed class DashboardBot : IAsyncDisposable
{
    /// <summary>Secret values the bot is given; no page or API answer may contain any of them.</summary>
    public static readonly IReadOnlyDictionary<string, string?> FakeSecrets = new Dictionary<string, string?>
    {
        [Secrets.ClientIdVariable] = "client-id-7f3a9c-must-never-show",
        [Secrets.SecretKeyVariable] = "secret-key-51d2e8-must-never-show",
    };

    private readonly DirectoryInfo _directory;
    private readonly BotProcess _process;

    private DashboardBot(DirectoryInfo directory, string configPath, BotProcess process)
    {
        _directory = directory;
        ConfigPath = configPath;
        _process = process;
        // A server bound to every interface is still reached through loopback only.
        Url = process.DashboardUrl!.TrimEnd('/').Replace("://0.0.0.0:", "://127.0.0.1:", StringComparison.Ordinal);
        Handler = new HttpClientHandler();
        Http = new HttpClient(Handler) { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(40) };
    }

    public string Url { get; }
    public string ConfigPath { get; }
    public BotRuntime Runtime => _process.Runtime;
    public BotProcess Process => _process;

    /// <summary>The handler behind <see cref="Http"/> (tests of HTTPS set its certificate check before the first call).</summary>
    public HttpClientHandler Handler { get; }
    public string Token => Runtime.Token;

    /// <summary>A client without the token, like any other program on this machine.</summary>
    public HttpClient Http { get; }

    /// <summary>
    /// Starts the bot and waits until its grid has orders resting on the simulated exchange. <paramref name="configure"/>
    /// edits the <c>GridTrader</c> section before the start; <paramref name="environment"/> adds variables (secrets);
    /// <paramref name="observer"/> sees every engine event.
    /// </summary>
    public static async Task<DashboardBot> StartAsync(double candlesPerSecond = 40, Action<JsonObject>? configure = null,
        IReadOnlyDictionary<string, string?>? environment = null, IEngineObserver? observer = null)
    {
        var directory = Directory.CreateTempSubdirectory("gridtrader-dashboard-");
        var configPath = Path.Combine(directory.FullName, "gridtrader.json");
        await File.WriteAllTextAsync(configPath, ConfigJson(Path.Combine(directory.FullName, "data"), configure));
        var variables = FakeSecrets.ToDictionary();
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>()) variables[key] = value;
        var config = ConfigLoader.Load(configPath, environment: variables);
        Assert.False(config.HasErrors, string.Join("; ", config.Errors));

        var runtime = await BotRuntime.CreateAsync(new RunRequest(config, "simulated", null, false, candlesPerSecond), RunMode.Simulated,
            NullLoggerFactory.Instance, observer, CancellationToken.None);
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

        var bot = new DashboardBot(directory, configPath, process);
        try
        {
            await Poll.UntilAsync(() => Task.FromResult(runtime.Engine.Snapshot is { OpenOrders.Count: > 0 }), TimeSpan.FromSeconds(40),
                "the grid never placed an order");
        }
        catch
        {
            await bot.DisposeAsync();
            throw;
        }

        return bot;
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A POST as the dashboard page sends it: token header, and (optionally) an Origin.</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, string body, bool withToken = true, string? origin = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        if (withToken) request.Headers.Add(DashboardToken.HeaderName, Token);
        if (origin is not null) request.Headers.Add("Origin", origin);
        return await Http.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Handler.Dispose();
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

    /// <summary>The shipped default configuration, pointed at the temporary data directory and a free port.</summary>
    private static string ConfigJson(string dataDirectory, Action<JsonObject>? configure)
    {
        var root = JsonNode.Parse(ConfigLoader.DefaultJson())!.AsObject();
        var section = root["GridTrader"]!.AsObject();
        section["DataDirectory"] = dataDirectory;
        section["Simulation"]!["DataFile"] = TestRepository.SampleData("BTCUSDT-1m-2025-07.csv.gz");
        section["Dashboard"]![nameof(DashboardOptions.Url)] = "http://127.0.0.1:0";
        configure?.Invoke(section);
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }
}
