using System.CommandLine;
using System.Text.Json;
using GridTrader.Configuration;
using GridTrader.Dashboard;
using GridTrader.Hosting;
using GridTrader.Storage;
using Spectre.Console;

namespace GridTrader.Cli;

/// <summary>
/// <c>status</c>, <c>kill</c>, <c>resume</c> and <c>pause</c>: they reach a running bot through its API, and act on the
/// database of a mode (the bot obeys it at its next start) when no bot holds the data directory's lock. Market names are
/// checked against the configuration and reasons cut to one line before anything is sent or saved.
/// </summary>
internal static class ControlCommands
{
    public static IEnumerable<Command> Create()
    {
        yield return Status();
        yield return Kill();
        yield return Resume();
        yield return Pause();
    }

    private static (LoadedConfig Config, DataPaths Paths)? Load(ParseResult parse)
    {
        var loaded = ConfigLoader.Load(parse.GetValue(CommonOptions.Config), parse.GetValue(CommonOptions.EnvFile));
        if (loaded.HasErrors)
        {
            CommonOptions.Report(loaded, AnsiConsole.Console, quietWarnings: true);
            return null;
        }

        var dir = parse.GetValue(CommonOptions.DataDir) is { Length: > 0 } d ? d : loaded.Options.DataDirectory;
        return (loaded, DataPaths.For(dir));
    }

    private static Command Status()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object (state, last_state, halt_reason, markets with open_orders, realized_pnl, grid_profit, grid_pairs, fees)." };
        var mode = CommonOptions.ModeOption();
        var command = new Command("status", "State, markets, open orders and P&L of the bot (running or not).") { json, mode };
        command.SetAction(async (parse, ct) =>
        {
            if (Load(parse) is not var (config, paths)) return CommonOptions.ExitInvalidInput;
            var state = paths.ForMode(CommonOptions.StateMode(parse, mode, paths, config.Options.Mode));
            // The lock, not the URL file, says whether a bot runs here: a stale URL may point at another bot's port.
            var running = InstanceLock.IsHeld(paths.Root);
            StatusView? status = null;
            if (running)
            {
                using var client = new BotApiClient(paths, config.Host.Dashboard.Url);
                using var doc = await client.GetAsync("/api/status", ct);
                if (doc is not null) status = doc.Deserialize<StatusView>();
            }

            try
            {
                status ??= await OfflineState.StatusAsync(state, running, ct);
            }
            catch (StoreException ex)
            {
                return CommonOptions.Fail(ex.Message);
            }

            if (status is null)
            {
                return running
                    ? CommonOptions.Fail($"a bot holds {paths.LockFile} but its API does not answer yet and it has no {state.Mode.Name()} database; try again in a moment.", CommonOptions.ExitFailure)
                    : CommonOptions.Fail($"no bot has run in {paths.Root} in {state.Mode.Name()} mode (no database at {state.Database}; --mode chooses another).", CommonOptions.ExitFailure);
            }

            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(status));
                return CommonOptions.ExitOk;
            }

            var console = AnsiConsole.Console;
            var last = status.LastState is { } l ? $" (last state {l})" : "";
            var halt = status.HaltReason is { } h ? $" — halted: {h}" : "";
            console.MarkupLineInterpolated($"[bold]{status.State}[/]{last} ({status.Source}){halt}{(status.KillSwitch ? $" — kill-switch engaged: {status.KillReason}" : "")}{(status.Paused ? " — paused" : "")}");
            console.MarkupLineInterpolated($"mode {status.Mode} on {status.Exchange}; equity {status.Equity:0.##}; realized P&L (FIFO) {status.RealizedPnl:0.##}; grid profit {status.GridProfit:0.##} ({status.GridPairs} grid pairs); fees {status.Fees:0.##}; open orders {status.OpenOrders}");
            var table = new Table().AddColumns("Market", "Price", "Phase", "Trend", "Open orders", "Realized (FIFO)", "Grid profit", "Grid pairs", "Fees", "Unrealized", "Round trips");
            foreach (var m in status.Markets)
                table.AddRow(m.Symbol, $"{m.LastPrice:0.##}", m.Phase, m.Trend, $"{m.OpenOrders}", $"{m.RealizedPnl:0.##}", $"{m.GridProfit:0.##}", $"{m.GridPairs}", $"{m.Fees:0.##}", $"{m.UnrealizedPnl:0.##}", $"{m.RoundTrips}");
            console.Write(table);
            return CommonOptions.ExitOk;
        });
        return command;
    }

    private static Command Kill()
    {
        var reason = new Option<string?>("--reason") { Description = "Why (journaled; one line, at most 200 characters are kept)." };
        var mode = CommonOptions.ModeOption();
        var command = new Command("kill", "Engage the kill-switch: stop new orders at once and cancel every open order; persists until resume.") { reason, mode };
        command.SetAction((parse, ct) =>
        {
            var why = OperatorReason.Clean(parse.GetValue(reason), "kill from the command line");
            return Control(parse, mode, null, "/api/kill", new { reason = why },
                (risk, now) => risk.EngageKillSwitch(why, now),
                "Kill-switch engaged in the database: the bot will start halted and cancel what rests.", ct);
        });
        return command;
    }

    private static Command Resume()
    {
        var reason = new Option<string?>("--reason") { Description = "Why (journaled; one line, at most 200 characters are kept)." };
        var market = new Option<string?>("--market") { Description = "Resume only this market: paused, or stopped by its stop-loss, take-profit or loss limit (its grid is planned anew)." };
        var mode = CommonOptions.ModeOption();
        var command = new Command("resume", "Release the kill-switch or a pause (the bot reconciles before it trades again).") { reason, market, mode };
        command.SetAction((parse, ct) =>
        {
            var m = parse.GetValue(market);
            var why = OperatorReason.Clean(parse.GetValue(reason), "resume from the command line");
            return m is null
                ? Control(parse, mode, null, "/api/resume", new { reason = why }, (risk, now) => risk.Resume(why, now), "Released in the database.", ct)
                : Control(parse, mode, m, "/api/resume-market", new { reason = why, market = m },
                    (risk, now) => risk.ResumeMarket(m.Trim().ToUpperInvariant(), why, now), "Market resumed in the database.", ct);
        });
        return command;
    }

    private static Command Pause()
    {
        var market = new Argument<string?>("market") { Description = "Market to pause (omit to pause every market).", Arity = ArgumentArity.ZeroOrOne };
        var reason = new Option<string?>("--reason") { Description = "Why (journaled; one line, at most 200 characters are kept)." };
        var mode = CommonOptions.ModeOption();
        var command = new Command("pause", "Pause one market (or all): no new orders there until resumed; resting orders stay.") { market, reason, mode };
        command.SetAction((parse, ct) =>
        {
            var m = parse.GetValue(market)?.Trim().ToUpperInvariant();
            var why = OperatorReason.Clean(parse.GetValue(reason), "pause from the command line");
            return Control(parse, mode, m, "/api/pause", new { reason = why, market = m },
                (risk, now) => m is null ? risk.PauseAll(why, now) : risk.PauseMarket(m, why, now), "Paused in the database.", ct);
        });
        return command;
    }

    private static async Task<int> Control(ParseResult parse, Option<string?> modeOption, string? market, string path, object body,
        Func<Core.Risk.RiskManager, DateTimeOffset, IReadOnlyList<Core.Risk.RiskEvent>> offline, string offlineMessage, CancellationToken ct)
    {
        if (Load(parse) is not var (config, paths)) return CommonOptions.ExitInvalidInput;
        if (market is not null && !config.Options.Markets.Any(m => m.Symbol.Equals(market.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            var configured = string.Join(", ", config.Options.Markets.Select(m => m.Symbol));
            return CommonOptions.Fail($"'{OperatorReason.Clean(market, "")}' is not a configured market; the configured markets are: {configured}. Nothing was changed.");
        }

        if (InstanceLock.IsHeld(paths.Root))
        {
            using var client = new BotApiClient(paths, config.Host.Dashboard.Url);
            var answer = await client.PostAsync(path, body, ct);
            if (answer is not { } a)
                return CommonOptions.Fail($"a bot holds {paths.LockFile} but its API does not answer (is the dashboard disabled?); nothing was changed.", CommonOptions.ExitFailure);
            Console.WriteLine(a.Body);
            return a.Status is >= 200 and < 300 ? CommonOptions.ExitOk : CommonOptions.ExitFailure;
        }

        var state = paths.ForMode(CommonOptions.StateMode(parse, modeOption, paths, config.Options.Mode));
        if (!File.Exists(state.Database))
            return CommonOptions.Fail($"no bot is running and there is no {state.Mode.Name()} database in {state.Root} (--mode chooses another).", CommonOptions.ExitFailure);
        try
        {
            var result = await OfflineState.UpdateRiskAsync(paths, state, offline, ct);
            Console.WriteLine($"No bot is running; {offlineMessage} ({state.Mode.Name()} state: {result})");
            return CommonOptions.ExitOk;
        }
        catch (StoreException ex)
        {
            return CommonOptions.Fail(ex.Message, CommonOptions.ExitFailure);
        }
    }
}
