using System.Collections.Concurrent;
using GridTrader.Core.Accounting;
using GridTrader.Core.Orders;
using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;
using GridTrader.Engine.Trading;
using GridTrader.Exchanges.Abstractions;

namespace GridTrader.Engine.Tests.Live;

/// <summary>Records what the engine reports, thread-safely.</summary>
internal sealed class RecordingObserver : IEngineObserver
{
    public ConcurrentQueue<Fill> Fills { get; } = new();
    public ConcurrentQueue<(string Kind, string Message)> Reconciliations { get; } = new();
    public ConcurrentQueue<OrderStateChanged> StateChanges { get; } = new();
    public ConcurrentQueue<BotStateTransition> BotStates { get; } = new();
    public ConcurrentQueue<OrderEvent> OrderEvents { get; } = new();
    public ConcurrentQueue<(PlaceOrderAction Action, RiskDecision Decision)> Rejections { get; } = new();
    public ConcurrentQueue<RiskEvent> RiskEvents { get; } = new();
    public ConcurrentQueue<(string Operation, ExchangeError Error)> ExchangeErrors { get; } = new();
    public ConcurrentQueue<(string Market, string Change, string Message)> MarketChanges { get; } = new();

    public void OnMarketChanged(string market, string change, string message) => MarketChanges.Enqueue((market, change, message));

    public ConcurrentQueue<Core.Strategy.StrategyNotice> Notices { get; } = new();

    public void OnNotice(Core.Strategy.StrategyNotice notice) => Notices.Enqueue(notice);

    public void OnFill(Fill fill, decimal realizedPnl) => Fills.Enqueue(fill);

    public void OnOrderEvent(TrackedOrder order, OrderEvent e)
    {
        OrderEvents.Enqueue(e);
        if (e is OrderStateChanged s) StateChanges.Enqueue(s);
    }

    public void OnReconciliation(string market, string kind, string message) => Reconciliations.Enqueue((kind, message));

    public void OnBotState(BotStateTransition transition) => BotStates.Enqueue(transition);

    public void OnPlacementRejected(PlaceOrderAction action, RiskDecision decision) => Rejections.Enqueue((action, decision));

    public void OnRiskEvent(RiskEvent e) => RiskEvents.Enqueue(e);

    public void OnExchangeError(string operation, string market, ExchangeError failure) => ExchangeErrors.Enqueue((operation, failure));
}
