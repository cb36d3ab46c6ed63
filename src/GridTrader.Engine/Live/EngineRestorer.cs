using GridTrader.Core.Accounting;
using GridTrader.Core.Orders;
using GridTrader.Core.Persistence;
using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;
using GridTrader.Engine.Trading;
using GridTrader.Exchanges.Abstractions;

namespace GridTrader.Engine.Live;

/// <summary>What a restart rebuilt: the trading core, and the live orders the restored grids could not place.</summary>
internal sealed record RestoredEngine(TradingCore Core, IReadOnlyList<TrackedOrder> Orphans, int LiveAtLastStop,
    IReadOnlyDictionary<string, long> LastCandleOpenMs, IReadOnlyDictionary<string, CandleHistoryReport> History);

/// <summary>
/// Rebuilds the engine from its store at start: risk state (kill-switch and drawdown peak survive restarts), every
/// non-final order, the ledger replayed from the recorded starting balances and every stored fill, each market's
/// grid and the candles its indicators need (completed first by a warm start, <see cref="CandleHistory"/>). It reads balances and prices from the exchange first
/// (<see cref="ReadAccountAsync"/>): nothing is built on an account the bot could not read. It changes nothing on the
/// exchange; reconciliation comes after. A grid that was being rebuilt when the bot stopped gets its cancels
/// written again, so the rebuild finishes.
/// </summary>
internal sealed class EngineRestorer(IExchange exchange, IEngineStore store, ICandleStore candles, BalanceBook balances, IEngineObserver observer,
    LiveEngineOptions options, IReadOnlyList<MarketSetup> setups, RiskSettings riskSettings, TimeProvider time)
{
    private readonly CandleHistory _history = new(exchange, candles, options.Reference, observer, time);

    /// <summary>The risk state as persisted (kill-switch, pauses, breakers, drawdown peak) and the bot state machine.</summary>
    public async Task<RiskManager> LoadRiskAsync(CancellationToken ct) => new(riskSettings, await store.LoadRiskStateAsync(ct));

    /// <summary>
    /// Reads the balances and every market's price. Returns the prices, or the first failure: then nothing was built,
    /// and the caller decides whether to wait and retry (transient) or halt (authentication).
    /// </summary>
    public async Task<(IReadOnlyDictionary<string, decimal>? Prices, ExchangeError? Failure)> ReadAccountAsync(CancellationToken ct)
    {
        var read = await exchange.GetBalancesAsync(ct);
        if (!read.IsSuccess) return (null, read.Error);
        balances.Update(read.Value, time.GetUtcNow());
        var prices = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        foreach (var setup in setups)
        {
            var t = await exchange.GetTickerAsync(setup.Info.Symbol, ct);
            if (!t.IsSuccess) return (null, t.Error);
            if (!(t.Value.Reference > 0))
                return (null, new ExchangeError(ExchangeErrorKind.InvalidResponse, $"{setup.Info.Symbol} has no price yet (empty book)."));
            prices[setup.Info.Symbol] = t.Value.Reference;
        }

        return (prices, null);
    }

    public async Task<RestoredEngine> RestoreAsync(RiskManager risk, BotStateRecorder states, IReadOnlyDictionary<string, decimal> prices,
        CancellationToken ct)
    {
        var tracker = new OrderTracker(await store.MaxLocalOrderIdAsync(ct) + 1);
        var live = await store.LoadOrdersAsync(nonFinalOnly: true, ct);
        foreach (var order in live) tracker.Add(order);
        tracker.RememberExchangeIds(await store.LoadExchangeIdsAsync(ct));

        var ledger = await RestoreLedgerAsync(ct);
        var core = new TradingCore(exchange, balances, risk, tracker, ledger, store, observer, options.Engine, time, states);
        if (options.FillsAtExecutionPrice) core.Fills.ExecutionPrices = new ExecutionPrices(exchange, observer, time);
        var orphans = new List<TrackedOrder>();
        var lastCandle = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        var history = new Dictionary<string, CandleHistoryReport>(StringComparer.OrdinalIgnoreCase);
        var equity = Portfolio.EquityOf(balances, setups, static s => s.Info, s => prices.GetValueOrDefault(s.Info.Symbol));

        foreach (var setup in setups)
        {
            var restored = await RestoreMarketAsync(core, setup, equity, prices.GetValueOrDefault(setup.Info.Symbol), orphans, ct);
            if (restored.LastCandleOpenMs is { } last) lastCandle[setup.Info.Symbol] = last;
            history[setup.Info.Symbol] = restored.History;
        }

        return new RestoredEngine(core, orphans, live.Count, lastCandle, history);
    }

    /// <summary>
    /// Starts trading a market while the bot runs (added or enabled): its capital is measured on the equity with the
    /// market in it (its base at <paramref name="price"/>), and it is rebuilt exactly as a restart would: stored grid
    /// state, live orders, candles. Live orders the grid cannot own come back as orphans for the caller to cancel.
    /// </summary>
    public async Task<(MarketSlot Slot, long? LastCandleOpenMs, CandleHistoryReport History, IReadOnlyList<TrackedOrder> Orphans)> AddMarketAsync(
        TradingCore core, MarketSetup setup, decimal price, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(core);
        ArgumentNullException.ThrowIfNull(setup);
        var valued = core.Markets.Select(m => (Info: m.Info, Price: m.LastPrice)).Append((Info: setup.Info, Price: price)).ToList();
        var equity = Portfolio.EquityOf(balances, valued, static m => m.Info, static m => m.Price);
        core.Ledger.RegisterMarket(setup.Info.Symbol, setup.Info.BaseCurrency, setup.Info.QuoteCurrency, 0m);
        var orphans = new List<TrackedOrder>();
        var (slot, last, history) = await RestoreMarketAsync(core, setup, equity, price, orphans, ct);
        return (slot, last, history, orphans);
    }

    /// <summary>
    /// One market's grid, capital, live orders and indicator history (completed first by a warm start, so the grid can
    /// plan at once), added to <paramref name="core"/>.
    /// </summary>
    private async Task<(MarketSlot Slot, long? LastCandleOpenMs, CandleHistoryReport History)> RestoreMarketAsync(TradingCore core,
        MarketSetup setup, decimal equity, decimal price, List<TrackedOrder> orphans, CancellationToken ct)
    {
        var info = setup.Info;
        var tracker = core.Tracker;
        core.Risk.UseCandleInterval(info.Symbol, setup.CandleInterval);
        var gridProfit = core.Ledger.GridPairs.ProfitOf(info.Symbol);
        var basis = CapitalBasis.Start(setup.Budget, equity, riskSettings.MaxCapitalPerMarket, gridProfit);
        var initialBase = setup.UseExistingBase ? balances.Available(info.BaseCurrency) : 0m;
        var strategy = new GridStrategy(info, setup.Grid, basis.Capital(gridProfit), options.Engine.Fees, time, initialBase, setup.Timeframe);
        if (await store.LoadStrategyStateAsync(info.Symbol, ct) is { } state) strategy.Restore(state);
        foreach (var order in tracker.LiveIn(info.Symbol).ToList())
        {
            if (!strategy.OnOrderCreated(order.Id, order.Side, order.Level, order.Cell, order.Price))
                orphans.Add(order);
        }

        if (strategy.Phase is GridPhase.Rebuilding or GridPhase.Stopped) await FinishMoveAsync(tracker, strategy, ct);
        var needed = Math.Max(options.WarmupCandles, strategy.HistoryNeeded);
        var (warmup, report) = await _history.FillAsync(setup, price, needed, options.WarmStart, ct);
        long? lastCandle = null;
        foreach (var c in warmup)
        {
            strategy.WarmUp(c);
            lastCandle = c.OpenTimeMs;
        }

        return (core.AddMarket(info, strategy, basis), lastCandle, report);
    }

    /// <summary>
    /// The bot stopped while a grid was being rebuilt, or after it was stopped: every live order of that market belongs to
    /// the old grid (such a grid places nothing but a stopped grid's exit sell). Their cancels are recorded now, before
    /// anything is sent, and reconciliation sends them; then the new grid is planned, or the stopped grid's coins sold.
    /// </summary>
    private async Task FinishMoveAsync(OrderTracker tracker, GridStrategy strategy, CancellationToken ct)
    {
        var reason = strategy.Phase == GridPhase.Stopped ? CancelReasons.Stop : CancelReasons.Rebuild;
        foreach (var order in tracker.LiveIn(strategy.Market.Symbol).ToList())
        {
            if (order.CancelReason is not null || (strategy.Phase == GridPhase.Stopped && order.Level == strategy.ExitLevel)) continue;
            order.RequestCancel(reason, time.GetUtcNow());
            await store.CommitOrderAsync(order, [], [], null, ct);
        }
    }

    public async Task RefreshBalancesAsync(CancellationToken ct)
    {
        var result = await exchange.GetBalancesAsync(ct);
        if (result.IsSuccess) balances.Update(result.Value, time.GetUtcNow());
        else observer.OnExchangeError("balances", "*", result.Error);
    }

    private async Task<Ledger> RestoreLedgerAsync(CancellationToken ct)
    {
        // The ledger starts from the balances recorded at the first start and replays every stored fill.
        var recorded = await store.GetMetaAsync(EngineMetaKeys.InitialBalances, ct);
        Dictionary<string, decimal> initial;
        if (recorded is null)
        {
            initial = balances.Polled.ToDictionary(kv => kv.Key, kv => kv.Value.Total, StringComparer.OrdinalIgnoreCase);
            await store.SetMetaAsync(EngineMetaKeys.InitialBalances, BalanceText.Format(initial), ct);
        }
        else
        {
            initial = BalanceText.Parse(recorded);
        }

        var ledger = new Ledger(initial);
        foreach (var setup in setups) ledger.RegisterMarket(setup.Info.Symbol, setup.Info.BaseCurrency, setup.Info.QuoteCurrency, 0m);
        foreach (var fill in await store.LoadFillsAsync(null, null, null, ct)) ledger.Apply(fill);
        return ledger;
    }
}
