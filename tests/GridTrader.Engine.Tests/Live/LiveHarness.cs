using GridTrader.Core.Grid;
using GridTrader.Core.MarketData;
using GridTrader.Core.Markets;
using GridTrader.Core.Persistence;
using GridTrader.Core.Risk;
using GridTrader.Engine.Live;
using GridTrader.Engine.Trading;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Exchanges.Simulation;
using GridTrader.Storage;
using Microsoft.Extensions.Time.Testing;

namespace GridTrader.Engine.Tests.Live;

/// <summary>
/// A live engine against an in-memory exchange and a real SQLite file, driven step by step on a fake clock: no
/// background loop and no waiting, so every test runs the same way every time. It can be stopped and started again
/// on the same database and exchange to exercise restart and reconciliation.
/// </summary>
internal sealed class LiveHarness : IAsyncDisposable
{
    public const string Symbol = "BTCNOK";

    /// <summary>How far the clock moves per loop step: the ticker and order poll interval.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "gt-live-" + Guid.NewGuid().ToString("N"));
    private SqliteStore? _store;

    public LiveHarness(decimal startPrice = 1_000_000m, EngineSettings? settings = null, int levels = 6,
        MatchingEngineOptions? exchangeOptions = null)
    {
        Market = MarketInfo.FromSymbol(Symbol, minOrderValue: 100m);
        Simulated = new SimulatedExchange([Market], new Dictionary<string, decimal> { ["NOK"] = 100_000m }, Time, exchangeOptions);
        Exchange = new FaultyExchange(Simulated);
        MoveTo(startPrice);
        Settings = settings ?? new EngineSettings
        {
            OrderTimeToLive = null,
            RejectCooldown = TimeSpan.FromSeconds(10),
            UnknownGracePeriod = TimeSpan.FromSeconds(30),
        };
        Grid = new GridSettings { Levels = levels, SpacingMode = SpacingMode.FixedPercent, SpacingPct = 1.5m, TrendFilterEnabled = false };
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    public MarketInfo Market { get; }
    public SimulatedExchange Simulated { get; }
    public FaultyExchange Exchange { get; }
    public EngineSettings Settings { get; set; }
    public GridSettings Grid { get; set; }
    public RiskSettings Risk { get; set; } = new();
    public Core.Accounting.MarketBudget Budget { get; set; } = Core.Accounting.MarketBudget.Fraction(0.2m);

    /// <summary>Readies the exchange for a market added at runtime (see <see cref="LiveEngineOptions.PrepareMarket"/>).</summary>
    public Func<MarketInfo, string?>? PrepareMarket { get; set; }

    /// <summary>Markets added at runtime are listed on the simulated exchange at <paramref name="price"/> (once each).</summary>
    public void ListAddedMarketsAt(decimal price) => PrepareMarket = info =>
    {
        lock (Simulated.SyncRoot)
        {
            if (!Simulated.Engine.TryGetMarket(info.Symbol, out _))
            {
                Simulated.Engine.AddMarket(info);
                Simulated.Engine.MoveTo(info.Symbol, price, Time.GetUtcNow());
            }
        }

        return null;
    };
    public LiveEngine? Engine { get; private set; }
    public RecordingObserver Observer { get; } = new();
    public string Directory => _dir;

    /// <summary>The candle feed the engine polls; null gives one that never produces a candle.</summary>
    public ICandleFeed? Candles { get; set; }

    /// <summary>Wraps the store the engine writes through (a crash-injecting decorator, say); null keeps the SQLite store.</summary>
    public Func<SqliteStore, IEngineStore>? WrapStore { get; set; }

    /// <summary>Wraps the exchange the engine calls; null keeps <see cref="Exchange"/>.</summary>
    public Func<IExchange, IExchange>? WrapExchange { get; set; }

    public SqliteStore Store => _store ?? throw new InvalidOperationException("Not started.");

    public void MoveTo(decimal price)
    {
        lock (Simulated.SyncRoot) Simulated.Engine.MoveTo(Symbol, price, Time.GetUtcNow());
    }

    /// <summary>A candle walks the exchange's book (open → low → high → close or open → high → low → close), filling what it crosses.</summary>
    public void PassCandle(decimal open, decimal high, decimal low, decimal close, decimal volume)
    {
        lock (Simulated.SyncRoot)
        {
            Simulated.Engine.ProcessCandle(Symbol, new Candle(Time.GetUtcNow().ToUnixTimeMilliseconds(), open, high, low, close, volume),
                TimeSpan.FromMinutes(1));
        }
    }

    public IReadOnlyList<Core.Orders.ExchangeOrder> OpenOnExchange()
    {
        lock (Simulated.SyncRoot) return Simulated.Engine.GetOpenOrders(Symbol).Value;
    }

    /// <summary>Opens the store and starts the engine: restore and reconciliation, no loop turn yet.</summary>
    public async Task StartAsync()
    {
        _store = SqliteStore.Open(_dir, Time);
        var options = new LiveEngineOptions
        {
            Engine = Settings,
            TickerInterval = Poll,
            OrderPollInterval = Poll,
            BalanceInterval = TimeSpan.FromSeconds(30),
            ExpiryCheckInterval = TimeSpan.FromSeconds(60),
            PrepareMarket = PrepareMarket,
        };
        var store = WrapStore is null ? (IEngineStore)_store : WrapStore(_store);
        Engine = new LiveEngine(WrapExchange?.Invoke(Exchange) ?? Exchange, store, _store, Candles ?? new NoCandles(), Time, options,
            [new MarketSetup(Market, Grid, Budget, TimeSpan.FromMinutes(1))], Risk, Observer, "test");
        await Engine.StartAsync();
    }

    /// <summary>Moves the clock one poll interval and runs one turn of the loop, <paramref name="steps"/> times.</summary>
    public async Task StepAsync(int steps = 1)
    {
        var engine = Engine ?? throw new InvalidOperationException("Not started.");
        for (var i = 0; i < steps; i++)
        {
            Time.Advance(Poll);
            await engine.StepAsync();
        }
    }

    /// <summary>Steps until <paramref name="condition"/> holds; fails after <paramref name="maxSteps"/> turns.</summary>
    public async Task StepUntilAsync(Func<bool> condition, string what, int maxSteps = 100)
    {
        for (var i = 0; !condition(); i++)
        {
            if (i >= maxSteps) throw new Xunit.Sdk.XunitException($"After {maxSteps} loop turns, still not: {what}.");
            await StepAsync();
        }
    }

    /// <summary>Sends a command, lets the loop execute it, and returns its answer.</summary>
    public async Task<string> CommandAsync(EngineCommand command)
    {
        var answer = Engine!.SendAsync(command);
        await Engine.StepAsync();
        Assert.True(answer.IsCompleted, "the loop executes queued commands at the start of its turn");
        return await answer;
    }

    /// <summary>The process died: the engine is dropped mid-flight, nothing more is written, the database file stays.</summary>
    public async Task AbandonAsync()
    {
        if (_store is not null) await _store.DisposeAsync();
        _store = null;
        Engine = null;
    }

    public async Task StopAsync()
    {
        if (Engine is not null) await Engine.StopAsync();
        if (_store is not null) await _store.DisposeAsync();
        _store = null;
        Engine = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            System.IO.Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Temp files; the OS cleans up eventually.
        }
    }

    private sealed class NoCandles : ICandleFeed
    {
        public bool Completed => false;

        public ValueTask<IReadOnlyList<Candle>> PollAsync(string market, TimeSpan interval, CancellationToken ct = default) =>
            ValueTask.FromResult<IReadOnlyList<Candle>>([]);
    }
}
