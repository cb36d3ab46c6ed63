using GridTrader.Core.Orders;
using GridTrader.Core.Risk;

namespace GridTrader.Engine.Trading;

/// <summary>
/// The bot's state machine and the risk switches a person or a risk rule throws: state transitions, kill-switch,
/// pause and resume (whole bot or one market). Every change is recorded (<see cref="BotStateRecorder"/>) before it
/// returns, and every change of state re-opens the grids' lines so a refusal caused by the old state does not linger.
/// </summary>
public sealed class BotControl(BotStateRecorder states, MarketSet markets, OrderExecutor orders, HaltSignal halt)
{
    public RiskManager Risk => States.Risk;

    public BotStateRecorder States { get; } = states;

    /// <summary>Blocks every new placement from this instant, from any thread, until <see cref="EngageKillSwitchAsync"/> runs on the loop.</summary>
    public void RequestHalt() => halt.Request();

    public void ClearHaltRequest() => halt.Clear();

    /// <summary>Moves the bot state machine and records the transition; illegal moves are ignored and return false.</summary>
    public async ValueTask<bool> MoveToAsync(BotState state, string reason, CancellationToken ct = default)
    {
        if (!await States.MoveToAsync(state, reason, ct)) return false;
        InvalidateAll();
        return true;
    }

    /// <summary>Engages the kill-switch: no new orders from now on, every open order cancelled, state persisted.</summary>
    public async ValueTask EngageKillSwitchAsync(string reason, CancellationToken ct = default)
    {
        await States.ChangeAsync((risk, now) => risk.EngageKillSwitch(reason, now), ct);
        await orders.CancelEverythingAsync(CancelReasons.KillSwitch, ct);
    }

    /// <summary>Releases the kill-switch or a global pause. After a kill the caller reconciles and moves to Running.</summary>
    public async ValueTask ResumeAsync(string reason, CancellationToken ct = default)
    {
        await States.ChangeAsync((risk, now) => risk.Resume(reason, now), ct);
        InvalidateAll();
    }

    /// <summary>Pauses one market, or every market when <paramref name="market"/> is null.</summary>
    public ValueTask PauseAsync(string? market, string reason, CancellationToken ct = default) =>
        States.ChangeAsync((risk, now) => market is null ? risk.PauseAll(reason, now) : risk.PauseMarket(market, reason, now), ct);

    public async ValueTask ResumeMarketAsync(string market, string reason, CancellationToken ct = default)
    {
        await States.ChangeAsync((risk, now) => risk.ResumeMarket(market, reason, now), ct);
        markets.Find(market)?.Strategy.Invalidate();
    }

    /// <summary>Records a risk event raised by a rule (breaker, drawdown stop) and persists the risk state it changed.</summary>
    public ValueTask ApplyRiskEventAsync(RiskEvent e, CancellationToken ct = default) => States.RecordAsync(e, ct);

    /// <summary>Every state change re-opens all lines: a refusal caused by the old state need not wait out its cooldown.</summary>
    private void InvalidateAll()
    {
        foreach (var m in markets.All) m.Strategy.Invalidate();
    }
}
