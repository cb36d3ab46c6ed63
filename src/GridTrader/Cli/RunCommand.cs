using System.CommandLine;
using System.Globalization;
using GridTrader.Hosting;
using GridTrader.Engine.Trading;
using GridTrader.Logging;
using GridTrader.Notifications;
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
        var command = new Command("run", "Run the bot (default: simulated exchange on shipped real data, dry-run, dashboard on 127.0.0.1:5080).")
        {
            exchange, firiUrl, referenceUrl, live, speed, verbose,
        };
        command.SetAction(async (parse, ct) =>
        {
            var console = AnsiConsole.Console;
            var loaded = CommonOptions.LoadOrReport(parse, console);
            if (loaded is null) return CommonOptions.ExitInvalidInput;
            var request = new RunRequest(loaded, parse.GetValue(exchange), parse.GetValue(firiUrl), parse.GetValue(live), parse.GetValue(speed))
            {
                ReferenceUrl = parse.GetValue(referenceUrl),
            };
            var (mode, error, warning) = RunModeResolver.Resolve(request);
            if (error is not null) return CommonOptions.Fail(error);
            if (warning is not null) console.MarkupLineInterpolated($"[yellow]warning[/]: {warning}");
            return await RunAsync(request, mode, console, parse.GetValue(verbose), ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(RunRequest request, RunMode mode, IAnsiConsole console, bool verbose, CancellationToken ct)
    {
        var options = request.Config.Options;
        using var logging = LoggingSetup.Create(options.DataDirectory, request.Config.Secrets.Values(),
            new LoggingSetupOptions { ConsoleLevel = verbose ? LogEventLevel.Information : LogEventLevel.Warning });
        using var notifyHttp = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        var notifications = NotificationPipeline.Create(request.Config.Host.Notifications, request.Config.Secrets, notifyHttp, TimeProvider.System,
            logging.LoggerFactory, logging.Redactor);
        var observer = new CompositeEngineObserver(new EngineLogObserver(logging.LoggerFactory.CreateLogger("GridTrader.Engine")), notifications.Observer);
        BotRuntime runtime;
        try
        {
            runtime = await BotRuntime.CreateAsync(request, mode, logging.LoggerFactory, observer, ct);
        }
        catch (Exception ex) when (ex is RuntimeSetupException or Storage.StoreException)
        {
            return CommonOptions.Fail(ex.Message, CommonOptions.ExitFailure);
        }

        await using (runtime)
        {
            var c = CultureInfo.InvariantCulture;
            console.MarkupLineInterpolated($"GridTrader {mode.ToString().ToLowerInvariant()} on {runtime.Exchange.Name}: {string.Join(", ", runtime.Markets.Select(m => m.Info.Symbol))}; data in {runtime.Paths.Root}");
            await using var bot = await BotProcess.StartAsync(runtime, ct);
            if (bot.DashboardUrl is { } url)
            {
                if (runtime.TokenCreated)
                    console.MarkupLineInterpolated($"Dashboard: {url}/#token={runtime.Token}  (token shown once; stored in {runtime.Paths.TokenFile})");
                else
                    console.MarkupLineInterpolated($"Dashboard: {url}  (token in {runtime.Paths.TokenFile})");
            }

            await notifications.Dispatcher.StartAsync(ct);
            try
            {
                await bot.Engine;
            }
            catch (OperationCanceledException) when (bot.StopRequested)
            {
                // Ctrl+C or SIGTERM: orders stay where they are; the next start reconciles.
            }
            finally
            {
                await bot.StopAsync();
                await notifications.Dispatcher.StopAsync(CancellationToken.None);
            }

            if (runtime.Engine.Snapshot is { } s)
            {
                var replayed = runtime.Replay is { } r ? $", {r.Replayed} candles replayed" : "";
                console.MarkupLineInterpolated($"Stopped ({s.State}). Equity {s.Equity.ToString("0.##", c)}, realized P&L {s.RealizedPnl.ToString("0.##", c)}, fees {s.Fees.ToString("0.##", c)}, open orders {s.OpenOrders.Count}{replayed}.");
            }
        }

        return CommonOptions.ExitOk;
    }
}
