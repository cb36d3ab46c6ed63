using GridTrader.Core.Accounting;
using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;
using GridTrader.Engine.Trading;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Notifications;

namespace GridTrader.Logging;

/// <summary>Writes every engine callback to the structured log under its stable event name (<see cref="LogEventNames"/>).</summary>
public sealed class EngineLogObserver(ILogger logger) : IEngineObserver
{
    /// <summary>Market shown for events that concern the whole bot (kill-switch, bot pause).</summary>
    public const string AllMarkets = "*";

    private delegate void OrderLog(ILogger logger, long orderId, string market, Side side, decimal amount, decimal price, int level,
        string? reason);

    /// <summary>The event for each target state but Open (order.placed also carries the exchange id).</summary>
    private static readonly Dictionary<OrderState, OrderLog> OrderLogs = new()
    {
        [OrderState.Intent] = EngineLog.OrderIntent,
        [OrderState.Submitting] = EngineLog.OrderSubmitting,
        [OrderState.PartiallyFilled] = EngineLog.OrderPartiallyFilled,
        [OrderState.Filled] = EngineLog.OrderFilled,
        [OrderState.Cancelled] = EngineLog.OrderCancelled,
        [OrderState.Expired] = EngineLog.OrderExpired,
        [OrderState.Rejected] = EngineLog.OrderRejected,
        [OrderState.Unknown] = EngineLog.OrderUnknown,
        [OrderState.Released] = EngineLog.OrderReleased,
    };

    public void OnOrderEvent(TrackedOrder order, OrderEvent e)
    {
        // A matched quantity (OrderFilled) is logged once, as "fill", by OnFill with its fee and P&L; the state change
        // that accompanies it is logged here.
        if (e is not OrderStateChanged change) return;
        if (change.To == OrderState.Open)
        {
            logger.OrderPlaced(order.Id, order.Market, order.Side, order.Amount, order.Price, order.Level, order.ExchangeId);
            return;
        }

        var log = OrderLogs.GetValueOrDefault(change.To, EngineLog.OrderUnknown);
        log(logger, order.Id, order.Market, order.Side, order.Amount, order.Price, order.Level, change.Reason ?? "");
    }

    public void OnFill(Fill fill, decimal realizedPnl) =>
        logger.Fill(fill.Market, fill.OrderId, fill.Side, fill.Amount, fill.Price, fill.Level, fill.Fee, fill.FeeCurrency, realizedPnl,
            fill.QuoteCurrency);

    public void OnPlacementRejected(PlaceOrderAction action, RiskDecision decision) =>
        logger.RiskRejected(NotableRejections.IsNotable(decision) ? LogLevel.Warning : LogLevel.Information, action.Market, action.Side,
            action.Amount, action.Price, action.Level, decision.Code, decision.Message);

    public void OnExchangeError(string operation, string market, ExchangeError failure) =>
        logger.ExchangeError(operation, market, failure.Kind, failure.HttpStatus, failure.RetryAfter, failure.Message);

    public void OnRiskEvent(RiskEvent e)
    {
        var market = e.Market ?? AllMarkets;
        switch (e.Name)
        {
            case RiskEvent.KillEngaged: logger.KillEngaged(market, e.Message); break;
            case RiskEvent.KillReleased: logger.KillReleased(market, e.Message); break;
            case RiskEvent.CircuitTripped: logger.CircuitTripped(market, e.Message); break;
            case RiskEvent.CircuitReset: logger.CircuitReset(market, e.Message); break;
            case RiskEvent.DrawdownTripped: logger.DrawdownTripped(market, e.Message); break;
            case RiskEvent.MarketPaused: logger.MarketPaused(market, e.Message); break;
            case RiskEvent.MarketResumed: logger.MarketResumed(market, e.Message); break;
            case RiskEvent.BotPaused: logger.BotPaused(market, e.Message); break;
            case RiskEvent.BotResumed: logger.BotResumed(market, e.Message); break;
            default: logger.RiskOther(e.Name, market, e.Message); break;
        }
    }

    public void OnNotice(StrategyNotice notice)
    {
        switch (notice.Name)
        {
            case StrategyNotice.GridPlanned: logger.GridPlanned(notice.Market, notice.Message); break;
            case StrategyNotice.GridPlanFailed: logger.GridPlanFailed(notice.Market, notice.Message); break;
            case StrategyNotice.TrendChanged: logger.TrendChanged(notice.Market, notice.Message); break;
            case StrategyNotice.SpikeStarted: logger.VolatilitySpike(notice.Market, notice.Message); break;
            case StrategyNotice.SpikeEnded: logger.VolatilityNormal(notice.Market, notice.Message); break;
            case StrategyNotice.OutOfBand: logger.GridOutOfBand(notice.Market, notice.Message); break;
            case StrategyNotice.Recentering: logger.GridRecentering(notice.Market, notice.Message); break;
            case StrategyNotice.GridStopped: logger.GridStopped(notice.Market, notice.Message); break;
            case StrategyNotice.GridResumed: logger.GridResumed(notice.Market, notice.Message); break;
            default: logger.NoticeOther(notice.Name, notice.Market, notice.Message); break;
        }
    }

    public void OnBotState(BotStateTransition transition) =>
        logger.BotState(transition.To == BotState.Halted ? LogLevel.Error : LogLevel.Information, transition.From, transition.To,
            transition.Reason);

    public void OnMarketChanged(string market, string change, string message) =>
        logger.MarketChanged(LogEventNames.MarketChangePrefix + change, market, message);

    public void OnReconciliation(string market, string kind, string message)
    {
        switch (kind)
        {
            case "adopted": logger.ReconcileAdopted(market, message); break;
            case "not-placed": logger.ReconcileNotPlaced(market, message); break;
            case "foreign": logger.ReconcileForeign(market, message); break;
            case "invalid-snapshot": logger.ReconcileInvalidSnapshot(market, message); break;
            case "missed-fill": logger.ReconcileMissedFill(market, message); break;
            case "execution-price": logger.ReconcileExecutionPrice(market, message); break;
            default: logger.ReconcileOther(LogEventNames.ReconcilePrefix + kind, market, message); break;
        }
    }
}
