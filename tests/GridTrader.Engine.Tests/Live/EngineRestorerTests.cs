using GridTrader.Core.Accounting;
using GridTrader.Core.MarketData;
using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Core.Persistence;
using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;
using GridTrader.Engine.Live;
using GridTrader.Engine.Trading;
using GridTrader.Engine.Tests.Trading;
using GridTrader.Storage;
using Microsoft.Extensions.Time.Testing;

namespace GridTrader.Engine.Tests.Live;

/// <summary>
/// Rebuilding the engine from a real SQLite file. The bot's "first life" is a <see cref="TradingRig"/> writing to that
/// file and trading on the same in-memory exchange the restorer then reads.
/// </summary>
public sealed class EngineRestorerTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "gt-restore-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(TradingRig.Start);
    private SqliteStore _store = null!;
    private TradingRig _first = null!;

    public Task InitializeAsync()
    {
        _store = SqliteStore.Open(_dir, _time);
        _first = new TradingRig(store: _store, time: _time);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Temp files; the OS cleans up eventually.
        }
    }

    private MarketInfo Btc => _first.BtcSlot.Info;

    private async Task<RestoredEngine> RestoreAsync(int warmupCandles = 200, bool useExistingBase = false, BalanceBook? balances = null)
    {
        var observer = new RecordingObserver();
        var restorer = new EngineRestorer(_first.Simulated, _store, _store, balances ?? new BalanceBook(), observer,
            new LiveEngineOptions { Engine = _first.Settings, WarmupCandles = warmupCandles },
            [new MarketSetup(Btc, TradingRig.Grid, MarketBudget.Fraction(0.2m), TimeSpan.FromMinutes(1), useExistingBase)], new RiskSettings(), _time);
        var risk = await restorer.LoadRiskAsync(CancellationToken.None);
        var (prices, failure) = await restorer.ReadAccountAsync(CancellationToken.None);
        Assert.Null(failure);
        return await restorer.RestoreAsync(risk, new BotStateRecorder(risk, _store, observer, _time), prices!, CancellationToken.None);
    }

    /// <summary>First life: the ladder rests, the 985,000 buy fills and its counter-sell at 1,000,000 rests.</summary>
    private async Task TradedAsync()
    {
        await _first.LadderAsync();
        _first.MoveTo(TradingRig.Btc, 984_000m);
        _first.MoveTo(TradingRig.Btc, 990_000m);
        await _first.Core.Reconciler.SyncOrdersAsync(_first.BtcSlot);
        _first.RefreshBalances();
        await _first.TickAsync();
        Assert.Equal([955_000m, 970_000m, 1_000_000m], _first.LiveOrders().Select(o => o.Price));
    }

    [Fact]
    public async Task Restore_StoredRiskState_KillSwitchPeakPausesAndBreakersSurvive()
    {
        var at = TradingRig.Start.AddHours(-1);
        await _store.SaveRiskStateAsync(new RiskState
        {
            KillSwitchEngaged = true,
            KillReason = "operator",
            KilledAt = at,
            PeakEquity = 123_456m,
            DrawdownTripped = true,
            PausedMarkets = new HashSet<string> { "BTCNOK" },
            OpenBreakers = new Dictionary<string, DateTimeOffset> { ["BTCNOK"] = at },
        });

        var risk = (await RestoreAsync()).Core.Risk;

        Assert.Equal((true, "operator", (DateTimeOffset?)at), (risk.KillSwitchEngaged, risk.KillReason, risk.KilledAt));
        Assert.Equal((123_456m, true), (risk.PeakEquity, risk.DrawdownTripped));
        Assert.True(risk.IsMarketPaused("BTCNOK"));
        Assert.True(risk.IsBreakerOpen("BTCNOK"));
    }

    [Fact]
    public async Task Restore_AfterTrading_LiveOrdersAreTrackedAndBoundToTheRestoredGrid()
    {
        await TradedAsync();
        var filled = _first.Tracker.All.Single(o => o.State == OrderState.Filled);

        var restored = await RestoreAsync();

        var tracker = restored.Core.Tracker;
        Assert.Empty(restored.Orphans);
        Assert.Equal(3, restored.LiveAtLastStop);
        Assert.Equal(_first.LiveOrders().Select(o => (o.Id, o.ExchangeId, o.State, o.Level, o.Amount)),
            tracker.LiveIn(TradingRig.Btc).OrderBy(o => o.Price).Select(o => (o.Id, o.ExchangeId, o.State, o.Level, o.Amount)));
        Assert.False(tracker.TryGet(filled.Id, out _)); // final orders stay in the store...
        Assert.True(tracker.IsKnownExchangeId(filled.ExchangeId!.Value)); // ...but their exchange ids are never foreign
        Assert.Equal(_first.Tracker.NextId, tracker.NextId);

        var strategy = restored.Core.Market(TradingRig.Btc)!.Strategy;
        var before = _first.BtcSlot.Strategy;
        Assert.Equal(GridPhase.Active, strategy.Phase);
        Assert.Equal(before.Epoch, strategy.Epoch);
        Assert.Equal(before.Plan!.Lines, strategy.Plan!.Lines);
        Assert.Equal(before.Held, strategy.Held);
        // Each live order holds its line: another order cannot take it.
        Assert.All(tracker.LiveIn(TradingRig.Btc), o => Assert.False(strategy.OnOrderCreated(9_999, o.Side, o.Level, o.Cell)));
    }

    [Fact]
    public async Task Restore_RecordedStart_LedgerIsItPlusEveryStoredFill()
    {
        await _store.SetMetaAsync(EngineMetaKeys.InitialBalances, "NOK=100000");
        await TradedAsync();

        var ledger = (await RestoreAsync()).Core.Ledger;

        // The exchange charged the same 0.5% NOK fee, so the replayed books match its balances to the last decimal.
        Assert.Equal(_first.Account.Total("NOK"), ledger.Balance("NOK"));
        Assert.Equal(_first.Account.Total("BTC"), ledger.Balance("BTC"));
        Assert.True(ledger.Balance("BTC") > 0m);
        Assert.Equal(_first.Ledger.FeesInQuote, ledger.FeesInQuote);
        Assert.Equal("NOK=100000", await _store.GetMetaAsync(EngineMetaKeys.InitialBalances));
    }

    [Fact]
    public async Task Restore_FirstStart_RecordsThePolledBalancesAsTheLedgersStartOnce()
    {
        var first = await RestoreAsync();
        Assert.Equal("BTC=0;NOK=100000", await _store.GetMetaAsync(EngineMetaKeys.InitialBalances));
        Assert.Equal(100_000m, first.Core.Ledger.Balance("NOK"));

        lock (_first.Simulated.SyncRoot) _first.Simulated.Engine.Deposit("NOK", 5_000m);
        var second = await RestoreAsync();

        Assert.Equal("BTC=0;NOK=100000", await _store.GetMetaAsync(EngineMetaKeys.InitialBalances));
        Assert.Equal(100_000m, second.Core.Ledger.Balance("NOK"));
    }

    [Fact]
    public async Task Restore_LiveOrderOnALevelOutsideTheRestoredGrid_IsAnOrphan()
    {
        await _first.LadderAsync();
        var stray = StoredOpenOrder(id: 500, level: 40);
        await _store.CommitOrderAsync(stray, [], [], null);

        var restored = await RestoreAsync();

        Assert.Equal([500L], restored.Orphans.Select(o => o.Id));
        Assert.Equal(4, restored.Core.Tracker.LiveCount); // tracked all the same: the engine cancels it, it is not forgotten
    }

    [Fact]
    public async Task Restore_LiveOrderWhoseGridWasNeverStored_IsAnOrphan()
    {
        await _store.CommitOrderAsync(StoredOpenOrder(id: 7, level: 2), [], [], null);

        var restored = await RestoreAsync();

        Assert.Equal([7L], restored.Orphans.Select(o => o.Id));
        Assert.Equal(GridPhase.WarmingUp, restored.Core.Market(TradingRig.Btc)!.Strategy.Phase);
    }

    [Fact]
    public async Task Restore_StoredCandles_WarmTheIndicatorsUpToTheLimitAndGiveTheLastOpenTime()
    {
        var start = TradingRig.Start.AddHours(-1).ToUnixTimeMilliseconds();
        var candles = Enumerable.Range(0, 50).Select(i => new Candle(start + i * 60_000L, 1_000_000m, 1_001_000m, 999_000m, 1_000_000m, 1m));
        await _store.SaveCandlesAsync(TradingRig.Btc, TimeSpan.FromMinutes(1), candles, CandleSources.Firi);

        // The limit is at least what the strategy needs (here ATR 14 and its mean over 20: 35 candles).
        var restored = await RestoreAsync(warmupCandles: 40);

        Assert.Equal(40, restored.Core.Market(TradingRig.Btc)!.Strategy.CandleCount);
        Assert.Equal(start + 49 * 60_000L, restored.LastCandleOpenMs[TradingRig.Btc]);
    }

    [Fact]
    public async Task Restore_HeldBase_CapitalIsTheBudgetsShareOfEquityAtTheTickerPrice()
    {
        lock (_first.Simulated.SyncRoot) _first.Simulated.Engine.Deposit("BTC", 0.01m);

        var restored = await RestoreAsync(useExistingBase: true);

        // 100,000 NOK + 0.01 BTC at the exchange's 1,000,000 = 110,000; a 20% budget.
        var strategy = restored.Core.Market(TradingRig.Btc)!.Strategy;
        Assert.Equal(22_000m, strategy.CapitalQuote);
        Assert.Equal(0.01m, strategy.InitialBaseInventory);
    }

    private TrackedOrder StoredOpenOrder(long id, int level)
    {
        var now = _time.GetUtcNow();
        return TrackedOrder.Restore(id, TradingRig.Btc, Side.Buy, 900_000m, 0.001m, level, level, 0, now, null, 77_000 + id, OrderState.Open,
            0m, 0m, 0m, now, now, null, null);
    }
}
