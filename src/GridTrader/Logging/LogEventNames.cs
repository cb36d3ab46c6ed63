namespace GridTrader.Logging;

/// <summary>
/// Stable event names and ids of the structured log. The export command, the dashboard and alerting filter on the names;
/// never rename one, add a new one instead. Ids are grouped by area (orders 10xx, fills 11xx, risk 12xx, exchange 13xx,
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

    public const string Fill = "fill";

    public const string RiskRejected = "risk.rejected";
    public const string KillEngaged = "kill.engaged";
    public const string KillReleased = "kill.released";
    public const string CircuitTripped = "circuit.tripped";
    public const string CircuitReset = "circuit.reset";
    public const string DrawdownTripped = "drawdown.tripped";
    public const string MarketPaused = "market.paused";
    public const string MarketResumed = "market.resumed";
    public const string BotPaused = "bot.paused";
    public const string BotResumed = "bot.resumed";

    /// <summary>A risk event whose name this build does not know yet; the record's own name is logged as <c>EventName</c>.</summary>
    public const string RiskOther = "risk.event";

    public const string ExchangeError = "exchange.error";

    public const string GridPlanned = "grid.planned";
    public const string GridPlanFailed = "grid.plan_failed";
    public const string TrendChanged = "trend.changed";
    public const string VolatilitySpike = "volatility.spike";
    public const string VolatilityNormal = "volatility.normal";
    public const string GridOutOfBand = "grid.out_of_band";
    public const string GridRecentering = "grid.recentering";

    /// <summary>A strategy notice whose name this build does not know yet; the notice's own name is logged as <c>EventName</c>.</summary>
    public const string NoticeOther = "strategy.notice";

    public const string BotState = "bot.state";

    /// <summary>Prefix of reconciliation findings: <c>reconcile.&lt;kind&gt;</c>.</summary>
    public const string ReconcilePrefix = "reconcile.";
    public const string ReconcileAdopted = "reconcile.adopted";
    public const string ReconcileNotPlaced = "reconcile.not-placed";
    public const string ReconcileForeign = "reconcile.foreign";
    public const string ReconcileInvalidSnapshot = "reconcile.invalid-snapshot";
    public const string ReconcileMissedFill = "reconcile.missed-fill";

    /// <summary>A reconciliation kind this build does not know yet; <c>EventName</c> is still <c>reconcile.&lt;kind&gt;</c>.</summary>
    public const string ReconcileOther = "reconcile";

    public const string NotifySent = "notify.sent";
    public const string NotifyFailed = "notify.failed";
    public const string NotifyRateLimited = "notify.rate_limited";
    public const string NotifyDropped = "notify.dropped";
    public const string NotifyDisabled = "notify.disabled";
}
