using GridTrader.Core.Risk;
using GridTrader.Engine.Trading;

namespace GridTrader.Engine.Live;

/// <summary>Executes an operator command on the engine's loop and says in a short sentence what it did.</summary>
internal sealed class CommandHandler(TradingCore core, MarketCommands? markets = null)
{
    public async Task<string> ApplyAsync(EngineCommand command, CancellationToken ct)
    {
        var control = core.Control;
        switch (command)
        {
            case KillCommand kill:
                await control.EngageKillSwitchAsync(kill.Reason, ct);
                control.ClearHaltRequest();
                return $"kill-switch engaged; {core.Tracker.LiveCount} order(s) still live";
            case ResumeCommand resume:
                await control.ResumeAsync(resume.Reason, ct);
                if (core.Risk.State == BotState.Halted)
                {
                    // After a kill nothing is trusted until the books agree with the exchange again.
                    await control.MoveToAsync(BotState.Starting, "resume: reconciling", ct);
                    foreach (var market in core.Markets) await core.Reconciler.SyncOrdersAsync(market, ct);
                    await control.MoveToAsync(BotState.Running, resume.Reason, ct);
                }
                else if (core.Risk.State == BotState.Paused)
                {
                    await control.MoveToAsync(BotState.Running, resume.Reason, ct);
                }

                foreach (var market in core.Markets) await core.EvaluateAsync(market, ct);
                return $"resumed; state {core.Risk.State}";
            // A market the engine does not trade falls through to the default answer: pausing it would persist a pause
            // of nothing and report success. A global pause moves the state machine to Paused itself; the control records it.
            case PauseCommand pause when pause.Market is null || core.Market(pause.Market) is not null:
                await control.PauseAsync(pause.Market, pause.Reason, ct);
                return pause.Market is null ? "all markets paused" : $"{pause.Market} paused";
            case ResumeMarketCommand resumeMarket when core.Market(resumeMarket.Market) is { } m:
                // A paused market is resumed in risk; a stopped grid (stop-loss, take-profit, loss limit) plans anew.
                await control.ResumeMarketAsync(resumeMarket.Market, resumeMarket.Reason, ct);
                await core.ResumeGridAsync(m, resumeMarket.Reason, ct);
                await core.EvaluateAsync(m, ct);
                return $"{resumeMarket.Market} resumed";
            case RecenterCommand recenter when core.Market(recenter.Market) is { } slot:
                await core.RecenterAsync(slot, recenter.Reason, ct);
                return $"{recenter.Market} recentring";
            case MarketCommand change when !change.TryStart():
                return change.Answer(new MarketChangeResult(false, "withdrawn by its sender before the engine started it; nothing changed"));
            case MarketCommand change when markets is null:
                return change.Answer(new MarketChangeResult(false, "markets cannot be changed in this engine"));
            case AddMarketCommand add:
                return add.Answer(await markets!.StartAsync(add.Setup, "added", add.Reason, ct));
            case EnableMarketCommand enable:
                return enable.Answer(await markets!.StartAsync(enable.Setup, "enabled", enable.Reason, ct));
            case DisableMarketCommand disable:
                return disable.Answer(await markets!.StopAsync(disable.Market, disable.Orders, "disabled", disable.Reason, ct));
            case RemoveMarketCommand remove:
                return remove.Answer(await markets!.StopAsync(remove.Market, remove.Orders, "removed", remove.Reason, ct));
            default:
                return "unknown command or market";
        }
    }
}
