using System.Globalization;
using System.Net;
using GridTrader.FiriMock.Api;
using GridTrader.FiriMock.Auth;
using GridTrader.FiriMock.Faults;
using GridTrader.FiriMock.Market;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace GridTrader.FiriMock;

/// <summary>
/// Firi's REST API on 127.0.0.1 over the simulated matching engine, with fault injection and an admin API.
/// The executable and the tests both run it in-process: <see cref="StartAsync"/> binds (port 0 picks a free
/// port) and returns the base URL; <see cref="DisposeAsync"/> stops it.
/// </summary>
internal sealed class FiriMockServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private WebApplication? _app;
    private MockExchange? _exchange;
    private AdminEndpoints? _admin;
    private Task _feedLoop = Task.CompletedTask;

    public Uri BaseAddress { get; private set; } = null!;

    public FiriMockOptions Options { get; private set; } = null!;

    /// <summary>The fault injector, for tests that change faults without HTTP.</summary>
    public FaultInjector Faults { get; private set; } = null!;

    /// <summary>The same snapshot <c>GET /admin/state</c> answers.</summary>
    public MockStateDto State => (_admin ?? throw new InvalidOperationException("Not started.")).Snapshot();

    /// <summary>The one line printed when the mock is ready.</summary>
    public string ReadyLine => string.Create(CultureInfo.InvariantCulture,
        $"FiriMock listening on {BaseAddress.AbsoluteUri.TrimEnd('/')} (markets {string.Join(", ", Options.Markets.Select(m => m.Info.Symbol))}; "
        + $"prices {Describe(Options)}; seed {Options.Seed})");

    public async Task<Uri> StartAsync(FiriMockOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (_app is not null) throw new InvalidOperationException("Already started.");
        options.Validate();
        Options = options;

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        if (options.Verbose)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
            builder.Logging.SetMinimumLevel(LogLevel.Debug);
            builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 64 * 1024;
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));
        var app = builder.Build();

        Faults = new FaultInjector(options.Faults, options.Seed);
        var faults = Faults;
        _exchange = new MockExchange(options, () => options.Time.GetUtcNow() + faults.Skew);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("GridTrader.FiriMock");
        var services = new MockServices(options, _exchange, new MockAuthenticator(options.EffectiveKeys, options.Auth), Faults,
            new RequestCounter(), logger)
        { Stopping = _stopping.Token };

        app.UseRouting();
        app.UseMiddleware<FaultMiddleware>(services);
        _admin = new AdminEndpoints(services);
        _admin.Map(app);
        new KlinesEndpoint(services).Map(app);
        new FiriEndpoints(services).Map(app);

        await app.StartAsync(ct);
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
        if (options.PriceSource != MockPriceSource.Scripted) _feedLoop = RunFeedAsync(_exchange, options, logger, _stopping.Token);
        return BaseAddress;
    }

    /// <summary>Completes when the host is asked to stop (Ctrl+C, SIGTERM) or <paramref name="ct"/> fires.</summary>
    public Task WaitForShutdownAsync(CancellationToken ct = default) =>
        (_app ?? throw new InvalidOperationException("Not started.")).WaitForShutdownAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            await _feedLoop;
        }
        catch (OperationCanceledException)
        {
        }

        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _exchange?.Dispose();
        _stopping.Dispose();
    }

    /// <summary>Moves the prices along in small steps, a few dozen times per candle.</summary>
    private static async Task RunFeedAsync(MockExchange exchange, FiriMockOptions options, ILogger logger, CancellationToken ct)
    {
        var period = TimeSpan.FromMilliseconds(Math.Clamp(options.CandleDuration.TotalMilliseconds / 20, 5, 250));
        using var timer = new PeriodicTimer(period, options.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    exchange.AdvanceFeed();
                }
                catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IOException
                    or GridTrader.Exchanges.MarketData.CandleDataException)
                {
                    // One bad step (e.g. a file that became unreadable) is logged; the server keeps answering.
                    MockLog.FeedFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static string Describe(FiriMockOptions options) => options.PriceSource switch
    {
        MockPriceSource.CandleFile => $"replaying {Path.GetFileName(options.DataFile)} × {options.PriceMultiplier.ToString(CultureInfo.InvariantCulture)}, "
            + $"{options.CandleDuration.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s per candle",
        MockPriceSource.Scripted => "scripted",
        _ => $"random walk, {options.CandleDuration.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s per candle",
    };
}
