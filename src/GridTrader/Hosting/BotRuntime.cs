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
using GridTrader.Exchanges.Http;
using GridTrader.Exchanges.MarketData;
using GridTrader.Exchanges.Paper;
using GridTrader.Exchanges.Reference;
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

    private BotRuntime(LoadedConfig config, RunMode mode, PreparedState state)
    {
        Config = config;
        Mode = mode;
        Paths = state.Paths;
        ModePaths = state.ModePaths;
    }

    public LoadedConfig Config { get; }
    public GridTraderOptions Options => Config.Options;
    public RunMode Mode { get; }

    /// <summary>The data directory: lock, dashboard token and URL file.</summary>
    public DataPaths Paths { get; }

    /// <summary>This mode's state: its database and logs.</summary>
    public ModePaths ModePaths { get; }

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

    /// <summary>Paper and live: the polling intervals sized to Firi's request budget (<see cref="PollingBudget"/>).</summary>
    public PollingPlan? Polling { get; private set; }

    /// <summary>What preparing the state did or found (archived state, an old database); empty when nothing.</summary>
    public IReadOnlyList<string> Notes { get; private set; } = [];

    /// <summary>Prepares the mode's state (see <see cref="StateDirectory"/>), then builds the runtime.</summary>
    public static Task<BotRuntime> CreateAsync(RunRequest request, RunMode mode, ILoggerFactory loggerFactory, IEngineObserver? extraObserver,
        CancellationToken ct) =>
        CreateAsync(request, mode, Prepare(request, mode, TimeProvider.System), loggerFactory, extraObserver, ct);

    /// <summary>Takes the lock, archives or migrates as the mode requires, and checks the state's identity.</summary>
    public static PreparedState Prepare(RunRequest request, RunMode mode, TimeProvider time)
    {
        var options = request.Config.Options;
        return StateDirectory.Prepare(DataPaths.For(options.DataDirectory), mode, StateIdentity.For(request, mode), request.Fresh,
            adoptLegacy: mode == RunMode.Live && options.Mode == TradingModes.Live, time);
    }

    /// <summary>
    /// Builds a runtime on prepared state (whose lock it then owns); throws <see cref="RuntimeSetupException"/> with a clear
    /// message on bad setup.
    /// </summary>
    public static async Task<BotRuntime> CreateAsync(RunRequest request, RunMode mode, PreparedState state, ILoggerFactory loggerFactory,
        IEngineObserver? extraObserver, CancellationToken ct)
    {
        var options = request.Config.Options;
        var paths = state.Paths;
        var runtime = new BotRuntime(request.Config, mode, state) { LoggerFactory = loggerFactory, Notes = state.Notes };
        runtime._ownedSync.Add(state);
        try
        {
            runtime.Store = SqliteStore.Open(state.ModePaths.Root, TimeProvider.System, loggerFactory.CreateLogger("GridTrader.Storage"));
            runtime._owned.Add(runtime.Store);
            foreach (var (key, value) in state.Identity.Entries())
            {
                if (await runtime.Store.GetMetaAsync(key, ct) is null) await runtime.Store.SetMetaAsync(key, value, ct);
            }

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
                    runtime.Markets = [new MarketSetup(info, market.GridFor(options), market.Budget(), interval, market.UseExistingBase)
                    {
                        TrendInterval = market.TrendIntervalOf(),
                    }];
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
                    // One limiter per host for every client of this process (docs/firi-api.md, "Rate limits").
                    var pacers = new HostPacers(TimeProvider.System);
                    // Paper mode gets a client without credentials: private endpoints are unreachable by construction.
                    FiriClientOptions? clientOptions = null;
                    var client = CreateFiriClient(options, request.FiriUrl, mode == RunMode.Live ? request.Config.Secrets : null, http, loggerFactory,
                        pacers, o => clientOptions = o);
                    IExchange exchange = client;
                    PaperExchange? paper = null;
                    if (mode == RunMode.Paper) exchange = paper = await CreatePaperExchangeAsync(options, fees, client, runtime.Store, ct);

                    prepareMarket = info =>
                    {
                        // A market added while the bot runs: the client learns its precision, a paper account the market.
                        clientOptions!.Markets[info.Symbol] = new FiriMarketPrecision { PriceDecimals = info.PriceDecimals, AmountDecimals = info.AmountDecimals };
                        if (paper is not null)
                        {
                            lock (paper.Account.SyncRoot)
                            {
                                if (!paper.Account.Engine.TryGetMarket(info.Symbol, out _)) paper.Account.Engine.AddMarket(info);
                            }
                        }

                        return null;
                    };

                    runtime.Exchange = exchange;
                    runtime.Markets = markets.Select(m => m.ToSetup(options)
                        ?? throw new RuntimeSetupException($"Markets:{m.Symbol}:CandleInterval '{m.CandleInterval}' is not an interval.")).ToList();
                    feed = new TradeCandleFeed(exchange, TimeProvider.System);
                    var polling = runtime.Polling = PollingFor(options, runtime.Markets.Count, mode == RunMode.Live);
                    engineOptions = new LiveEngineOptions
                    {
                        Engine = EngineSettings(options, fees),
                        TickerInterval = polling.TickerInterval,
                        TradePollInterval = polling.TradePollInterval,
                        OrderPollInterval = polling.OrderPollInterval,
                        BalanceInterval = polling.BalanceInterval,
                        WarmStart = true,
                        Reference = CreateReferenceSource(options, request.ReferenceUrl, http, loggerFactory, pacers),
                        PrepareMarket = prepareMarket,
                    };
                    break;
                }

                default:
                    throw new RuntimeSetupException($"Unknown mode {mode}.");
            }

            runtime.Events.Clock = runtime.Time;
            runtime.Engine = new LiveEngine(runtime.Exchange, runtime.Store, runtime.Store, feed, runtime.Time, engineOptions, runtime.Markets, options.Risk,
                observer, mode.Name());
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

    /// <summary>The polling intervals for <paramref name="markets"/> markets within Firi's request budget (the one place they are computed).</summary>
    public static PollingPlan PollingFor(GridTraderOptions options, int markets, bool live) =>
        PollingBudget.Plan(options.Exchange.RequestsPerSecond, Math.Max(markets, 1), TimeSpan.FromSeconds(options.Engine.TickerPollSeconds),
            TimeSpan.FromSeconds(options.Engine.OrderPollSeconds), new LiveEngineOptions().BalanceInterval, privateCallsRemote: live);

    /// <summary>
    /// The reference candle source (<c>Reference:Url</c>, or <c>--reference-url</c>); null when it is turned off (an empty URL
    /// or <c>off</c>).
    /// </summary>
    public static KlinesClient? CreateReferenceSource(GridTraderOptions options, string? urlOverride, HttpClient http, ILoggerFactory loggerFactory,
        HostPacers? pacers)
    {
        var url = urlOverride ?? options.Reference.Url;
        if (string.IsNullOrWhiteSpace(url) || string.Equals(url.Trim(), "off", StringComparison.OrdinalIgnoreCase)) return null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new RuntimeSetupException($"--reference-url '{url}' is not an http(s) URL (use 'off' to turn the reference source off).");
        return new KlinesClient(http, uri, TimeProvider.System, loggerFactory.CreateLogger<KlinesClient>(), pacers, options.Reference.RequestsPerSecond,
            TimeSpan.FromSeconds(options.Reference.TimeoutSeconds));
    }

    /// <summary>
    /// The paper account: restored from the paper database when it has one (balances, resting orders, fills and ids as
    /// the last run left them), else funded with <c>Simulation:InitialBalances</c>; saved after every change.
    /// </summary>
    private static async Task<PaperExchange> CreatePaperExchangeAsync(GridTraderOptions options, FeeModel fees, IExchange marketData,
        SqliteStore store, CancellationToken ct)
    {
        var engine = new MatchingEngine(new MatchingEngineOptions
        {
            FeeRate = fees.Rate,
            FeeCurrency = fees.Policy,
            FillModel = options.Simulation.FillModel,
            VolumeParticipation = options.Simulation.VolumeCap(),
            CollectFills = false,
            // What a restart needs to look orders up again; the account is saved whole after every change, so it stays small.
            ClosedOrderCapacity = PaperHistoryCapacity,
            AccountTradeCapacity = PaperHistoryCapacity,
        });
        // Every configured market, enabled or not: orders a disabled market left on the account still rest there.
        foreach (var m in options.Markets) engine.AddMarket(m.ToMarketInfo(options));
        var accounts = new PaperAccountStore(store);
        if (await accounts.LoadAsync(ct) is { } saved)
        {
            try
            {
                engine.RestoreAccount(saved);
            }
            catch (ArgumentException ex)
            {
                throw new RuntimeSetupException($"{ex.Message} Add that market back to the configuration, or run with --fresh to archive the paper state.");
            }
        }
        else
        {
            foreach (var (currency, amount) in options.Simulation.InitialBalances) engine.Deposit(currency, amount);
        }

        var paper = new PaperExchange(marketData, new SimulatedExchange(engine, TimeProvider.System), TimeProvider.System, accounts);
        await paper.SaveAsync(ct);
        return paper;
    }

    /// <summary>Closed orders and executions a paper account keeps (Firi's history calls return fewer).</summary>
    public const int PaperHistoryCapacity = 1000;

    /// <summary>A Firi client for the configured (or overridden) URL; with <paramref name="secrets"/> null it cannot call private endpoints.</summary>
    public static FiriClient CreateFiriClient(GridTraderOptions options, string? urlOverride, Secrets? secrets, HttpClient http, ILoggerFactory loggerFactory,
        HostPacers? pacers = null, Action<FiriClientOptions>? adjust = null)
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
        adjust?.Invoke(clientOptions);
        foreach (var m in options.Markets)
            clientOptions.Markets[m.Symbol] = new FiriMarketPrecision { PriceDecimals = m.PriceDecimals, AmountDecimals = m.AmountDecimals };
        var credentials = secrets is { HasFiriCredentials: true }
            ? new FiriCredentials(secrets.FiriApiKey, secrets.FiriClientId!, secrets.FiriSecretKey!)
            : null;
        return new FiriClient(http, TimeProvider.System, loggerFactory.CreateLogger<FiriClient>(), clientOptions, credentials, pacers);
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
            if (!CandleInterval.IsSupported(interval))
                throw new RuntimeSetupException($"{file}: its candles are {CandleInterval.Format(interval)} apart; the bot runs on whole-minute candles (1m or more). Check the file's open-time column (milliseconds since 1970).");
            return (first, interval);
        }
        catch (CandleDataException ex)
        {
            throw new RuntimeSetupException(ex.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var d in Enumerable.Reverse(_owned)) await d.DisposeAsync();
        _owned.Clear();
        try
        {
            // Before the lock goes: once it is released, the URL file may already be the next bot's.
            if (File.Exists(Paths.UrlFile)) File.Delete(Paths.UrlFile);
        }
        catch (IOException)
        {
            // Best effort: a stale URL file only makes the CLI try a closed port first.
        }

        foreach (var d in Enumerable.Reverse(_ownedSync)) d.Dispose();
        _ownedSync.Clear();
    }
}

/// <summary>A setup problem with a message meant for the user.</summary>
internal sealed class RuntimeSetupException : Exception
{
    public RuntimeSetupException(string message) : base(message)
    {
    }

    public RuntimeSetupException(string message, Exception inner) : base(message, inner)
    {
    }
}
