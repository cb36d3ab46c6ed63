using GridTrader.Core.Accounting;
using GridTrader.Core.Orders;
using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;
using GridTrader.Engine.Trading;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Logging;

namespace GridTrader.Hosting;

/// <summary>One engine event as the dashboard shows it; a fill carries its details.</summary>
internal sealed record EngineEventView(long Seq, DateTimeOffset Time, string Name, string? Market, string Message, FillView? Fill = null);

/// <summary>One fill as the dashboard shows it.</summary>
internal sealed record FillView(long OrderId, string Market, string Side, decimal Price, decimal Amount, decimal Fee, string FeeCurrency,
    decimal RealizedPnl, int Level, DateTimeOffset Time);

/// <summary>
/// Keeps the latest engine events (and fills, rejections) in bounded rings for the dashboard. Thread-safe: written
/// by the engine loop, read by HTTP requests; <see cref="Changed"/> wakes the event stream at each new event.
/// </summary>
internal sealed class RecentEvents(int capacity) : IEngineObserver
{
    private readonly Lock _lock = new();
    private readonly Queue<EngineEventView> _events = new();
    private readonly Queue<FillView> _fills = new();
    private readonly Queue<EngineEventView> _rejections = new();
    private long _seq;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The engine's clock (the replay clock in simulated runs).</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public IReadOnlyList<EngineEventView> Events(long afterSeq = 0)
    {
        lock (_lock) return _events.Where(e => e.Seq > afterSeq).ToList();
    }

    /// <summary>The number of the latest event (0 before the first).</summary>
    public long LastSeq
    {
        get
        {
            lock (_lock) return _seq;
        }
    }

    /// <summary>The oldest event still kept (events before it have been dropped from the ring).</summary>
    public long OldestSeq
    {
        get
        {
            lock (_lock) return _events.Count > 0 ? _events.Peek().Seq : _seq + 1;
        }
    }

    /// <summary>Completes at the next event; take it before reading, then wait on it.</summary>
    public Task Changed
    {
        get
        {
            lock (_lock) return _changed.Task;
        }
    }

    public IReadOnlyList<FillView> Fills()
    {
        lock (_lock) return _fills.ToList();
    }

    public IReadOnlyList<EngineEventView> Rejections()
    {
        lock (_lock) return _rejections.ToList();
    }

    public void OnOrderEvent(TrackedOrder order, OrderEvent e)
    {
        if (e is OrderStateChanged s)
            Add(LogEventNames.ForOrderState(s.To), order.Market, $"#{order.Id} {order.Side} {order.Amount} @ {order.Price} L{order.Level}: {s.From} → {s.To}" +
                (s.Reason is null ? "" : $" ({s.Reason})"), s.Time);
    }

    public void OnFill(Fill fill, decimal realizedPnl)
    {
        var view = new FillView(fill.OrderId, fill.Market, fill.Side == Core.Markets.Side.Buy ? "buy" : "sell", fill.Price, fill.Amount,
            fill.Fee, fill.FeeCurrency, realizedPnl, fill.Level, fill.Time);
        lock (_lock)
        {
            _fills.Enqueue(view);
            while (_fills.Count > capacity) _fills.Dequeue();
        }

        Add("fill", fill.Market, $"{fill.Side} {fill.Amount} @ {fill.Price}, fee {fill.Fee} {fill.FeeCurrency}, realized {realizedPnl:0.##}", fill.Time, view);
    }

    public void OnPlacementRejected(PlaceOrderAction action, RiskDecision decision)
    {
        var view = Add("risk.rejected", action.Market, $"{decision.Code}: {action.Side} {action.Amount} @ {action.Price} L{action.Level}: {decision.Message}",
            Clock.GetUtcNow());
        lock (_lock)
        {
            _rejections.Enqueue(view);
            while (_rejections.Count > 200) _rejections.Dequeue();
        }
    }

    public void OnExchangeError(string operation, string market, ExchangeError failure) =>
        Add("exchange.error", market, $"{operation}: {failure}", Clock.GetUtcNow());

    public void OnRiskEvent(RiskEvent e) => Add(e.Name, e.Market, e.Message, e.Time);

    public void OnNotice(StrategyNotice notice) => Add(notice.Name, notice.Market, notice.Message, Clock.GetUtcNow());

    public void OnBotState(BotStateTransition t) => Add("bot.state", null, $"{t.From} → {t.To}: {t.Reason}", t.Time);

    public void OnReconciliation(string market, string kind, string message) => Add($"reconcile.{kind}", market, message, Clock.GetUtcNow());

    public void OnMarketChanged(string market, string change, string message) =>
        Add(LogEventNames.MarketChangePrefix + change, market, message, Clock.GetUtcNow());

    private EngineEventView Add(string name, string? market, string message, DateTimeOffset time, FillView? fill = null)
    {
        EngineEventView view;
        TaskCompletionSource changed;
        lock (_lock)
        {
            view = new EngineEventView(++_seq, time, name, market, message, fill);
            _events.Enqueue(view);
            while (_events.Count > capacity) _events.Dequeue();
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
        return view;
    }
}
