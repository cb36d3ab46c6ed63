using GridTrader.Core.Markets;
using GridTrader.Core.Risk;
using GridTrader.Exchanges.Abstractions;

namespace GridTrader.Logging;

/// <summary>
/// Every engine log event, source-generated so each has a stable id and name (<see cref="LogEventNames"/>).
/// Property names are shared across events so the export and the dashboard can filter on them:
/// <c>Market</c>, <c>OrderId</c>, <c>Side</c>, <c>Price</c>, <c>Amount</c>, <c>Level</c> (grid line), <c>Reason</c>.
/// </summary>
internal static partial class EngineLog
{
    // ---------------------------------------------------------------- orders
    [LoggerMessage(EventId = 1001, EventName = LogEventNames.OrderIntent, Level = LogLevel.Debug,
        Message = "Order {OrderId} on {Market} intent recorded: {Side} {Amount} @ {Price}, level {Level}. {Reason}")]
    public static partial void OrderIntent(this ILogger logger, long orderId, string market, Side side, decimal amount, decimal price, int level,
        string? reason);
    [LoggerMessage(EventId = 1002, EventName = LogEventNames.OrderSubmitting, Level = LogLevel.Debug,
        Message = "Order {OrderId} on {Market} being submitted: {Side} {Amount} @ {Price}, level {Level}. {Reason}")]
    public static partial void OrderSubmitting(this ILogger logger, long orderId, string market, Side side, decimal amount, decimal price, int level,
        string? reason);
    [LoggerMessage(EventId = 1004, EventName = LogEventNames.OrderPartiallyFilled, Level = LogLevel.Information,
        Message = "Order {OrderId} on {Market} partially filled: {Side} {Amount} @ {Price}, level {Level}. {Reason}")]
    public static partial void OrderPartiallyFilled(this ILogger logger, long orderId, string market, Side side, decimal amount, decimal price, int level,
        string? reason);
    [LoggerMessage(EventId = 1005, EventName = LogEventNames.OrderFilled, Level = LogLevel.Information,
        Message = "Order {OrderId} on {Market} filled: {Side} {Amount} @ {Price}, level {Level}. {Reason}")]
    public static partial void OrderFilled(this ILogger logger, long orderId, string market, Side side, decimal amount, decimal price, int level,
        string? reason);
    [LoggerMessage(EventId = 1006, EventName = LogEventNames.OrderCancelled, Level = LogLevel.Information,
        Message = "Order {OrderId} on {Market} cancelled: {Side} {Amount} @ {Price}, level {Level}. {Reason}")]
    public static partial void OrderCancelled(this ILogger logger, long orderId, string market, Side side, decimal amount, decimal price, int level,
        string? reason);
    [LoggerMessage(EventId = 1007, EventName = LogEventNames.OrderExpired, Level = LogLevel.Information,
        Message = "Order {OrderId} on {Market} expired: {Side} {Amount} @ {Price}, level {Level}. {Reason}")]
    public static partial void OrderExpired(this ILogger logger, long orderId, string market, Side side, decimal amount, decimal price, int level,
        string? reason);
    [LoggerMessage(EventId = 1010, EventName = LogEventNames.OrderReleased, Level = LogLevel.Warning,
        Message = "Order {OrderId} on {Market} left on the exchange and released (now foreign, untouched): {Side} {Amount} @ {Price}, level {Level}. {Reason}")]
    public static partial void OrderReleased(this ILogger logger, long orderId, string market, Side side, decimal amount, decimal price, int level,
        string? reason);
    [LoggerMessage(EventId = 1008, EventName = LogEventNames.OrderRejected, Level = LogLevel.Warning,
        Message = "Order {OrderId} on {Market} rejected: {Side} {Amount} @ {Price}, level {Level}. {Reason}")]
    public static partial void OrderRejected(this ILogger logger, long orderId, string market, Side side, decimal amount, decimal price, int level,
        string? reason);
    [LoggerMessage(EventId = 1009, EventName = LogEventNames.OrderUnknown, Level = LogLevel.Warning,
        Message = "Order {OrderId} on {Market} in an unknown state: {Side} {Amount} @ {Price}, level {Level}. {Reason}")]
    public static partial void OrderUnknown(this ILogger logger, long orderId, string market, Side side, decimal amount, decimal price, int level,
        string? reason);
    [LoggerMessage(EventId = 1003, EventName = LogEventNames.OrderPlaced, Level = LogLevel.Information,
        Message = "Order {OrderId} on {Market} placed: {Side} {Amount} @ {Price}, level {Level}, exchange id {ExchangeOrderId}")]
    public static partial void OrderPlaced(this ILogger logger, long orderId, string market, Side side, decimal amount, decimal price, int level,
        long? exchangeOrderId);

    // ---------------------------------------------------------------- fills

    [LoggerMessage(EventId = 1101, EventName = LogEventNames.Fill, Level = LogLevel.Information,
        Message = "Fill on {Market}: order {OrderId} {Side} {Amount} @ {Price}, level {Level}, fee {Fee} {FeeCurrency}, realized P&L {RealizedPnl} {QuoteCurrency}")]
    public static partial void Fill(this ILogger logger, string market, long orderId, Side side, decimal amount, decimal price, int level,
        decimal fee, string feeCurrency, decimal realizedPnl, string quoteCurrency);

    // ---------------------------------------------------------------- risk

    [LoggerMessage(EventId = 1200, EventName = LogEventNames.RiskRejected,
        Message = "Risk rejected {Side} {Amount} @ {Price} on {Market}, level {Level}: {Reason} ({Detail})")]
    public static partial void RiskRejected(this ILogger logger, LogLevel logLevel, string market, Side side, decimal amount, decimal price,
        int level, string reason, string detail);

    [LoggerMessage(EventId = 1201, EventName = LogEventNames.KillEngaged, Level = LogLevel.Error, Message = "Kill-switch engaged on {Market}: {Reason}")]
    public static partial void KillEngaged(this ILogger logger, string market, string reason);

    [LoggerMessage(EventId = 1202, EventName = LogEventNames.KillReleased, Level = LogLevel.Warning, Message = "Kill-switch released on {Market}: {Reason}")]
    public static partial void KillReleased(this ILogger logger, string market, string reason);

    [LoggerMessage(EventId = 1203, EventName = LogEventNames.CircuitTripped, Level = LogLevel.Warning, Message = "Circuit breaker tripped on {Market}: {Reason}")]
    public static partial void CircuitTripped(this ILogger logger, string market, string reason);

    [LoggerMessage(EventId = 1204, EventName = LogEventNames.CircuitReset, Level = LogLevel.Information, Message = "Circuit breaker reset on {Market}: {Reason}")]
    public static partial void CircuitReset(this ILogger logger, string market, string reason);

    [LoggerMessage(EventId = 1205, EventName = LogEventNames.DrawdownTripped, Level = LogLevel.Error, Message = "Drawdown stop tripped on {Market}: {Reason}")]
    public static partial void DrawdownTripped(this ILogger logger, string market, string reason);

    [LoggerMessage(EventId = 1206, EventName = LogEventNames.MarketPaused, Level = LogLevel.Warning, Message = "Market paused on {Market}: {Reason}")]
    public static partial void MarketPaused(this ILogger logger, string market, string reason);

    [LoggerMessage(EventId = 1207, EventName = LogEventNames.MarketResumed, Level = LogLevel.Information, Message = "Market resumed on {Market}: {Reason}")]
    public static partial void MarketResumed(this ILogger logger, string market, string reason);

    [LoggerMessage(EventId = 1208, EventName = LogEventNames.BotPaused, Level = LogLevel.Warning, Message = "Bot paused on {Market}: {Reason}")]
    public static partial void BotPaused(this ILogger logger, string market, string reason);

    [LoggerMessage(EventId = 1209, EventName = LogEventNames.BotResumed, Level = LogLevel.Information, Message = "Bot resumed on {Market}: {Reason}")]
    public static partial void BotResumed(this ILogger logger, string market, string reason);

    /// <summary>A risk event this build has no dedicated method for: its own name is carried as <c>EventName</c>.</summary>
    [LoggerMessage(EventId = 1299, EventName = LogEventNames.RiskOther, Level = LogLevel.Warning, Message = "Risk event {EventName} on {Market}: {Reason}")]
    public static partial void RiskOther(this ILogger logger, string eventName, string market, string reason);

    // ---------------------------------------------------------------- exchange

    [LoggerMessage(EventId = 1301, EventName = LogEventNames.ExchangeError, Level = LogLevel.Warning,
        Message = "Exchange error during {Operation} on {Market}: {Reason} (HTTP {HttpStatus}, retry after {RetryAfter}) {Detail}")]
    public static partial void ExchangeError(this ILogger logger, string operation, string market, ExchangeErrorKind reason, int? httpStatus,
        TimeSpan? retryAfter, string detail);

    // ---------------------------------------------------------------- strategy

    [LoggerMessage(EventId = 1401, EventName = LogEventNames.GridPlanned, Level = LogLevel.Information, Message = "Grid planned on {Market}: {Reason}")]
    public static partial void GridPlanned(this ILogger logger, string market, string reason);

    [LoggerMessage(EventId = 1402, EventName = LogEventNames.GridPlanFailed, Level = LogLevel.Warning, Message = "Grid plan failed on {Market}: {Reason}")]
    public static partial void GridPlanFailed(this ILogger logger, string market, string reason);

    [LoggerMessage(EventId = 1403, EventName = LogEventNames.TrendChanged, Level = LogLevel.Information, Message = "Trend changed on {Market}: {Reason}")]
    public static partial void TrendChanged(this ILogger logger, string market, string reason);

    [LoggerMessage(EventId = 1404, EventName = LogEventNames.VolatilitySpike, Level = LogLevel.Information, Message = "Volatility spike on {Market}: {Reason}")]
    public static partial void VolatilitySpike(this ILogger logger, string market, string reason);

    [LoggerMessage(EventId = 1405, EventName = LogEventNames.VolatilityNormal, Level = LogLevel.Information, Message = "Volatility back to normal on {Market}: {Reason}")]
    public static partial void VolatilityNormal(this ILogger logger, string market, string reason);

    [LoggerMessage(EventId = 1406, EventName = LogEventNames.GridOutOfBand, Level = LogLevel.Warning, Message = "Price left the grid band on {Market}: {Reason}")]
    public static partial void GridOutOfBand(this ILogger logger, string market, string reason);

    [LoggerMessage(EventId = 1407, EventName = LogEventNames.GridRecentering, Level = LogLevel.Information, Message = "Grid recentering on {Market}: {Reason}")]
    public static partial void GridRecentering(this ILogger logger, string market, string reason);

    [LoggerMessage(EventId = 1408, EventName = LogEventNames.GridStopped, Level = LogLevel.Error, Message = "Grid stopped on {Market}: {Reason}")]
    public static partial void GridStopped(this ILogger logger, string market, string reason);

    [LoggerMessage(EventId = 1409, EventName = LogEventNames.GridResumed, Level = LogLevel.Information, Message = "Grid resumed on {Market}: {Reason}")]
    public static partial void GridResumed(this ILogger logger, string market, string reason);

    /// <summary>A strategy notice this build has no dedicated method for: its own name is carried as <c>EventName</c>.</summary>
    [LoggerMessage(EventId = 1499, EventName = LogEventNames.NoticeOther, Level = LogLevel.Information, Message = "Strategy notice {EventName} on {Market}: {Reason}")]
    public static partial void NoticeOther(this ILogger logger, string eventName, string market, string reason);

    // ---------------------------------------------------------------- bot

    [LoggerMessage(EventId = 1501, EventName = LogEventNames.BotState, Message = "Bot state {From} -> {To}: {Reason}")]
    public static partial void BotState(this ILogger logger, LogLevel logLevel, BotState from, BotState to, string reason);

    [LoggerMessage(EventId = 1502, EventName = LogEventNames.BotHint, Level = LogLevel.Warning, Message = "Configuration hint: {Reason}")]
    public static partial void StartupHint(this ILogger logger, string reason);

    [LoggerMessage(EventId = 1503, EventName = LogEventNames.BotFailed, Level = LogLevel.Critical, Message = "The bot stopped on an error")]
    public static partial void EngineFailed(this ILogger logger, Exception exception);

    // ---------------------------------------------------------------- reconciliation

    [LoggerMessage(EventId = 1601, EventName = LogEventNames.ReconcileAdopted, Level = LogLevel.Warning, Message = "Reconciliation on {Market}: adopted an order: {Reason}")]
    public static partial void ReconcileAdopted(this ILogger logger, string market, string reason);

    [LoggerMessage(EventId = 1602, EventName = LogEventNames.ReconcileNotPlaced, Level = LogLevel.Warning, Message = "Reconciliation on {Market}: order was not placed: {Reason}")]
    public static partial void ReconcileNotPlaced(this ILogger logger, string market, string reason);

    [LoggerMessage(EventId = 1603, EventName = LogEventNames.ReconcileForeign, Level = LogLevel.Warning, Message = "Reconciliation on {Market}: foreign order on the exchange: {Reason}")]
    public static partial void ReconcileForeign(this ILogger logger, string market, string reason);

    [LoggerMessage(EventId = 1604, EventName = LogEventNames.ReconcileInvalidSnapshot, Level = LogLevel.Error, Message = "Reconciliation on {Market}: invalid exchange snapshot: {Reason}")]
    public static partial void ReconcileInvalidSnapshot(this ILogger logger, string market, string reason);

    [LoggerMessage(EventId = 1605, EventName = LogEventNames.ReconcileMissedFill, Level = LogLevel.Warning, Message = "Reconciliation on {Market}: missed fill: {Reason}")]
    public static partial void ReconcileMissedFill(this ILogger logger, string market, string reason);

    /// <summary>A fill was paid at a better price than its limit (a taker fill), as the trade history shows: a fact, not a problem.</summary>
    [LoggerMessage(EventId = 1606, EventName = LogEventNames.ReconcileExecutionPrice, Level = LogLevel.Information, Message = "Reconciliation on {Market}: execution price: {Reason}")]
    public static partial void ReconcileExecutionPrice(this ILogger logger, string market, string reason);

    /// <summary>A market started or stopped being traded at runtime; <c>EventName</c> is <c>market.&lt;change&gt;</c>.</summary>
    [LoggerMessage(EventId = 1701, EventName = LogEventNames.MarketChanged, Level = LogLevel.Warning, Message = "Market {EventName} {Market}: {Reason}")]
    public static partial void MarketChanged(this ILogger logger, string eventName, string market, string reason);

    /// <summary>A reconciliation kind this build has no dedicated method for; <c>EventName</c> is still <c>reconcile.&lt;kind&gt;</c>.</summary>
    [LoggerMessage(EventId = 1699, EventName = LogEventNames.ReconcileOther, Level = LogLevel.Warning, Message = "Reconciliation {EventName} on {Market}: {Reason}")]
    public static partial void ReconcileOther(this ILogger logger, string eventName, string market, string reason);
}
