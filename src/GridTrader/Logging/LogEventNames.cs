using GridTrader.Core.Orders;
using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;

namespace GridTrader.Logging;

/// <summary>
/// Stable event names and ids of the structured log. The export command, the dashboard and alerting filter on the names;
/// never rename one, add a new one instead. Risk events and strategy notices keep the names their records carry. Ids are grouped by area (orders 10xx, fills 11xx, risk 12xx, exchange 13xx,
/// strategy 14xx, bot 15xx, reconciliation 16xx, notifications 17xx).
/// </summary>
public static class LogEventNames
{
    public const string OrderIntent = "order.intent";
    public const string OrderSubmitting = "order.submitting";
    public const string OrderPlaced = "order.placed";
    public const string OrderPartiallyFilled = "order.partially_filled";
    public const string OrderFilled = "order.filled";
    public const string OrderCancelled = "order.cancelled";
    public const string OrderExpired = "order.expired";
    public const string OrderRejected = "order.rejected";
    public const string OrderUnknown = "order.unknown";
    public const string OrderReleased = "order.released";

    /// <summary>The event name of an order reaching <paramref name="state"/> (the log, the dashboard and exports share it).</summary>
    public static string ForOrderState(OrderState state) => state switch
    {
        OrderState.Intent => OrderIntent,
        OrderState.Submitting => OrderSubmitting,
        OrderState.Open => OrderPlaced,
        OrderState.PartiallyFilled => OrderPartiallyFilled,
        OrderState.Filled => OrderFilled,
        OrderState.Cancelled => OrderCancelled,
        OrderState.Expired => OrderExpired,
        OrderState.Rejected => OrderRejected,
        OrderState.Released => OrderReleased,
        _ => OrderUnknown,
    };

    public const string Fill = "fill";

    public const string RiskRejected = "risk.rejected";
    public const string KillEngaged = RiskEvent.KillEngaged;
    public const string KillReleased = RiskEvent.KillReleased;
    public const string CircuitTripped = RiskEvent.CircuitTripped;
    public const string CircuitReset = RiskEvent.CircuitReset;
    public const string DrawdownTripped = RiskEvent.DrawdownTripped;
    public const string MarketPaused = RiskEvent.MarketPaused;
    public const string MarketResumed = RiskEvent.MarketResumed;
    public const string BotPaused = RiskEvent.BotPaused;
    public const string BotResumed = RiskEvent.BotResumed;

    /// <summary>A risk event whose name this build does not know yet; the record's own name is logged as <c>EventName</c>.</summary>
    public const string RiskOther = "risk.event";

    public const string ExchangeError = "exchange.error";

    public const string GridPlanned = StrategyNotice.GridPlanned;
    public const string GridPlanFailed = StrategyNotice.GridPlanFailed;
    public const string TrendChanged = StrategyNotice.TrendChanged;
    public const string VolatilitySpike = StrategyNotice.SpikeStarted;
    public const string VolatilityNormal = StrategyNotice.SpikeEnded;
    public const string GridOutOfBand = StrategyNotice.OutOfBand;
    public const string GridRecentering = StrategyNotice.Recentering;
    public const string GridStopped = StrategyNotice.GridStopped;
    public const string GridResumed = StrategyNotice.GridResumed;

    /// <summary>A strategy notice whose name this build does not know yet; the notice's own name is logged as <c>EventName</c>.</summary>
    public const string NoticeOther = "strategy.notice";

    public const string BotState = "bot.state";

    /// <summary>A setting that does not fit the account the bot found at start (e.g. base held that the grid will not use).</summary>
    public const string BotHint = "bot.hint";

    /// <summary>The bot stopped on an error; the event carries the exception.</summary>
    public const string BotFailed = "bot.failed";

    /// <summary>Prefix of reconciliation findings: <c>reconcile.&lt;kind&gt;</c>.</summary>
    public const string ReconcilePrefix = "reconcile.";
    public const string ReconcileAdopted = "reconcile.adopted";
    public const string ReconcileNotPlaced = "reconcile.not-placed";
    public const string ReconcileForeign = "reconcile.foreign";
    public const string ReconcileInvalidSnapshot = "reconcile.invalid-snapshot";
    public const string ReconcileMissedFill = "reconcile.missed-fill";
    public const string ReconcileExecutionPrice = "reconcile.execution-price";

    /// <summary>A reconciliation kind this build does not know yet; <c>EventName</c> is still <c>reconcile.&lt;kind&gt;</c>.</summary>
    public const string ReconcileOther = "reconcile";

    /// <summary>Prefix of runtime market changes: <c>market.added</c>, <c>market.enabled</c>, <c>market.disabled</c>, <c>market.removed</c>.</summary>
    public const string MarketChangePrefix = "market.";
    public const string MarketChanged = "market.changed";

    public const string NotifySent = "notify.sent";
    public const string NotifyFailed = "notify.failed";
    public const string NotifyRateLimited = "notify.rate_limited";
    public const string NotifyDropped = "notify.dropped";
    public const string NotifyDisabled = "notify.disabled";
}
