namespace GridTrader.Core.Risk;

/// <summary>
/// Bot lifecycle: Stopped → Starting (reconciling) → Running ⇄ Paused → Halted (kill-switch or fatal error).
/// Leaving Halted goes through Starting, so trading resumes only after a fresh reconciliation.
/// </summary>
public enum BotState
{
    Stopped,
    Starting,
    Running,
    Paused,
    Halted,
}

/// <summary>A change of bot state, as logged and persisted.</summary>
public sealed record BotStateTransition(BotState From, BotState To, string Reason, DateTimeOffset Time);

/// <summary>Guards bot state changes: only the transitions in <see cref="IsLegal"/> are allowed.</summary>
public sealed class BotStateMachine
{
    private readonly List<BotStateTransition> _history = [];

    public BotStateMachine(BotState initial = BotState.Stopped) => State = initial;

    public BotState State { get; private set; }

    public IReadOnlyList<BotStateTransition> History => _history;

    public static bool IsLegal(BotState from, BotState to) => (from, to) switch
    {
        (BotState.Stopped, BotState.Starting) => true,
        (BotState.Starting, BotState.Running or BotState.Paused or BotState.Halted or BotState.Stopped) => true,
        (BotState.Running, BotState.Paused or BotState.Halted or BotState.Stopped) => true,
        (BotState.Paused, BotState.Running or BotState.Halted or BotState.Stopped) => true,
        (BotState.Halted, BotState.Starting or BotState.Stopped) => true,
        _ => false,
    };

    /// <summary>Moves to <paramref name="to"/> if legal; returns the transition, or null when illegal (state unchanged).</summary>
    public BotStateTransition? TryMoveTo(BotState to, string reason, DateTimeOffset now)
    {
        if (!IsLegal(State, to)) return null;
        var transition = new BotStateTransition(State, to, reason, now);
        State = to;
        _history.Add(transition);
        return transition;
    }

    /// <summary>Moves to <paramref name="to"/> or throws: for callers where an illegal move is a bug.</summary>
    public BotStateTransition MoveTo(BotState to, string reason, DateTimeOffset now) =>
        TryMoveTo(to, reason, now) ?? throw new InvalidOperationException($"Illegal bot state transition {State} → {to}.");
}
