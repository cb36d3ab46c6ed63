using System.Collections.Concurrent;
using GridTrader.Core.Accounting;
using GridTrader.Core.Orders;
using GridTrader.Core.Risk;
using GridTrader.Engine.Trading;

namespace GridTrader.Engine.Tests.Live;

/// <summary>Records what the engine reports, thread-safely.</summary>
internal sealed class RecordingObserver : IEngineObserver
{
    public ConcurrentQueue<Fill> Fills { get; } = new();
    public ConcurrentQueue<(string Kind, string Message)> Reconciliations { get; } = new();
    public ConcurrentQueue<OrderStateChanged> StateChanges { get; } = new();
    public ConcurrentQueue<BotStateTransition> BotStates { get; } = new();
    public ConcurrentQueue<Core.Strategy.StrategyNotice> Notices { get; } = new();

    public void OnNotice(Core.Strategy.StrategyNotice notice) => Notices.Enqueue(notice);

    public void OnFill(Fill fill, decimal realizedPnl) => Fills.Enqueue(fill);

    public void OnOrderEvent(TrackedOrder order, OrderEvent e)
    {
        if (e is OrderStateChanged s) StateChanges.Enqueue(s);
    }

    public void OnReconciliation(string market, string kind, string message) => Reconciliations.Enqueue((kind, message));

    public void OnBotState(BotStateTransition transition) => BotStates.Enqueue(transition);
}
