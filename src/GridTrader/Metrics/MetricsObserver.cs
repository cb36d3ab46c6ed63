using GridTrader.Core.Accounting;
using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;
using GridTrader.Engine.Trading;
using GridTrader.Exchanges.Abstractions;
using Prometheus;

namespace GridTrader.Metrics;

/// <summary>
/// The engine's events as Prometheus counters: fills, completed grid pairs, risk rejections by reason, reconciliation
/// runs and findings, exchange errors. Called on the engine loop; prometheus-net's counters are thread-safe and never throw.
/// </summary>
internal sealed class MetricsObserver : IEngineObserver
{
    /// <summary>Reconciliation finding kinds the engine reports today; published at zero so a dashboard sees them before the first.</summary>
    public static readonly string[] KnownFindings = ["adopted", "not-placed", "foreign", "orphan", "level-occupied", "invalid-snapshot"];

    private readonly Counter _fills;
    private readonly Counter _pairs;
    private readonly Counter _rejections;
    private readonly Counter _reconciliationRuns;
    private readonly Counter _findings;
    private readonly Counter _exchangeErrors;

    public MetricsObserver(IMetricFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _fills = factory.CreateCounter("gridtrader_fills_total", "Fills applied, by market and side.", ["market", "side"]);
        _pairs = factory.CreateCounter("gridtrader_grid_pairs_total", "Grid pairs completed: sell orders filled in full (the buy below it filled earlier).", ["market"]);
        _rejections = factory.CreateCounter("gridtrader_risk_rejections_total", "Placements refused by the risk pipeline, by market and reason code.", ["market", "reason"]);
        _reconciliationRuns = factory.CreateCounter("gridtrader_reconciliation_runs_total", "Reconciliations with the exchange (at start and on resume from a halt).");
        _findings = factory.CreateCounter("gridtrader_reconciliation_findings_total", "Reconciliation findings, by market and kind (adopted, foreign, not-placed, orphan, ...).", ["market", "kind"]);
        _exchangeErrors = factory.CreateCounter("gridtrader_exchange_errors_total", "Failed exchange calls the engine saw, by operation and error kind.", ["operation", "kind"]);
        _reconciliationRuns.Publish();
    }

    /// <summary>Publishes every label combination of a market at zero, so rates and alerts work before the first event.</summary>
    public void Declare(string market)
    {
        foreach (var side in new[] { "buy", "sell" }) _fills.WithLabels(market, side).Publish();
        _pairs.WithLabels(market).Publish();
        foreach (var reason in Enum.GetValues<RiskReason>()) _rejections.WithLabels(market, RiskReasonCodes.ToCode(reason)).Publish();
        foreach (var kind in KnownFindings) _findings.WithLabels(market, kind).Publish();
    }

    public void OnFill(Fill fill, decimal realizedPnl) =>
        _fills.WithLabels(fill.Market, fill.Side == Side.Buy ? "buy" : "sell").Inc();

    public void OnOrderEvent(TrackedOrder order, OrderEvent e)
    {
        if (e is OrderStateChanged { To: OrderState.Filled } && order.Side == Side.Sell) _pairs.WithLabels(order.Market).Inc();
    }

    public void OnPlacementRejected(PlaceOrderAction action, RiskDecision decision) =>
        _rejections.WithLabels(action.Market, decision.Code).Inc();

    public void OnBotState(BotStateTransition transition)
    {
        // The engine enters Starting exactly when it reconciles: at start, and when a halted bot is resumed.
        if (transition.To == BotState.Starting) _reconciliationRuns.Inc();
    }

    public void OnReconciliation(string market, string kind, string message) => _findings.WithLabels(market, kind).Inc();

    public void OnExchangeError(string operation, string market, ExchangeError failure) =>
        _exchangeErrors.WithLabels(operation, failure.Kind.ToString().ToLowerInvariant()).Inc();
}
