using GridTrader.Core.Orders;
using GridTrader.Core.Persistence;
using GridTrader.Core.Risk;

namespace GridTrader.Engine.Trading;

/// <summary>
/// The bot's state machine and the risk switches a person or a risk rule throws: state transitions, kill-switch,
/// pause and resume (whole bot or one market). Every change is observed, journaled and persisted before it returns.
/// </summary>
public sealed class BotControl(RiskManager risk, IEngineStore store, IEngineObserver observer, MarketSet markets, OrderExecutor orders,
    HaltSignal halt, TimeProvider time)
{
    public RiskManager Risk { get; } = risk;

    /// <summary>Blocks every new placement from this instant, from any thread, until <see cref="EngageKillSwitchAsync"/> runs on the loop.</summary>
    public void RequestHalt() => halt.Request();

    public void ClearHaltRequest() => halt.Clear();

    /// <summary>Moves the bot state machine and records the transition; illegal moves are ignored and return false.</summary>
    public async ValueTask<bool> MoveToAsync(BotState state, string reason, CancellationToken ct = default)
    {
        var transition = Risk.StateMachine.TryMoveTo(state, reason, time.GetUtcNow());
        if (transition is null) return false;
        observer.OnBotState(transition);
        await store.SaveBotStateAsync(transition, ct);
        InvalidateAll();
        return true;
    }

    /// <summary>Engages the kill-switch: no new orders from now on, every open order cancelled, state persisted.</summary>
    public async ValueTask EngageKillSwitchAsync(string reason, CancellationToken ct = default)
    {
        var seen = Risk.StateMachine.History.Count;
        foreach (var e in Risk.EngageKillSwitch(reason, time.GetUtcNow())) await RiskEventAsync(e, ct);
        await RecordTransitionsSinceAsync(seen, ct);
        await SaveRiskStateAsync(ct);
        await orders.CancelEverythingAsync(CancelReasons.KillSwitch, ct);
    }

    /// <summary>Releases the kill-switch or a global pause. After a kill the caller reconciles and moves to Running.</summary>
    public async ValueTask ResumeAsync(string reason, CancellationToken ct = default)
    {
        var seen = Risk.StateMachine.History.Count;
        foreach (var e in Risk.Resume(reason, time.GetUtcNow())) await RiskEventAsync(e, ct);
        await RecordTransitionsSinceAsync(seen, ct);
        await SaveRiskStateAsync(ct);
        InvalidateAll();
    }

    /// <summary>Pauses one market, or every market when <paramref name="market"/> is null.</summary>
    public async ValueTask PauseAsync(string? market, string reason, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var seen = Risk.StateMachine.History.Count;
        var events = market is null ? Risk.PauseAll(reason, now) : Risk.PauseMarket(market, reason, now);
        foreach (var e in events) await RiskEventAsync(e, ct);
        await RecordTransitionsSinceAsync(seen, ct);
        await SaveRiskStateAsync(ct);
    }

    public async ValueTask ResumeMarketAsync(string market, string reason, CancellationToken ct = default)
    {
        foreach (var e in Risk.ResumeMarket(market, reason, time.GetUtcNow())) await RiskEventAsync(e, ct);
        await SaveRiskStateAsync(ct);
        markets.Find(market)?.Strategy.Invalidate();
    }

    /// <summary>Records a risk event raised by a rule (breaker, drawdown stop) and persists the risk state it changed.</summary>
    public async ValueTask ApplyRiskEventAsync(RiskEvent e, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(e);
        await RiskEventAsync(e, ct);
        await SaveRiskStateAsync(ct);
    }

    /// <summary>
    /// The kill-switch, a global pause and a resume move the bot state inside the risk manager (to Halted, Paused,
    /// Running): those moves are observed and persisted like the ones <see cref="MoveToAsync"/> makes.
    /// </summary>
    private async ValueTask RecordTransitionsSinceAsync(int seen, CancellationToken ct)
    {
        var history = Risk.StateMachine.History;
        for (var i = seen; i < history.Count; i++)
        {
            observer.OnBotState(history[i]);
            await store.SaveBotStateAsync(history[i], ct);
        }
    }

    private ValueTask SaveRiskStateAsync(CancellationToken ct) => store.IsDurable ? store.SaveRiskStateAsync(Risk.Snapshot(), ct) : default;

    private async ValueTask RiskEventAsync(RiskEvent e, CancellationToken ct)
    {
        observer.OnRiskEvent(e);
        await store.AppendJournalAsync(e.Name, e.Market, e.Message, e.Time, ct);
    }

    /// <summary>Every state change re-opens all lines: a refusal caused by the old state need not wait out its cooldown.</summary>
    private void InvalidateAll()
    {
        foreach (var m in markets.All) m.Strategy.Invalidate();
    }
}
