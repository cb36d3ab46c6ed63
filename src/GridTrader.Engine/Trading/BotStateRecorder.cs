using GridTrader.Core.Persistence;
using GridTrader.Core.Risk;

namespace GridTrader.Engine.Trading;

/// <summary>
/// Records the bot's state as it changes: every state transition and every risk event is observed (logs,
/// notifications) and journaled, and the risk state persisted, so a restart and <c>status</c> see what happened and
/// why. The one place these writes are made; <see cref="BotControl"/> and the start sequence both go through it.
/// </summary>
public sealed class BotStateRecorder(RiskManager risk, IEngineStore store, IEngineObserver observer, TimeProvider time)
{
    public RiskManager Risk { get; } = risk;

    public BotState State => Risk.State;

    /// <summary>The reason of the transition into the current state (null before the first transition).</summary>
    public string? Reason => Risk.StateMachine.History.Count > 0 ? Risk.StateMachine.History[^1].Reason : null;

    /// <summary>Moves to <paramref name="state"/> and records it; an illegal move changes nothing and returns false.</summary>
    public async ValueTask<bool> MoveToAsync(BotState state, string reason, CancellationToken ct = default)
    {
        var transition = Risk.StateMachine.TryMoveTo(state, reason, time.GetUtcNow());
        if (transition is null) return false;
        await RecordTransitionAsync(transition, ct);
        return true;
    }

    /// <summary>
    /// Applies a risk decision (<paramref name="change"/> calls the risk manager and returns its events) and records all
    /// it did: the events, any state transition the risk manager made itself (a kill moves to Halted, a global pause
    /// to Paused), and the new risk state.
    /// </summary>
    public async ValueTask ChangeAsync(Func<RiskManager, DateTimeOffset, IReadOnlyList<RiskEvent>> change, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var mark = Risk.StateMachine.History.Count;
        var events = change(Risk, time.GetUtcNow());
        foreach (var e in events) await RecordEventAsync(e, ct);
        var history = Risk.StateMachine.History;
        for (var i = mark; i < history.Count; i++) await RecordTransitionAsync(history[i], ct);
        await SaveRiskStateAsync(ct);
    }

    /// <summary>Records a risk event raised by a rule (breaker, drawdown stop) and persists the risk state it changed.</summary>
    public async ValueTask RecordAsync(RiskEvent e, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(e);
        await RecordEventAsync(e, ct);
        await SaveRiskStateAsync(ct);
    }

    private async ValueTask RecordTransitionAsync(BotStateTransition transition, CancellationToken ct)
    {
        observer.OnBotState(transition);
        await store.SaveBotStateAsync(transition, ct);
    }

    private async ValueTask RecordEventAsync(RiskEvent e, CancellationToken ct)
    {
        observer.OnRiskEvent(e);
        await store.AppendJournalAsync(e.Name, e.Market, e.Message, e.Time, ct);
    }

    private ValueTask SaveRiskStateAsync(CancellationToken ct) => store.IsDurable ? store.SaveRiskStateAsync(Risk.Snapshot(), ct) : default;
}
