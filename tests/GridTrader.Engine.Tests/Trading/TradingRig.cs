using GridTrader.Core.Accounting;
using GridTrader.Core.Grid;
using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Core.Persistence;
using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;
using GridTrader.Engine.Live;
using GridTrader.Engine.Tests.Live;
using GridTrader.Engine.Trading;
using GridTrader.Exchanges.Simulation;
using Microsoft.Extensions.Time.Testing;

namespace GridTrader.Engine.Tests.Trading;

/// <summary>
/// A <see cref="TradingCore"/> on a fake clock against an in-memory exchange, with a recording store and observer. The
/// account holds 100,000 NOK; BTCNOK trades at 1,000,000 with a 6-level grid at a fixed 1.5% and 20,000 NOK of capital,
/// so the first ticker rests buys at 955,000, 970,000 and 985,000. With <c>withEth</c> ETHNOK trades beside it at 20,000
/// with the same grid (buys at 19,100, 19,400 and 19,700).
/// </summary>
internal sealed class TradingRig
{
    public const string Btc = "BTCNOK";
    public const string Eth = "ETHNOK";
    public const decimal BtcPrice = 1_000_000m;
    public const decimal EthPrice = 20_000m;
    public const decimal StartingNok = 100_000m;
    public static readonly decimal[] BtcBuys = [955_000m, 970_000m, 985_000m];
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly GridSettings Grid = new()
    {
        Levels = 6,
        SpacingMode = SpacingMode.FixedPercent,
        SpacingPct = 1.5m,
        TrendFilterEnabled = false,
    };

    public TradingRig(EngineSettings? settings = null, RiskSettings? risk = null, bool withEth = false, IEngineStore? store = null,
        FakeTimeProvider? time = null, GridSettings? grid = null)
    {
        Time = time ?? new FakeTimeProvider(Start);
        var markets = new List<MarketInfo> { MarketInfo.FromSymbol(Btc, minOrderValue: 100m) };
        if (withEth) markets.Add(MarketInfo.FromSymbol(Eth, minOrderValue: 100m));
        Simulated = new SimulatedExchange(markets, new Dictionary<string, decimal> { ["NOK"] = StartingNok }, Time);
        Exchange = new ScriptedExchange(Simulated);
        MoveTo(Btc, BtcPrice);
        if (withEth) MoveTo(Eth, EthPrice);
        Store = store ?? new RecordingStore();
        Settings = settings ?? new EngineSettings
        {
            OrderTimeToLive = null,
            RejectCooldown = TimeSpan.FromSeconds(10),
            UnknownGracePeriod = TimeSpan.FromSeconds(30),
            ReconcileWindow = TimeSpan.FromMinutes(10),
        };
        Risk = new RiskManager(risk ?? new RiskSettings());
        Ledger = new Ledger(new Dictionary<string, decimal> { ["NOK"] = StartingNok });
        Core = new TradingCore(Exchange, Account, Risk, Tracker, Ledger, Store, Observer, Settings, Time);
        foreach (var info in markets)
        {
            Ledger.RegisterMarket(info.Symbol, info.BaseCurrency, info.QuoteCurrency, 0m);
            Core.AddMarket(info, new GridStrategy(info, grid ?? Grid, 20_000m, Settings.Fees, Time));
        }

        RefreshBalances();
    }

    public FakeTimeProvider Time { get; }
    public SimulatedExchange Simulated { get; }
    public ScriptedExchange Exchange { get; }
    public BalanceBook Account { get; } = new();
    public IEngineStore Store { get; }
    public RecordingStore Recorded => (RecordingStore)Store;
    public RecordingObserver Observer { get; } = new();
    public EngineSettings Settings { get; }
    public RiskManager Risk { get; }
    public OrderTracker Tracker { get; } = new();
    public Ledger Ledger { get; }
    public TradingCore Core { get; }
    public MarketSlot BtcSlot => Core.Market(Btc)!;
    public MarketSlot EthSlot => Core.Market(Eth) ?? throw new InvalidOperationException("Built without ETHNOK.");

    /// <summary>Moves the bot through Starting to Running, as a live start does after reconciling.</summary>
    public async Task RunningAsync()
    {
        await Core.Control.MoveToAsync(BotState.Starting, "test start");
        await Core.Control.MoveToAsync(BotState.Running, "test running");
    }

    /// <summary>Feeds the exchange's current ticker of <paramref name="symbol"/> to the core.</summary>
    public async Task TickAsync(string symbol = Btc)
    {
        var ticker = await Simulated.GetTickerAsync(symbol);
        await Core.OnTickerAsync(Core.Market(symbol)!, ticker.Value);
    }

    /// <summary>Running, one ticker: the starting buys of <paramref name="symbol"/> rest on the exchange.</summary>
    public async Task<IReadOnlyList<TrackedOrder>> LadderAsync(string symbol = Btc)
    {
        if (Risk.State != BotState.Running) await RunningAsync();
        await TickAsync(symbol);
        return LiveOrders(symbol);
    }

    public IReadOnlyList<TrackedOrder> LiveOrders(string symbol = Btc) => Tracker.LiveIn(symbol).OrderBy(o => o.Price).ToList();

    public TrackedOrder LiveAt(decimal price, string symbol = Btc) => Tracker.LiveIn(symbol).Single(o => o.Price == price);

    public void MoveTo(string symbol, decimal price)
    {
        lock (Simulated.SyncRoot) Simulated.Engine.MoveTo(symbol, price, Time.GetUtcNow());
    }

    public IReadOnlyList<ExchangeOrder> OpenOnExchange(string symbol = Btc)
    {
        lock (Simulated.SyncRoot) return Simulated.Engine.GetOpenOrders(symbol).Value;
    }

    /// <summary>Places an order on the exchange directly, as another client of the account would, at the current time.</summary>
    public long PlaceDirectly(Side side, decimal price, decimal amount, string symbol = Btc)
    {
        lock (Simulated.SyncRoot) return Simulated.Engine.PlaceOrder(symbol, side, price, amount, Time.GetUtcNow()).Value;
    }

    public void RefreshBalances()
    {
        lock (Simulated.SyncRoot) Account.Update(Simulated.Engine.GetBalances(), Time.GetUtcNow());
    }

    /// <summary>Places actions for <paramref name="symbol"/> the way the strategy's answer would be executed.</summary>
    public ValueTask ExecuteAsync(IReadOnlyList<StrategyAction> actions, string symbol = Btc) => Core.Orders.ExecuteAsync(Core.Market(symbol)!, actions);
}
