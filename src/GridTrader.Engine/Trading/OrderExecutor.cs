using GridTrader.Core.Orders;
using GridTrader.Core.Persistence;
using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;
using GridTrader.Exchanges.Abstractions;

namespace GridTrader.Engine.Trading;

/// <summary>
/// Carries out what a strategy decided: each placement passes risk, is recorded durably as an intent, then sent; each
/// cancel goes to the exchange and ends in the state the exchange reports. The answer of every call becomes an order
/// event; an answer that never came leaves the order Unknown for the <see cref="Reconciler"/>.
/// </summary>
public sealed class OrderExecutor(IExchange exchange, RiskManager risk, OrderTracker tracker, IEngineStore store, IEngineObserver observer,
    EngineSettings settings, MarketSet markets, Portfolio portfolio, FillApplier fills, HaltSignal halt, TimeProvider time)
{
    private static readonly IReadOnlyList<Core.Accounting.Fill> NoFills = [];
    private static readonly TimeSpan UntilStateChanges = TimeSpan.FromDays(3650);

    /// <summary>Executes a strategy's actions in order.</summary>
    public async ValueTask ExecuteAsync(MarketSlot market, IReadOnlyList<StrategyAction> actions, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(actions);
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
                    if (tracker.TryGet(cancel.OrderId, out var order)) await CancelAsync(order, cancel.Reason, ct);
                    else market.Strategy.OnOrderClosed(cancel.OrderId);
                    break;
                case StrategyNotice notice:
                    observer.OnNotice(notice);
                    await store.AppendJournalAsync(notice.Name, notice.Market, notice.Message, time.GetUtcNow(), ct);
                    // A move's phase is durable before its first cancel is sent (see GridStrategy.Moves).
                    if (store.IsDurable && notice.Name is StrategyNotice.GridPlanned or StrategyNotice.Recentering or StrategyNotice.GridPlanFailed
                            or StrategyNotice.GridStopped or StrategyNotice.GridResumed)
                        await store.SaveStrategyStateAsync(market.Strategy.Snapshot(), ct);
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
        : settings.RejectCooldown;

    private ValueTask PlaceAsync(MarketSlot market, PlaceOrderAction action, CancellationToken ct)
    {
        var info = market.Info;
        // Bot state and breaker first: they need no account context, and a refusal is common (an open breaker refuses
        // every retry), so it should not pay for one.
        var decision = halt.Requested
            ? RiskDecision.Reject(RiskReason.KillSwitch, "Kill-switch requested; no new orders.")
            : risk.CheckState(info, action.IsExit) ?? risk.Evaluate(info, action.Side, action.Price, action.Amount, portfolio.BuildRiskContext(market),
                action.IsExit);
        if (!decision.IsApproved)
        {
            market.Strategy.OnPlacementRejected(action, CooldownFor(decision.Reason));
            observer.OnPlacementRejected(action, decision);
            return default;
        }

        return SubmitAsync(market, action, ct);
    }

    private async ValueTask SubmitAsync(MarketSlot market, PlaceOrderAction action, CancellationToken ct)
    {
        var info = market.Info;
        var now = time.GetUtcNow();
        if (tracker.LiveAt(info.Symbol, action.Level) is { } occupant)
        {
            // Never two live orders on one level, whatever the strategy believes.
            market.Strategy.OnPlacementRejected(action, settings.RejectCooldown);
            observer.OnReconciliation(info.Symbol, "level-occupied", $"Level {action.Level} already carries order #{occupant.Id}; {action.Side} @ {action.Price} not placed.");
            return;
        }

        var order = tracker.CreateIntent(info.Symbol, action.Side, action.Price, action.Amount, action.Level, action.Cell, action.Epoch,
            now, settings.OrderTimeToLive);
        market.Strategy.OnOrderCreated(order.Id, action.Side, action.Level, action.Cell);

        // Write-ahead: the intent (and the grid it belongs to) is durable before anything leaves the process.
        var submitting = order.MarkSubmitting(now);
        if (store.IsDurable) await store.CommitOrderAsync(order, [submitting], NoFills, market.Strategy.Snapshot(), ct);
        observer.OnOrderEvent(order, submitting);

        var result = await exchange.PlaceOrderAsync(new OrderRequest(info.Symbol, action.Side, action.Price, action.Amount), ct);
        now = time.GetUtcNow();
        OrderEvent outcome;
        if (result.IsSuccess)
        {
            outcome = order.MarkAccepted(result.Value, now);
        }
        else if (IsDefiniteRejection(result.Error.Kind))
        {
            outcome = order.MarkRejected($"{result.Error.Kind}: {result.Error.Message}", now);
            market.Strategy.OnOrderClosed(order.Id);
            market.Strategy.OnPlacementRejected(action, settings.RejectCooldown);
            observer.OnExchangeError("place", info.Symbol, result.Error);
        }
        else
        {
            // The order may exist: the line stays occupied until reconciliation finds it or declares it not placed.
            outcome = order.MarkUnknown($"{result.Error.Kind}: {result.Error.Message}", now);
            observer.OnExchangeError("place", info.Symbol, result.Error);
        }

        tracker.Updated(order);
        observer.OnOrderEvent(order, outcome);
        await fills.CommitAsync(order, outcome, ct);
    }

    private static bool IsDefiniteRejection(ExchangeErrorKind kind) => kind is ExchangeErrorKind.InsufficientFunds
        or ExchangeErrorKind.InvalidRequest or ExchangeErrorKind.NotFound or ExchangeErrorKind.InvalidSignature
        or ExchangeErrorKind.ExpiredSignature or ExchangeErrorKind.SecurityLevelTooLow or ExchangeErrorKind.Unauthorized
        or ExchangeErrorKind.RateLimited or ExchangeErrorKind.NotSupported or ExchangeErrorKind.Cancelled;

    /// <summary>Cancels one order; the end state comes from the exchange's answer (or the next poll).</summary>
    public async ValueTask CancelAsync(TrackedOrder order, string reason, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        var now = time.GetUtcNow();
        if (order.IsFinal)
        {
            markets.Find(order.Market)?.Strategy.OnOrderClosed(order.Id);
            return;
        }

        if (order.State == OrderState.Intent)
        {
            var withdrawn = order.MarkWithdrawn(reason, now);
            await fills.ApplyEventsAsync(order, [withdrawn], null, ct);
            return;
        }

        var firstRequest = order.CancelReason is null;
        order.RequestCancel(reason, now);
        if (order.ExchangeId is not { } exchangeId)
        {
            // Submitting or Unknown: reconciliation cancels it once it is found.
            await fills.CommitAsync(order, null, ct);
            return;
        }

        // Write-ahead, as for a placement: a restart after this point knows the order is to be cancelled and finishes it.
        if (firstRequest) await fills.CommitAsync(order, null, ct);
        var result = await exchange.CancelOrderAsync(exchangeId, order.Market, ct);
        if (result.IsSuccess)
        {
            var matched = Math.Max(order.Filled, result.Value.MatchedBeforeCancel);
            await fills.ApplySnapshotAsync(order, matched, 0, order.Amount - matched, null, null, ct);
            return;
        }

        if (result.Error.Kind == ExchangeErrorKind.NotFound)
        {
            // Already closed on the exchange (filled or cancelled): learn how.
            await RefreshOrderAsync(order, ct);
            return;
        }

        observer.OnExchangeError("cancel", order.Market, result.Error);
        await fills.CommitAsync(order, null, ct);
    }

    /// <summary>Fetches one order from the exchange and applies what it says.</summary>
    public async ValueTask RefreshOrderAsync(TrackedOrder order, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.ExchangeId is not { } id || order.IsFinal) return;
        var result = await exchange.GetOrderAsync(id, ct);
        if (result.IsSuccess)
        {
            var x = result.Value;
            await fills.ApplySnapshotAsync(order, x.Matched, x.Remaining, x.Cancelled, null, null, ct);
        }
        else if (result.Error.Kind != ExchangeErrorKind.NotFound)
        {
            observer.OnExchangeError("get-order", order.Market, result.Error);
        }
    }

    /// <summary>Cancels orders whose time-to-live has passed (end state Expired).</summary>
    public ValueTask ExpireDueAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        return tracker.AnyDueForExpiry(now) ? CancelAllAsync(tracker.DueForExpiry(now), CancelReasons.Expired, ct) : default;
    }

    private async ValueTask CancelAllAsync(List<TrackedOrder> orders, string reason, CancellationToken ct)
    {
        foreach (var order in orders) await CancelAsync(order, reason, ct);
    }

    /// <summary>Cancels every live order (withdrawing unsent intents) and asks the exchange to cancel everything.</summary>
    public async ValueTask CancelEverythingAsync(string reason, CancellationToken ct = default)
    {
        var live = tracker.Live.ToList();
        foreach (var order in live)
        {
            if (order.CancelReason is not null) continue;
            order.RequestCancel(reason, time.GetUtcNow());
            await fills.CommitAsync(order, null, ct);
        }

        var bulk = await exchange.CancelAllOrdersAsync(null, ct);
        if (!bulk.IsSuccess) observer.OnExchangeError("cancel-all", "*", bulk.Error);
        foreach (var order in live)
        {
            if (bulk.IsSuccess && order.ExchangeId is not null)
                await RefreshOrderAsync(order, ct);
            else
                await CancelAsync(order, reason, ct);
        }
    }
}
