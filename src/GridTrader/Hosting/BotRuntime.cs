using GridTrader.Configuration;
using GridTrader.Core.Accounting;
using GridTrader.Core.Configuration;
using GridTrader.Core.MarketData;
using GridTrader.Core.Markets;
using GridTrader.Engine.Live;
using GridTrader.Engine.Simulation;
using GridTrader.Engine.Trading;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Exchanges.Firi;
using GridTrader.Exchanges.MarketData;
using GridTrader.Exchanges.Paper;
using GridTrader.Exchanges.Simulation;
using GridTrader.Metrics;
using GridTrader.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace GridTrader.Hosting;

/// <summary>
/// Everything a running bot consists of: store, exchange, engine, candle feed and the dashboard/API, built from the
/// configuration for one of the three modes. Owns their lifetimes.
/// </summary>
internal sealed class BotRuntime : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];
    private readonly List<IDisposable> _ownedSync = [];

    private BotRuntime(LoadedConfig config, RunMode mode, DataPaths paths)
    {
        Config = config;
        Mode = mode;
        Paths = paths;
    }

    public LoadedConfig Config { get; }
    public GridTraderOptions Options => Config.Options;
    public RunMode Mode { get; }
    public DataPaths Paths { get; }
    public SqliteStore Store { get; private set; } = null!;
    public LiveEngine Engine { get; private set; } = null!;
    public IExchange Exchange { get; private set; } = null!;
    /// <summary>The markets the engine trades; replaced (never changed in place) when one is added or stops at runtime.</summary>
    public IReadOnlyList<MarketSetup> Markets { get; private set; } = [];
    public CandleReplay? Replay { get; private set; }
    public TimeProvider Time { get; private set; } = TimeProvider.System;
    public string Token { get; private set; } = "";
    public bool TokenCreated { get; private set; }
    public ILoggerFactory LoggerFactory { get; private set; } = NullLoggerFactory.Instance;
    public RecentEvents Events { get; } = new(2000);

    /// <summary>The Prometheus registry behind <c>GET /metrics</c>: engine counters, snapshot gauges, Firi requests.</summary>
    public BotMetrics Metrics { get; } = new();

    /// <summary>Builds a runtime; throws <see cref="RuntimeSetupException"/> with a clear message on bad setup.</summary>
    public static async Task<BotRuntime> CreateAsync(RunRequest request, RunMode mode, ILoggerFactory loggerFactory,
        IEngineObserver? extraObserver, CancellationToken ct)
    {
        var options = request.Config.Options;
        var paths = DataPaths.For(options.DataDirectory);
        Directory.CreateDirectory(paths.Root);
        var runtime = new BotRuntime(request.Config, mode, paths) { LoggerFactory = loggerFactory };
        try
        {
            var instanceLock = InstanceLock.Acquire(paths.Root);
            runtime._ownedSync.Add(instanceLock);

            // Simulated and paper accounts live in memory: their bot state starts fresh with them.
            if (mode != RunMode.Live) DeleteDatabase(paths);
            runtime.Store = SqliteStore.Open(paths.Root, TimeProvider.System, loggerFactory.CreateLogger("GridTrader.Storage"));
            runtime._owned.Add(runtime.Store);
            runtime.Token = DashboardToken.LoadOrCreate(paths, out var created);
            runtime.TokenCreated = created;

            var markets = options.Markets.Where(m => m.Enabled).ToList();
            if (markets.Count == 0) throw new RuntimeSetupException("No enabled market in the configuration.");
            var fees = options.Fees();
            runtime._ownedSync.Add(runtime.Metrics);
            runtime.Metrics.ReadSnapshotsFrom(() => runtime.Engine?.Snapshot);
            var observers = new List<IEngineObserver> { runtime.Events, runtime.Metrics.Observer };
            if (extraObserver is not null) observers.Add(extraObserver);
            var observer = new CompositeEngineObserver([.. observers]);

            LiveEngineOptions engineOptions;
            ICandleFeed feed;
            Func<MarketInfo, string?>? prepareMarket = null;
            switch (mode)
            {
                case RunMode.Simulated:
                {
                    var market = markets[0];
                    var info = market.ToMarketInfo(options);
                    var file = ResolveDataFile(options.Simulation.DataFile);
                    var (first, interval) = Probe(file);
                    var clock = new VirtualClock(DateTimeOffset.FromUnixTimeMilliseconds(first.OpenTimeMs));
                    var engine = new MatchingEngine(new MatchingEngineOptions
                    {
                        FeeRate = fees.Rate,
                        FeeCurrency = fees.Policy,
                        FillModel = options.Simulation.FillModel,
                        VolumeParticipation = options.Simulation.VolumeCap(),
                        CandleInterval = interval,
                        CollectFills = false,
                    });
                    engine.AddMarket(info);
                    foreach (var (currency, amount) in options.Simulation.InitialBalances) engine.Deposit(currency, amount);
                    var exchange = new SimulatedExchange(engine, clock);
                    var cps = request.CandlesPerSecond ?? options.Simulation.CandlesPerSecond;
                    if (!(cps > 0)) throw new RuntimeSetupException("Simulation:CandlesPerSecond must be positive for run (use backtest for full speed).");
                    var driver = new CandleDriver(engine, clock, info.Symbol, interval, new CandleScale(options.Simulation.PriceMultiplier));
                    runtime.Replay = new CandleReplay(exchange, driver, info.Symbol, new CandleCsvReader(file).Read(), cps);
                    runtime.Exchange = exchange;
                    runtime.Time = clock;
                    runtime.Markets = [new MarketSetup(info, market.GridFor(options), market.Budget(), interval, market.UseExistingBase)];
                    feed = runtime.Replay;
                    engineOptions = new LiveEngineOptions
                    {
                        Engine = EngineSettings(options, fees),
                        TickerInterval = interval,
                        OrderPollInterval = interval,
                        BalanceInterval = interval,
                        ExpiryCheckInterval = interval * 5,
                        LoopTick = TimeSpan.FromMilliseconds(Math.Clamp(1000.0 / cps, 10, 200)),
                        PrepareMarket = _ => "the simulated exchange replays one market's candle file; add markets in paper or live mode (run --exchange firi)",
                    };
                    break;
                }

                case RunMode.Paper:
                case RunMode.Live:
                {
                    var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
                    runtime._ownedSync.Add(http);
                    // Paper mode gets a client without credentials: private endpoints are unreachable by construction.
                    var clientOptions = FiriClientOptionsFor(options, request.FiriUrl);
                    var client = CreateFiriClient(clientOptions, mode == RunMode.Live ? request.Config.Secrets : null, http, loggerFactory);
                    IExchange exchange = client;
                    MatchingEngine? paperAccount = null;
                    SimulatedExchange? paperExchange = null;
                    if (mode == RunMode.Paper)
                    {
                        var engine = new MatchingEngine(new MatchingEngineOptions
                        {
                            FeeRate = fees.Rate,
                            FeeCurrency = fees.Policy,
                            FillModel = options.Simulation.FillModel,
                            VolumeParticipation = options.Simulation.VolumeCap(),
                            CollectFills = false,
                        });
                        foreach (var m in markets) engine.AddMarket(m.ToMarketInfo(options));
                        foreach (var (currency, amount) in options.Simulation.InitialBalances) engine.Deposit(currency, amount);
                        paperAccount = engine;
                        paperExchange = new SimulatedExchange(engine, TimeProvider.System);
                        exchange = new PaperExchange(client, paperExchange, TimeProvider.System);
                    }

                    prepareMarket = info =>
                    {
                        // A market added while the bot runs: the client learns its precision, a paper account the market.
                        clientOptions.Markets[info.Symbol] = new FiriMarketPrecision { PriceDecimals = info.PriceDecimals, AmountDecimals = info.AmountDecimals };
                        if (paperAccount is not null)
                        {
                            lock (paperExchange!.SyncRoot)
                            {
                                if (!paperAccount.TryGetMarket(info.Symbol, out _)) paperAccount.AddMarket(info);
                            }
                        }

                        return null;
                    };

                    runtime.Exchange = exchange;
                    runtime.Markets = markets.Select(m => m.ToSetup(options)
                        ?? throw new RuntimeSetupException($"Markets:{m.Symbol}:CandleInterval '{m.CandleInterval}' is not an interval.")).ToList();
                    feed = new TradeCandleFeed(exchange, TimeProvider.System);
                    engineOptions = new LiveEngineOptions
                    {
                        Engine = EngineSettings(options, fees),
                        TickerInterval = TimeSpan.FromSeconds(options.Engine.TickerPollSeconds),
                        OrderPollInterval = TimeSpan.FromSeconds(options.Engine.OrderPollSeconds),
                        PrepareMarket = prepareMarket,
                    };
                    break;
                }

                default:
                    throw new RuntimeSetupException($"Unknown mode {mode}.");
            }

            runtime.Events.Clock = runtime.Time;
            runtime.Engine = new LiveEngine(runtime.Exchange, runtime.Store, runtime.Store, feed, runtime.Time, engineOptions, runtime.Markets, options.Risk,
                observer, mode.ToString().ToLowerInvariant());
            return runtime;
        }
        catch
        {
            await runtime.DisposeAsync();
            throw;
        }
    }

    /// <summary>The engine now trades <paramref name="markets"/> (after a market was added, enabled, disabled or removed).</summary>
    public void MarketsChanged(IReadOnlyList<MarketSetup> markets) => Markets = markets;

    /// <summary>A Firi client for the configured (or overridden) URL; with <paramref name="secrets"/> null it cannot call private endpoints.</summary>
    public static FiriClient CreateFiriClient(GridTraderOptions options, string? urlOverride, Secrets? secrets, HttpClient http, ILoggerFactory loggerFactory) =>
        CreateFiriClient(FiriClientOptionsFor(options, urlOverride), secrets, http, loggerFactory);

    private static FiriClient CreateFiriClient(FiriClientOptions clientOptions, Secrets? secrets, HttpClient http, ILoggerFactory loggerFactory)
    {
        var credentials = secrets is { HasFiriCredentials: true }
            ? new FiriCredentials(secrets.FiriApiKey, secrets.FiriClientId!, secrets.FiriSecretKey!)
            : null;
        return new FiriClient(http, TimeProvider.System, loggerFactory.CreateLogger<FiriClient>(), clientOptions, credentials);
    }

    /// <summary>The Firi client's options: URL, pacing, retries and every configured market's precision (a market added later is given its own).</summary>
    private static FiriClientOptions FiriClientOptionsFor(GridTraderOptions options, string? urlOverride)
    {
        var baseUrl = urlOverride ?? options.Exchange.BaseUrl;
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new RuntimeSetupException($"--firi-url '{baseUrl}' is not an http(s) URL.");
        var clientOptions = new FiriClientOptions
        {
            BaseUrl = uri,
            ValidityMs = options.Exchange.ValidityMs,
            RequestsPerSecond = options.Exchange.RequestsPerSecond,
            Burst = options.Exchange.Burst,
            Timeout = TimeSpan.FromSeconds(options.Exchange.TimeoutSeconds),
            MaxRetries = options.Exchange.MaxRetries,
        };
        foreach (var m in options.Markets)
            clientOptions.Markets[m.Symbol] = new FiriMarketPrecision { PriceDecimals = m.PriceDecimals, AmountDecimals = m.AmountDecimals };
        return clientOptions;
    }

    public static EngineSettings EngineSettings(GridTraderOptions options, FeeModel fees) => new()
    {
        Fees = fees,
        OrderTimeToLive = options.Engine.OrderTtlHours > 0 ? TimeSpan.FromHours(options.Engine.OrderTtlHours) : null,
        RejectCooldown = TimeSpan.FromSeconds(options.Engine.RejectCooldownSeconds),
        ReconcileWindow = TimeSpan.FromMinutes(options.Engine.ReconcileWindowMinutes),
        UnknownGracePeriod = TimeSpan.FromSeconds(options.Engine.UnknownGraceSeconds),
    };

    /// <summary>Finds a data file: as given, relative to the working directory, or shipped next to the program.</summary>
    public static string ResolveDataFile(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new RuntimeSetupException("Simulation:DataFile is empty.");
        if (File.Exists(path)) return Path.GetFullPath(path);
        var beside = Path.Combine(AppContext.BaseDirectory, path);
        if (File.Exists(beside)) return beside;
        throw new RuntimeSetupException($"Candle data file not found: {Path.GetFullPath(path)} (also looked in {AppContext.BaseDirectory}).");
    }

    private static (Candle First, TimeSpan Interval) Probe(string file)
    {
        try
        {
            using var e = new CandleCsvReader(file).Read().GetEnumerator();
            if (!e.MoveNext()) throw new RuntimeSetupException($"{file} holds no candles.");
            var first = e.Current;
            var interval = e.MoveNext() ? TimeSpan.FromMilliseconds(e.Current.OpenTimeMs - first.OpenTimeMs) : TimeSpan.FromMinutes(1);
            return (first, interval);
        }
        catch (CandleDataException ex)
        {
            throw new RuntimeSetupException(ex.Message);
        }
    }

    private static void DeleteDatabase(DataPaths paths)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            var file = paths.Database + suffix;
            if (File.Exists(file)) File.Delete(file);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var d in Enumerable.Reverse(_owned)) await d.DisposeAsync();
        foreach (var d in Enumerable.Reverse(_ownedSync)) d.Dispose();
        _owned.Clear();
        _ownedSync.Clear();
        try
        {
            if (File.Exists(Paths.UrlFile)) File.Delete(Paths.UrlFile);
        }
        catch (IOException)
        {
            // Best effort: a stale URL file only makes the CLI try a closed port first.
        }
    }
}

/// <summary>A setup problem with a message meant for the user.</summary>
internal sealed class RuntimeSetupException(string message) : Exception(message);
