using System.CommandLine;
using System.Globalization;
using GridTrader.Core.Risk;
using GridTrader.Engine.Live;
using GridTrader.Engine.Trading;
using GridTrader.Hosting;
using GridTrader.Logging;
using GridTrader.Notifications;
using GridTrader.Terminal;
using Serilog.Events;
using Spectre.Console;

namespace GridTrader.Cli;

/// <summary><c>run</c>: the bot itself, in simulated, paper or live mode, with its dashboard.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var exchange = new Option<string?>("--exchange") { Description = "simulated (built-in exchange on shipped data) or firi." };
        exchange.AcceptOnlyFromAmong("simulated", "firi");
        var firiUrl = new Option<string?>("--firi-url") { Description = "Firi API base URL (default: the real host, https://api.firi.com)." };
        var referenceUrl = CommonOptions.ReferenceUrl();
        var live = new Option<bool>("--live") { Description = "Confirm trading real money on Firi (also needs keys and Risk:DryRun=false)." };
        var speed = new Option<double?>("--speed") { Description = "Simulated mode: candles replayed per second (overrides Simulation:CandlesPerSecond)." };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Also print every engine event (orders, fills, decisions) to the console." };
        var fresh = new Option<bool>("--fresh")
        {
            Description = "Archive this mode's state (database and logs, into <data-dir>/archive) and start over. Simulated runs always do; refused for live.",
        };
        var command = new Command("run", "Run the bot (default: simulated exchange on shipped real data, dry-run, dashboard on 127.0.0.1:5080).")
        {
            exchange, firiUrl, referenceUrl, live, speed, verbose, fresh,
        };
        command.SetAction(async (parse, ct) =>
        {
            var console = AnsiConsole.Console;
            var loaded = CommonOptions.LoadOrReport(parse, console);
            if (loaded is null) return CommonOptions.ExitInvalidInput;
            var request = new RunRequest(loaded, parse.GetValue(exchange), parse.GetValue(firiUrl), parse.GetValue(live), parse.GetValue(speed),
                parse.GetValue(fresh))
            {
                ReferenceUrl = parse.GetValue(referenceUrl),
            };
            var (mode, error, warning) = RunModeResolver.Resolve(request);
            if (error is not null) return CommonOptions.Fail(error);
            if (request.Fresh && mode == RunMode.Live)
            {
                return CommonOptions.Fail("--fresh is refused for live trading: a live bot always resumes its state and reconciles it with Firi. " +
                                          "To begin a new live history, stop the bot and start it with another --data-dir (this one stays as it is).");
            }

            if (warning is not null) console.MarkupLineInterpolated($"[yellow]warning[/]: {warning}");
            return await RunAsync(request, mode, console, parse.GetValue(verbose), ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(RunRequest request, RunMode mode, IAnsiConsole console, bool verbose, CancellationToken ct)
    {
        var host = request.Config.Host;
        if (host.Dashboard.Enabled && DashboardPreflight.Check(host.Dashboard.Url) is { } busy) return CommonOptions.Fail(busy);

        // Under the instance lock: archive or migrate what this mode needs, and refuse state that is not this run's.
        PreparedState state;
        try
        {
            state = BotRuntime.Prepare(request, mode, TimeProvider.System);
        }
        catch (RuntimeSetupException ex)
        {
            return CommonOptions.Fail(ex.Message);
        }

        // Plain lines, never wrapped: paths and URLs stay whole for the person (and for grep).
        foreach (var note in state.Notes) Console.WriteLine($"note: {note}");

        // In a terminal a live panel replaces the scrolling lines (its warnings come folded from the log); piped, as a service
        // or with --verbose, plain lines, folded too.
        var panel = !verbose && LivePanel.Fits(console) ? new PanelFeed(TimeProvider.System) : null;
        using var logging = LoggingSetup.Create(state.ModePaths.Root, request.Config.Secrets.Values(),
            new LoggingSetupOptions { ConsoleLevel = verbose ? LogEventLevel.Information : LogEventLevel.Warning, ConsoleSink = panel });
        using var notifyHttp = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        var notifications = NotificationPipeline.Create(host.Notifications, request.Config.Secrets, notifyHttp, TimeProvider.System,
            logging.LoggerFactory, logging.Redactor);
        var logger = logging.LoggerFactory.CreateLogger("GridTrader.Engine");
        IEngineObserver[] observers = panel is null
            ? [new EngineLogObserver(logger), notifications.Observer]
            : [new EngineLogObserver(logger), notifications.Observer, panel];
        var observer = new CompositeEngineObserver(observers);
        BotRuntime runtime;
        try
        {
            runtime = await BotRuntime.CreateAsync(request, mode, state, logging.LoggerFactory, observer, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Failed(ex, state.ModePaths);
        }

        // A known cause is one line with its fix; anything else is a bug, whose exception goes to the log file.
        int Failed(Exception ex, ModePaths paths)
        {
            var code = RunFailure.ExitCode(ex);
            if (code != CommonOptions.ExitInvalidInput) logger.EngineFailed(ex);
            return CommonOptions.Fail(RunFailure.Explain(ex, paths, logging.Redactor), code);
        }

        var exitCode = CommonOptions.ExitOk;
        await using (runtime)
        {
            var c = CultureInfo.InvariantCulture;
            // Plain lines like the notes: a piped console is 80 columns wide, and a wrapped path or summary is hard to grep.
            Console.WriteLine($"GridTrader {mode.Name()} on {runtime.Exchange.Name}: {string.Join(", ", runtime.Markets.Select(m => m.Info.Symbol))}; state in {runtime.ModePaths.Root}");
            BotProcess bot;
            try
            {
                bot = await BotProcess.StartAsync(runtime, ct);
            }
            catch (RuntimeSetupException ex)
            {
                return CommonOptions.Fail(ex.Message);
            }

            await using (bot)
            {
                // Printed at every start, so a start that crashed before showing it does not leave the token unseen.
                if (bot.DashboardUrl is { } url)
                    Console.WriteLine($"Dashboard: {url}/#token={runtime.Token}  (the token is kept in {runtime.Paths.TokenFile}, readable by you only)");

                await notifications.Dispatcher.StartAsync(ct);
                try
                {
                    if (await ReconciledAsync(runtime, bot.Engine, ct) is { } first)
                    {
                        foreach (var hint in StartupHints.For(first, runtime.Markets, request.Config.Options))
                        {
                            logger.StartupHint(hint);
                            Console.WriteLine($"hint: {hint}");
                        }
                    }

                    if (panel is not null)
                    {
                        panel.Clock = runtime.Time;
                        await LivePanel.ShowAsync(console, () => runtime.Engine.Snapshot, panel, bot.DashboardUrl, bot.Engine, ct);
                    }

                    await bot.Engine;
                }
                catch (OperationCanceledException) when (bot.StopRequested)
                {
                    // Ctrl+C or SIGTERM: orders stay where they are; the next start reconciles.
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    exitCode = Failed(ex, runtime.ModePaths);
                }
                finally
                {
                    await bot.StopAsync();
                    await notifications.Dispatcher.StopAsync(CancellationToken.None);
                }
            }

            if (runtime.Engine.Snapshot is { } s)
            {
                var replayed = runtime.Replay is { } r ? string.Create(c, $", {r.Replayed} candles replayed") : "";
                Console.WriteLine($"Stopped ({s.State}). Equity {s.Equity.ToString("0.##", c)}, realized P&L (FIFO) {s.RealizedPnl.ToString("0.##", c)}, grid profit {s.GridProfit.ToString("0.##", c)} ({s.GridPairs} pairs), fees {s.Fees.ToString("0.##", c)}, open orders {s.OpenOrders.Count}{replayed}.");
            }
        }

        return exitCode;
    }

    /// <summary>
    /// The first snapshot after the start's reconciliation, what the hints look at; the last one when the engine ended
    /// first (a short replay), null when it never published one.
    /// </summary>
    private static async Task<EngineSnapshot?> ReconciledAsync(BotRuntime runtime, Task engine, CancellationToken ct)
    {
        while (!engine.IsCompleted)
        {
            if (runtime.Engine.Snapshot is { State: not (BotState.Starting or BotState.Stopped) } snapshot) return snapshot;
            await Task.WhenAny(engine, Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System, ct));
            ct.ThrowIfCancellationRequested();
        }

        return runtime.Engine.Snapshot is { Markets.Count: > 0 } last ? last : null;
    }
}
