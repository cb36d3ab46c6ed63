using GridTrader.Core.Accounting;
using GridTrader.Core.Orders;
using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;
using GridTrader.Exchanges.Abstractions;

namespace GridTrader.Engine.Trading;

/// <summary>
/// Receives what the engine does, for logs, notifications, the dashboard and backtest statistics.
/// Observers must not throw; the engine does not depend on them.
/// </summary>
public interface IEngineObserver
{
    void OnOrderEvent(TrackedOrder order, OrderEvent e) { }

    void OnFill(Fill fill, decimal realizedPnl) { }

    void OnPlacementRejected(PlaceOrderAction action, RiskDecision decision) { }

    void OnExchangeError(string operation, string market, ExchangeError failure) { }

    void OnRiskEvent(RiskEvent e) { }

    void OnNotice(StrategyNotice notice) { }

    void OnBotState(BotStateTransition transition) { }

    /// <summary>A reconciliation finding: <paramref name="kind"/> is e.g. <c>adopted</c>, <c>not-placed</c>, <c>foreign</c>, <c>missed-fill</c>.</summary>
    void OnReconciliation(string market, string kind, string message) { }

    /// <summary>A market started or stopped being traded at runtime: <paramref name="change"/> is <c>added</c>, <c>enabled</c>, <c>disabled</c> or <c>removed</c>.</summary>
    void OnMarketChanged(string market, string change, string message) { }
}

/// <summary>An observer that ignores everything.</summary>
public sealed class NullEngineObserver : IEngineObserver
{
    public static NullEngineObserver Instance { get; } = new();
}

/// <summary>Fans out to several observers.</summary>
public sealed class CompositeEngineObserver(params IEngineObserver[] observers) : IEngineObserver
{
    public void OnOrderEvent(TrackedOrder order, OrderEvent e)
    {
        foreach (var o in observers) o.OnOrderEvent(order, e);
    }

    public void OnFill(Fill fill, decimal realizedPnl)
    {
        foreach (var o in observers) o.OnFill(fill, realizedPnl);
    }

    public void OnPlacementRejected(PlaceOrderAction action, RiskDecision decision)
    {
        foreach (var o in observers) o.OnPlacementRejected(action, decision);
    }

    public void OnExchangeError(string operation, string market, ExchangeError failure)
    {
        foreach (var o in observers) o.OnExchangeError(operation, market, failure);
    }

    public void OnRiskEvent(RiskEvent e)
    {
        foreach (var o in observers) o.OnRiskEvent(e);
    }

    public void OnNotice(StrategyNotice notice)
    {
        foreach (var o in observers) o.OnNotice(notice);
    }

    public void OnBotState(BotStateTransition transition)
    {
        foreach (var o in observers) o.OnBotState(transition);
    }

    public void OnReconciliation(string market, string kind, string message)
    {
        foreach (var o in observers) o.OnReconciliation(market, kind, message);
    }

    public void OnMarketChanged(string market, string change, string message)
    {
        foreach (var o in observers) o.OnMarketChanged(market, change, message);
    }
}
