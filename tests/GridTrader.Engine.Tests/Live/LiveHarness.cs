using GridTrader.Core.Grid;
using GridTrader.Core.MarketData;
using GridTrader.Core.Markets;
using GridTrader.Core.Risk;
using GridTrader.Engine.Live;
using GridTrader.Engine.Trading;
using GridTrader.Exchanges.Simulation;
using GridTrader.Storage;

namespace GridTrader.Engine.Tests.Live;

/// <summary>
/// A live engine against an in-memory exchange and a real SQLite file, on fast polling intervals, that can be
/// stopped and started again on the same database and exchange to exercise restart and reconciliation.
/// </summary>
internal sealed class LiveHarness : IAsyncDisposable
{
    public const string Symbol = "BTCNOK";
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "gt-live-" + Guid.NewGuid().ToString("N"));
    private SqliteStore? _store;
    private CancellationTokenSource? _cts;
    private Task? _run;

    public LiveHarness(decimal startPrice = 1_000_000m, EngineSettings? settings = null, int levels = 6)
    {
        Market = MarketInfo.FromSymbol(Symbol, minOrderValue: 100m);
        Simulated = new SimulatedExchange([Market], new Dictionary<string, decimal> { ["NOK"] = 100_000m }, TimeProvider.System);
        Exchange = new FaultyExchange(Simulated);
        MoveTo(startPrice);
        Settings = settings ?? new EngineSettings
        {
            OrderTimeToLive = null,
            RejectCooldown = TimeSpan.FromMilliseconds(100),
            UnknownGracePeriod = TimeSpan.FromMilliseconds(300),
        };
        Grid = new GridSettings { Levels = levels, SpacingMode = SpacingMode.FixedPercent, SpacingPct = 1.5m, TrendFilterEnabled = false };
    }

    public MarketInfo Market { get; }
    public SimulatedExchange Simulated { get; }
    public FaultyExchange Exchange { get; }
    public EngineSettings Settings { get; set; }
    public GridSettings Grid { get; }
    public RiskSettings Risk { get; set; } = new();
    public LiveEngine? Engine { get; private set; }
    public RecordingObserver Observer { get; } = new();
    public SqliteStore Store => _store ?? throw new InvalidOperationException("Not started.");

    public void MoveTo(decimal price)
    {
        lock (Simulated.SyncRoot) Simulated.Engine.MoveTo(Symbol, price, TimeProvider.System.GetUtcNow());
    }

    public IReadOnlyList<Core.Orders.ExchangeOrder> OpenOnExchange()
    {
        lock (Simulated.SyncRoot) return Simulated.Engine.GetOpenOrders(Symbol).Value;
    }

    public async Task StartAsync()
    {
        _store = SqliteStore.Open(_dir);
        var options = new LiveEngineOptions
        {
            Engine = Settings,
            TickerInterval = TimeSpan.FromMilliseconds(20),
            OrderPollInterval = TimeSpan.FromMilliseconds(20),
            BalanceInterval = TimeSpan.FromMilliseconds(50),
            ExpiryCheckInterval = TimeSpan.FromMilliseconds(50),
            LoopTick = TimeSpan.FromMilliseconds(10),
        };
        Engine = new LiveEngine(Exchange, _store, _store, new NoCandles(), TimeProvider.System, options,
            [new MarketSetup(Market, Grid, 0.2m, TimeSpan.FromMinutes(1))], Risk, Observer, "test");
        _cts = new CancellationTokenSource();
        _run = Engine.RunAsync(_cts.Token);
        await Engine.Started.WaitAsync(TimeSpan.FromSeconds(20));
    }

    public async Task StopAsync()
    {
        if (_cts is null || _run is null) return;
        await _cts.CancelAsync();
        try
        {
            await _run;
        }
        catch (OperationCanceledException)
        {
            // Expected: the loop ends with its token.
        }

        _cts.Dispose();
        _cts = null;
        _run = null;
        if (_store is not null) await _store.DisposeAsync();
        _store = null;
        Engine = null;
    }

    public static async Task WaitUntil(Func<bool> condition, string what, double seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting until {what}.");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_dir, recursive: true);
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
