using GridTrader.Core.Accounting;
using GridTrader.Core.MarketData;
using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Core.Persistence;
using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;
using GridTrader.Exchanges.Abstractions;

namespace GridTrader.Engine.Trading;

/// <summary>
/// The loop body shared by backtest, paper and live: feeds events to the strategies, passes their placements
/// through risk, records each order as an intent before sending it, and turns exchange answers and snapshots into
/// order events, fills, ledger entries and strategy updates. Single-threaded: one caller at a time.
/// </summary>
public sealed class TradingCore
{
    private static readonly IReadOnlyList<Fill> NoFills = [];
    private static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromSeconds(30);
    private readonly Dictionary<string, MarketSlot> _markets = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<MarketSlot> _marketList = [];
    private readonly HashSet<long> _reportedForeign = [];
    private readonly TimeProvider _time;
    private readonly decimal _syntheticHalfSpread;
    private volatile bool _haltRequested;

    public TradingCore(IExchange exchange, IAccountView account, RiskManager risk, OrderTracker tracker, Ledger ledger,
        IEngineStore store, IEngineObserver observer, EngineSettings settings, TimeProvider time)
    {
        Exchange = exchange ?? throw new ArgumentNullException(nameof(exchange));
        Account = account ?? throw new ArgumentNullException(nameof(account));
        Risk = risk ?? throw new ArgumentNullException(nameof(risk));
        Tracker = tracker ?? throw new ArgumentNullException(nameof(tracker));
        Ledger = ledger ?? throw new ArgumentNullException(nameof(ledger));
        Store = store ?? throw new ArgumentNullException(nameof(store));
        Observer = observer ?? throw new ArgumentNullException(nameof(observer));
        Settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _syntheticHalfSpread = settings.SyntheticHalfSpreadPct / 100m;
    }

    public IExchange Exchange { get; }
    public IAccountView Account { get; }
    public RiskManager Risk { get; }
    public OrderTracker Tracker { get; }
    public Ledger Ledger { get; }
    public IEngineStore Store { get; }
    public IEngineObserver Observer { get; }
    public EngineSettings Settings { get; }
    public IReadOnlyList<MarketSlot> Markets => _marketList;

    /// <summary>
    /// Blocks every new placement from this instant, from any thread, until the kill-switch itself is engaged on the
    /// loop (which then cancels what rests). Makes a kill instant even while the loop is busy with slow calls.
    /// </summary>
    public void RequestHalt() => _haltRequested = true;

    public void ClearHaltRequest() => _haltRequested = false;

    public MarketSlot AddMarket(MarketInfo info, GridStrategy strategy)
    {
        var slot = new MarketSlot(info, strategy);
        _markets.Add(info.Symbol, slot);
        _marketList.Add(slot);
        return slot;
    }

    public MarketSlot? Market(string symbol) => _markets.GetValueOrDefault(symbol);

    // ---------------------------------------------------------------- bot state

    /// <summary>Moves the bot state machine and records the transition; illegal moves are ignored and return false.</summary>
    public async ValueTask<bool> MoveToAsync(BotState state, string reason, CancellationToken ct = default)
    {
        var transition = Risk.StateMachine.TryMoveTo(state, reason, _time.GetUtcNow());
        if (transition is null) return false;
        Observer.OnBotState(transition);
        await Store.SaveBotStateAsync(transition, ct);
        foreach (var m in _marketList) m.Strategy.Invalidate();
        return true;
    }

    /// <summary>Engages the kill-switch: no new orders from now on, every open order cancelled, state persisted.</summary>
    public async ValueTask EngageKillSwitchAsync(string reason, CancellationToken ct = default)
    {
        var now = _time.GetUtcNow();
        var before = Risk.State;
        foreach (var e in Risk.EngageKillSwitch(reason, now)) await RiskEventAsync(e, ct);
        if (Risk.State != before && Risk.StateMachine.History.Count > 0)
        {
            var t = Risk.StateMachine.History[^1];
            Observer.OnBotState(t);
            await Store.SaveBotStateAsync(t, ct);
        }

        await SaveRiskStateAsync(ct);
        await CancelEverythingAsync(CancelReasons.KillSwitch, ct);
    }

    /// <summary>Releases the kill-switch or a global pause. After a kill the caller reconciles and moves to Running.</summary>
    public async ValueTask ResumeAsync(string reason, CancellationToken ct = default)
    {
        foreach (var e in Risk.Resume(reason, _time.GetUtcNow())) await RiskEventAsync(e, ct);
        await SaveRiskStateAsync(ct);
        foreach (var m in _marketList) m.Strategy.Invalidate();
    }

    public async ValueTask PauseAsync(string? market, string reason, CancellationToken ct = default)
    {
        var now = _time.GetUtcNow();
        var events = market is null ? Risk.PauseAll(reason, now) : Risk.PauseMarket(market, reason, now);
        foreach (var e in events) await RiskEventAsync(e, ct);
        await SaveRiskStateAsync(ct);
    }

    public async ValueTask ResumeMarketAsync(string market, string reason, CancellationToken ct = default)
    {
        foreach (var e in Risk.ResumeMarket(market, reason, _time.GetUtcNow())) await RiskEventAsync(e, ct);
        await SaveRiskStateAsync(ct);
        _markets.GetValueOrDefault(market)?.Strategy.Invalidate();
    }

    /// <summary>Cancels every live order (withdrawing unsent intents) and asks the exchange to cancel everything.</summary>
    public async ValueTask CancelEverythingAsync(string reason, CancellationToken ct = default)
    {
        var live = Tracker.Live.ToList();
        foreach (var order in live) order.RequestCancel(reason, _time.GetUtcNow());
        var bulk = await Exchange.CancelAllOrdersAsync(null, ct);
        if (!bulk.IsSuccess) Observer.OnExchangeError("cancel-all", "*", bulk.Error);
        foreach (var order in live)
        {
            if (bulk.IsSuccess && order.ExchangeId is not null)
                await RefreshOrderAsync(order, ct);
            else
                await CancelAsync(order, reason, ct);
        }
    }

    // ---------------------------------------------------------------- market data

    // The event methods below run once per candle or poll. Most of the time nothing follows from the event, so each
    // decides synchronously and only enters an async method when there is something to execute or persist: a
    // backtest then pays for no state machine on a quiet candle.

    /// <summary>A candle of <paramref name="market"/> closed.</summary>
    public ValueTask OnCandleAsync(MarketSlot market, Candle candle, CancellationToken ct = default)
    {
        var strategy = market.Strategy;
        var actions = strategy.OnCandle(candle);
        var breaker = Risk.OnVolatility(market.Symbol, strategy.Atr, strategy.AtrMean, _time.GetUtcNow());
        return breaker is null && actions.Count == 0 ? default : AfterCandleAsync(market, actions, breaker, ct);
    }

    private async ValueTask AfterCandleAsync(MarketSlot market, IReadOnlyList<StrategyAction> actions, RiskEvent? breaker, CancellationToken ct)
    {
        if (breaker is not null)
        {
            await RiskEventAsync(breaker, ct);
            await SaveRiskStateAsync(ct);
            market.Strategy.Invalidate();
        }

        if (actions.Count > 0) await ExecuteAsync(market, actions, ct);
    }

    /// <summary>A fresh ticker of <paramref name="market"/>.</summary>
    public ValueTask OnTickerAsync(MarketSlot market, Ticker ticker, CancellationToken ct = default)
    {
        market.LastTicker = ticker;
        var actions = market.Strategy.OnTicker(ticker);
        return actions.Count > 0 ? ExecuteAsync(market, actions, ct) : default;
    }

    /// <summary>Rebuilds a market's grid around the current price (operator action).</summary>
    public async ValueTask RecenterAsync(MarketSlot market, string reason, CancellationToken ct = default)
    {
        var actions = market.Strategy.Recenter(reason);
        if (actions.Count > 0) await ExecuteAsync(market, actions, ct);
    }

    /// <summary>Lets the strategy act on what changed since its last evaluation (after fills or closes).</summary>
    public ValueTask EvaluateAsync(MarketSlot market, CancellationToken ct = default)
    {
        var actions = market.Strategy.Evaluate();
        return actions.Count > 0 ? ExecuteAsync(market, actions, ct) : default;
    }

    /// <summary>Feeds equity to the drawdown stop.</summary>
    public ValueTask OnEquityAsync(decimal equity, CancellationToken ct = default)
    {
        var change = Risk.OnEquity(equity, _time.GetUtcNow());
        return change is null ? default : AfterEquityAsync(change, ct);
    }

    private async ValueTask AfterEquityAsync(RiskEvent change, CancellationToken ct)
    {
        await RiskEventAsync(change, ct);
        await SaveRiskStateAsync(ct);
    }

    // A store that keeps nothing (backtests) is not called for order and risk state: that saves building snapshots
    // and event lists on every order. Journal entries and bot-state transitions still go to every store.

    private ValueTask CommitAsync(TrackedOrder order, OrderEvent? change, CancellationToken ct) =>
        !Store.IsDurable ? default : Store.CommitOrderAsync(order, change is null ? [] : [change], NoFills, null, ct);

    private ValueTask SaveRiskStateAsync(CancellationToken ct) => Store.IsDurable ? Store.SaveRiskStateAsync(Risk.Snapshot(), ct) : default;

    private async ValueTask RiskEventAsync(RiskEvent e, CancellationToken ct)
    {
        Observer.OnRiskEvent(e);
        await Store.AppendJournalAsync(e.Name, e.Market, e.Message, e.Time, ct);
    }

    // ---------------------------------------------------------------- actions

    private async ValueTask ExecuteAsync(MarketSlot market, IReadOnlyList<StrategyAction> actions, CancellationToken ct)
    {
        // The strategy reuses its buffer on the next call; nothing below calls back into OnCandle/OnTicker/Evaluate.
        var count = actions.Count;
        for (var i = 0; i < count; i++)
        {
            switch (actions[i])
            {
                case PlaceOrderAction place:
                    await PlaceAsync(market, place, ct);
                    break;
                case CancelOrderAction cancel:
                    if (Tracker.TryGet(cancel.OrderId, out var order)) await CancelAsync(order, cancel.Reason, ct);
                    else market.Strategy.OnOrderClosed(cancel.OrderId);
                    break;
                case StrategyNotice notice:
                    Observer.OnNotice(notice);
                    await Store.AppendJournalAsync(notice.Name, notice.Market, notice.Message, _time.GetUtcNow(), ct);
                    if (Store.IsDurable && notice.Name is StrategyNotice.GridPlanned or StrategyNotice.Recentering or StrategyNotice.GridPlanFailed)
                        await Store.SaveStrategyStateAsync(market.Strategy.Snapshot(), ct);
                    break;
            }
        }
    }

    /// <summary>
    /// How long a refused line waits. A refusal caused by a state (kill-switch, pause, open breaker) lasts until that
    /// state changes, and every change re-opens all lines (<see cref="GridStrategy.Invalidate"/>), so retrying earlier
    /// would only repeat the refusal; other refusals retry after the configured cooldown.
    /// </summary>
    private TimeSpan CooldownFor(RiskReason? reason) => reason is RiskReason.KillSwitch or RiskReason.BotNotRunning or RiskReason.BotPaused
        or RiskReason.MarketPaused or RiskReason.CircuitBreaker or RiskReason.DrawdownStop
        ? UntilStateChanges
        : Settings.RejectCooldown;

    private static readonly TimeSpan UntilStateChanges = TimeSpan.FromDays(3650);

    private ValueTask PlaceAsync(MarketSlot market, PlaceOrderAction action, CancellationToken ct)
    {
        var info = market.Info;
        // Bot state and breaker first: they need no account context, and a refusal is common (an open breaker refuses
        // every retry), so it should not pay for one.
        var decision = _haltRequested
            ? RiskDecision.Reject(RiskReason.KillSwitch, "Kill-switch requested; no new orders.")
            : Risk.CheckState(info) ?? Risk.Evaluate(info, action.Side, action.Price, action.Amount, BuildRiskContext(market));
        if (!decision.IsApproved)
        {
            market.Strategy.OnPlacementRejected(action, CooldownFor(decision.Reason));
            Observer.OnPlacementRejected(action, decision);
            return default;
        }

        return SubmitAsync(market, action, ct);
    }

    private async ValueTask SubmitAsync(MarketSlot market, PlaceOrderAction action, CancellationToken ct)
    {
        var info = market.Info;
        var now = _time.GetUtcNow();
        if (Tracker.LiveAt(info.Symbol, action.Level) is { } occupant)
        {
            // Never two live orders on one level, whatever the strategy believes.
            market.Strategy.OnPlacementRejected(action, Settings.RejectCooldown);
            Observer.OnReconciliation(info.Symbol, "level-occupied", $"Level {action.Level} already carries order #{occupant.Id}; {action.Side} @ {action.Price} not placed.");
            return;
        }

        var order = Tracker.CreateIntent(info.Symbol, action.Side, action.Price, action.Amount, action.Level, action.Cell, action.Epoch,
            now, Settings.OrderTimeToLive);
        market.Strategy.OnOrderCreated(order.Id, action.Side, action.Level, action.Cell);

        // Write-ahead: the intent (and the grid it belongs to) is durable before anything leaves the process.
        var submitting = order.MarkSubmitting(now);
        if (Store.IsDurable) await Store.CommitOrderAsync(order, [submitting], NoFills, market.Strategy.Snapshot(), ct);
        Observer.OnOrderEvent(order, submitting);

        var result = await Exchange.PlaceOrderAsync(new OrderRequest(info.Symbol, action.Side, action.Price, action.Amount), ct);
        now = _time.GetUtcNow();
        OrderEvent outcome;
        if (result.IsSuccess)
        {
            outcome = order.MarkAccepted(result.Value, now);
        }
        else if (IsDefiniteRejection(result.Error.Kind))
        {
            outcome = order.MarkRejected($"{result.Error.Kind}: {result.Error.Message}", now);
            market.Strategy.OnOrderClosed(order.Id);
            market.Strategy.OnPlacementRejected(action, Settings.RejectCooldown);
            Observer.OnExchangeError("place", info.Symbol, result.Error);
        }
        else
        {
            // The order may exist: the line stays occupied until reconciliation finds it or declares it not placed.
            outcome = order.MarkUnknown($"{result.Error.Kind}: {result.Error.Message}", now);
            Observer.OnExchangeError("place", info.Symbol, result.Error);
        }

        Tracker.Updated(order);
        Observer.OnOrderEvent(order, outcome);
        await CommitAsync(order, outcome, ct);
    }

    private static bool IsDefiniteRejection(ExchangeErrorKind kind) => kind is ExchangeErrorKind.InsufficientFunds
        or ExchangeErrorKind.InvalidRequest or ExchangeErrorKind.NotFound or ExchangeErrorKind.InvalidSignature
        or ExchangeErrorKind.ExpiredSignature or ExchangeErrorKind.SecurityLevelTooLow or ExchangeErrorKind.Unauthorized
        or ExchangeErrorKind.RateLimited or ExchangeErrorKind.NotSupported or ExchangeErrorKind.Cancelled;

    /// <summary>Cancels one order; the end state comes from the exchange's answer (or the next poll).</summary>
    public async ValueTask CancelAsync(TrackedOrder order, string reason, CancellationToken ct = default)
    {
        var now = _time.GetUtcNow();
        var market = _markets.GetValueOrDefault(order.Market);
        if (order.IsFinal)
        {
            market?.Strategy.OnOrderClosed(order.Id);
            return;
        }

        if (order.State == OrderState.Intent)
        {
            var withdrawn = order.MarkWithdrawn(reason, now);
            await AfterChangeAsync(order, [withdrawn], ct);
            return;
        }

        order.RequestCancel(reason, now);
        if (order.ExchangeId is not { } exchangeId)
        {
            // Submitting or Unknown: reconciliation cancels it once it is found.
            await CommitAsync(order, null, ct);
            return;
        }

        var result = await Exchange.CancelOrderAsync(exchangeId, order.Market, ct);
        if (result.IsSuccess)
        {
            var matched = Math.Max(order.Filled, result.Value.MatchedBeforeCancel);
            await ApplySnapshotAsync(order, matched, 0, order.Amount - matched, null, null, ct);
            return;
        }

        if (result.Error.Kind == ExchangeErrorKind.NotFound)
        {
            // Already closed on the exchange (filled or cancelled): learn how.
            await RefreshOrderAsync(order, ct);
            return;
        }

        Observer.OnExchangeError("cancel", order.Market, result.Error);
        await CommitAsync(order, null, ct);
    }

    /// <summary>Fetches one order from the exchange and applies what it says.</summary>
    public async ValueTask RefreshOrderAsync(TrackedOrder order, CancellationToken ct = default)
    {
        if (order.ExchangeId is not { } id || order.IsFinal) return;
        var result = await Exchange.GetOrderAsync(id, ct);
        if (result.IsSuccess)
        {
            var x = result.Value;
            await ApplySnapshotAsync(order, x.Matched, x.Remaining, x.Cancelled, null, null, ct);
        }
        else if (result.Error.Kind != ExchangeErrorKind.NotFound)
        {
            Observer.OnExchangeError("get-order", order.Market, result.Error);
        }
    }

    /// <summary>Cancels orders whose time-to-live has passed (end state Expired).</summary>
    public ValueTask ExpireDueAsync(CancellationToken ct = default)
    {
        var now = _time.GetUtcNow();
        return Tracker.AnyDueForExpiry(now) ? CancelAllAsync(Tracker.DueForExpiry(now), CancelReasons.Expired, ct) : default;
    }

    private async ValueTask CancelAllAsync(List<TrackedOrder> orders, string reason, CancellationToken ct)
    {
        foreach (var order in orders) await CancelAsync(order, reason, ct);
    }

    // ---------------------------------------------------------------- order updates

    /// <summary>
    /// Applies the exchange's cumulative view of an order. New matched quantity becomes a fill exactly once: it moves
    /// the ledger, the strategy's holdings and the order state, all committed together.
    /// </summary>
    public async ValueTask ApplySnapshotAsync(TrackedOrder order, decimal matched, decimal remaining, decimal cancelled,
        decimal? fillPrice, decimal? fee, CancellationToken ct = default)
    {
        IReadOnlyList<OrderEvent> events;
        try
        {
            events = order.ApplySnapshot(matched, remaining, cancelled, _time.GetUtcNow(), fillPrice);
        }
        catch (ArgumentException ex)
        {
            // An impossible snapshot (more matched than ordered, negative numbers) changes nothing.
            Observer.OnReconciliation(order.Market, "invalid-snapshot", ex.Message);
            return;
        }

        if (events.Count == 0) return;
        await AfterChangeAsync(order, events, ct, fee);
    }

    private async ValueTask AfterChangeAsync(TrackedOrder order, IReadOnlyList<OrderEvent> events, CancellationToken ct, decimal? reportedFee = null)
    {
        Tracker.Updated(order);
        var market = _markets.GetValueOrDefault(order.Market);
        List<Fill>? fills = null;
        foreach (var e in events)
        {
            if (e is OrderFilled f && market is not null)
            {
                var info = market.Info;
                var (fee, feeCurrency) = Settings.Fees.FeeFor(info, f.Side, f.Price, f.Amount);
                if (reportedFee is { } rf) fee = rf;
                var fill = new Fill(order.Id, info.Symbol, info.BaseCurrency, info.QuoteCurrency, f.Side, f.Price, f.Amount, fee, feeCurrency,
                    f.Time, order.Level);
                var realized = Ledger.Apply(fill);
                market.Strategy.OnFill(order.Id, f.Side, order.Cell, f.Amount);
                (fills ??= []).Add(fill);
                Observer.OnFill(fill, realized);
            }

            Observer.OnOrderEvent(order, e);
        }

        if (order.IsFinal) market?.Strategy.OnOrderClosed(order.Id);
        if (!Store.IsDurable) return;
        var state = market?.Strategy.Snapshot();
        await Store.CommitOrderAsync(order, events, (IReadOnlyList<Fill>?)fills ?? NoFills, state, ct);
    }

    // ---------------------------------------------------------------- live polling and reconciliation

    /// <summary>
    /// Brings the bot's view of one market's orders in line with the exchange: applies fills seen in open orders,
    /// settles orders that disappeared, resolves orders whose create answer was lost, and reports foreign orders.
    /// </summary>
    public async ValueTask SyncOrdersAsync(MarketSlot market, CancellationToken ct = default)
    {
        var openResult = await Exchange.GetOpenOrdersAsync(market.Symbol, ct);
        if (!openResult.IsSuccess)
        {
            Observer.OnExchangeError("open-orders", market.Symbol, openResult.Error);
            return;
        }

        var open = openResult.Value;
        var openById = new Dictionary<long, ExchangeOrder>(open.Count);
        foreach (var x in open) openById[x.Id] = x;

        foreach (var order in Tracker.LiveIn(market.Symbol).ToList())
        {
            if (order.ExchangeId is not { } id) continue;
            if (openById.TryGetValue(id, out var snapshot))
            {
                await ApplySnapshotAsync(order, snapshot.Matched, snapshot.Remaining, snapshot.Cancelled, null, null, ct);
                if (order.CancelReason is not null && !order.IsFinal) await CancelAsync(order, order.CancelReason, ct);
            }
            else
            {
                await RefreshOrderAsync(order, ct);
            }
        }

        await ResolveUnknownAsync(market, open, ct);

        foreach (var x in open)
        {
            if (!Tracker.IsKnownExchangeId(x.Id) && _reportedForeign.Add(x.Id))
                Observer.OnReconciliation(market.Symbol, "foreign",
                    $"Order {x.Id} ({x.Side} {x.Amount} @ {x.Price}) is not the bot's; left untouched.");
        }
    }

    /// <summary>Finds orders whose create answer was lost, or declares them not placed after the grace period.</summary>
    public async ValueTask ResolveUnknownAsync(MarketSlot market, IReadOnlyList<ExchangeOrder> open, CancellationToken ct = default)
    {
        var now = _time.GetUtcNow();
        var pending = Tracker.LiveIn(market.Symbol)
            .Where(o => o.State == OrderState.Unknown || (o.State == OrderState.Submitting && o.SubmittedAt < now - Settings.UnknownGracePeriod))
            .OrderBy(o => o.Id)
            .ToList();
        if (pending.Count == 0) return;

        var historyResult = await Exchange.GetOrderHistoryAsync(market.Symbol, 200, ct);
        if (!historyResult.IsSuccess)
        {
            Observer.OnExchangeError("order-history", market.Symbol, historyResult.Error);
            return;
        }

        var candidates = open.Concat(historyResult.Value)
            .Where(x => !Tracker.IsKnownExchangeId(x.Id) && x.Market == market.Symbol)
            .GroupBy(x => x.Id).Select(g => g.First())
            .OrderBy(x => x.CreatedAt).ThenBy(x => x.Id)
            .ToList();

        foreach (var order in pending)
        {
            var submitted = order.SubmittedAt ?? order.CreatedAt;
            // Same market, side, price and amount, created from shortly before the submission (clock skew) to the window's end.
            var match = candidates.FirstOrDefault(x => x.Side == order.Side && x.Price == order.Price && x.Amount == order.Amount
                && x.CreatedAt >= submitted - ClockSkewAllowance && x.CreatedAt - submitted <= Settings.ReconcileWindow);
            if (match is not null)
            {
                candidates.Remove(match);
                if (order.State == OrderState.Submitting) order.MarkUnknown("answer lost (found after restart)", now);
                order.AdoptExchangeId(match.Id, now);
                Tracker.Updated(order);
                Observer.OnReconciliation(market.Symbol, "adopted",
                    $"Order #{order.Id} found on the exchange as {match.Id} ({match.Side} {match.Amount} @ {match.Price}).");
                await ApplySnapshotAsync(order, match.Matched, match.Remaining, match.Cancelled, null, null, ct);
                if (order.CancelReason is not null && !order.IsFinal) await CancelAsync(order, order.CancelReason, ct);
                continue;
            }

            if (now - submitted < Settings.UnknownGracePeriod) continue;
            var events = new List<OrderEvent>(2);
            if (order.State == OrderState.Submitting) events.Add(order.MarkUnknown("answer lost", now));
            events.Add(order.MarkRejected("not found on the exchange: declared not placed", now));
            Observer.OnReconciliation(market.Symbol, "not-placed",
                $"Order #{order.Id} ({order.Side} {order.Amount} @ {order.Price}) is not on the exchange; it may be placed again.");
            await AfterChangeAsync(order, events, ct);
        }
    }

    // ---------------------------------------------------------------- risk context

    /// <summary>Equity in quote currency: quote balances plus every traded base at its market's last price.</summary>
    public decimal Equity()
    {
        var equity = 0m;
        for (var i = 0; i < _marketList.Count; i++)
        {
            var m = _marketList[i];
            if (!QuoteCountedBefore(i)) equity += Account.Total(m.Info.QuoteCurrency);
            equity += Account.Total(m.Info.BaseCurrency) * m.LastPrice;
        }

        return equity;
    }

    /// <summary>True when a market before <paramref name="index"/> has the same quote currency (a handful of markets: a scan beats a set).</summary>
    private bool QuoteCountedBefore(int index)
    {
        var quote = _marketList[index].Info.QuoteCurrency;
        for (var j = 0; j < index; j++)
        {
            if (string.Equals(_marketList[j].Info.QuoteCurrency, quote, StringComparison.OrdinalIgnoreCase)) return true;
        }

        return false;
    }

    /// <summary>Position value plus the value of open buys of one market.</summary>
    public decimal Exposure(MarketSlot market) =>
        Account.Total(market.Info.BaseCurrency) * market.LastPrice + Tracker.OpenBuyValue(market.Symbol);

    public RiskContext BuildRiskContext(MarketSlot market)
    {
        var ticker = market.LastTicker ?? SyntheticTicker(market);
        var own = Exposure(market);
        var total = own;
        foreach (var m in _marketList)
        {
            if (m != market) total += Exposure(m);
        }

        return new RiskContext(ticker, Equity(), own, total,
            Account.Available(market.Info.QuoteCurrency), Account.Available(market.Info.BaseCurrency), Settings.Fees.Rate);
    }

    private Ticker? SyntheticTicker(MarketSlot market)
    {
        var price = market.Strategy.LastPrice;
        if (price <= 0) return null;
        var half = price * _syntheticHalfSpread;
        return new Ticker(market.Symbol, price - half, price + half, price, _time.GetUtcNow());
    }
}
