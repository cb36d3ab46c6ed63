using System.Diagnostics;
using GridTrader.Core.Risk;
using GridTrader.Storage;

namespace GridTrader.Soak;

/// <summary>
/// The chaos soak: the Firi mock with faults and the bot in live mode against it, both as real processes. The bot is
/// killed with SIGKILL at random moments — while it starts and reconciles, while it trades, right after the price left
/// the grid's band (mid-rebuild), and after a burst of refused credentials halted it — and restarted. After every
/// restart, with the faults paused, the books must agree (<see cref="BookCheck"/>) within a minute: that time is the
/// settle time. A last run ends with a graceful stop.
/// </summary>
public sealed class SoakRunner(SoakProfile profile, TextWriter log)
{
    private const string Market = "BTCNOK";
    private const string ApiKey = "soak-key-1a2b3c4d";
    private const string ClientId = "soak-client-7f3a9c2e";
    private const string Secret = "soak-s3cr3t-9d8e7f6a5b4c";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private enum Moment { Start, Trading, Rebuild, Halted }

    /// <summary>Runs the soak in <paramref name="workDirectory"/> (a fresh folder; the bot's data and config go there).</summary>
    public async Task<SoakReport> RunAsync(string workDirectory, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workDirectory);
        var watch = Stopwatch.StartNew();
        Directory.CreateDirectory(workDirectory);
        var dataDir = Path.Combine(workDirectory, "bot");
        var config = Path.Combine(workDirectory, "bot.json");
        await File.WriteAllTextAsync(config, BotConfig(dataDir), ct);
        var report = new SoakReport();
        var figures = new SoakFigures();
        var random = new Random(profile.Seed);

        using var mock = ChildProcess.Start("GridTrader.FiriMock.dll",
        [
            "--port", "0", "--scripted", "--seed", profile.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--balance", "NOK=100000,BTC=0", "--api-key", ApiKey, "--client-id", ClientId, "--secret", Secret, "--faults", profile.Faults,
        ]);
        var ready = await mock.WaitForLineAsync("listening on", TimeSpan.FromSeconds(60));
        var url = ready[ready.IndexOf("http://", StringComparison.Ordinal)..].Split(' ')[0];
        using var admin = new MockAdmin(url);
        var price = 1_000_000m;
        await admin.MoveAsync(Market, price, 0m);

        var env = new Dictionary<string, string> { ["FIRI_API_KEY"] = ApiKey, ["FIRI_CLIENT_ID"] = ClientId, ["FIRI_SECRET_KEY"] = Secret };
        string[] botArgs = ["run", "--config", config, "--exchange", "firi", "--firi-url", url, "--live"];

        for (var i = 1; i <= profile.Kills; i++)
        {
            ct.ThrowIfCancellationRequested();
            var moment = Pick(random);
            var reconciled = await ReconciledCountAsync(dataDir);
            var started = Stopwatch.StartNew();
            using (var bot = ChildProcess.Start("gridtrader.dll", botArgs, env, workDirectory))
            {
                if (moment == Moment.Start)
                {
                    // Anywhere in start-up: opening the store, reading the account, reconciling.
                    await Task.Delay(random.Next(100, 3000), ct);
                }
                else
                {
                    await SettleAsync(dataDir, admin, bot, reconciled, started, i, report, figures);
                    price = moment switch
                    {
                        Moment.Trading => await TradeAsync(admin, price, random, TimeSpan.FromMilliseconds(random.Next(400, 2500))),
                        Moment.Rebuild => await LeaveTheBandAsync(admin, price, random),
                        _ => price,
                    };
                    if (moment == Moment.Halted) await HaltWithRefusedCredentialsAsync(dataDir, admin, bot, i, report);
                }

                bot.Kill();
            }

            report.Kills++;
            report.KillsByMoment[moment.ToString().ToLowerInvariant()] = report.KillsByMoment.GetValueOrDefault(moment.ToString().ToLowerInvariant()) + 1;
            await admin.SetFaultsAsync(profile.Faults);
            log.WriteLine($"kill {i}/{profile.Kills} ({moment.ToString().ToLowerInvariant()}); settle so far p50 {report.SettlePercentile(50):0.0} s");

            // Sometimes the market moves while the bot is down: fills it must find on restart.
            if (random.Next(3) == 0)
            {
                for (var k = 0; k < 10; k++)
                {
                    price = Step(price, random);
                    await admin.MoveAsync(Market, price, 0.01m);
                }
            }
        }

        // A last start, check and graceful stop.
        var lastReconciled = await ReconciledCountAsync(dataDir);
        var last = Stopwatch.StartNew();
        using (var bot = ChildProcess.Start("gridtrader.dll", botArgs, env, workDirectory))
        {
            await SettleAsync(dataDir, admin, bot, lastReconciled, last, profile.Kills + 1, report, figures);
            var exit = await bot.StopAsync(TimeSpan.FromSeconds(30));
            if (exit != 0) report.Problems.Add($"the last run did not stop cleanly (exit {exit}):\n{bot.Tail()}");
        }

        report.FaultsInjected = await admin.InjectedAsync();
        report.OrdersCreated = await admin.OrdersCreatedAsync();
        report.BotOrders = figures.Orders;
        report.Fills = figures.Fills;
        report.TakerTrades = figures.TakerTrades;
        report.Adopted = CountLogEvents(dataDir, "reconcile.adopted");
        report.NotPlaced = CountLogEvents(dataDir, "reconcile.not-placed");
        report.Elapsed = watch.Elapsed;
        return report;
    }

    private static Moment Pick(Random random) => random.Next(100) switch
    {
        < 20 => Moment.Start,
        < 65 => Moment.Trading,
        < 90 => Moment.Rebuild,
        _ => Moment.Halted,
    };

    /// <summary>Waits for the start's reconciliation, then, with faults paused, until the books agree; records the settle time.</summary>
    private async Task SettleAsync(string dataDir, MockAdmin admin, ChildProcess bot, int reconciledBefore, Stopwatch started, int start,
        SoakReport report, SoakFigures figures)
    {
        await WaitForReconciliationAsync(dataDir, reconciledBefore + 1, bot, start);
        await admin.SetFaultsAsync("");
        string? problem = null;
        while (started.Elapsed < Patience)
        {
            if (bot.HasExited)
            {
                report.Problems.Add($"start {start}: the bot died on its own:\n{bot.Tail()}");
                return;
            }

            problem = await BookCheck.FindProblemAsync(DatabaseDirectory(dataDir), admin, Market, figures);
            if (problem is null) break;
            await Task.Delay(200);
        }

        if (problem is not null)
        {
            report.Problems.Add($"start {start}: the books never agreed: {problem}");
            log.WriteLine(bot.Tail());
            return;
        }

        report.SettleSeconds.Add(started.Elapsed.TotalSeconds);
        report.Checks++;
        await admin.SetFaultsAsync(profile.Faults);
    }

    private static async Task<decimal> TradeAsync(MockAdmin admin, decimal price, Random random, TimeSpan duration)
    {
        var until = Stopwatch.StartNew();
        while (until.Elapsed < duration)
        {
            price = Step(price, random);
            await admin.MoveAsync(Market, price, random.Next(1, 12) / 1000m);
            await Task.Delay(40);
        }

        return price;
    }

    /// <summary>A jump of 6–9 % out of the grid's ±4 % band: the grid rebuilds (cancels everything, plans anew); the kill lands in it.</summary>
    private static async Task<decimal> LeaveTheBandAsync(MockAdmin admin, decimal price, Random random)
    {
        var jump = (random.Next(2) == 0 ? 1m : -1m) * random.Next(60, 90) / 1000m;
        price = decimal.Round(price * (1 + jump), 2);
        await admin.MoveAsync(Market, price, 0.05m);
        await Task.Delay(random.Next(0, 1200));
        return price;
    }

    /// <summary>Refused credentials on every private read: the bot must halt once, with the cause, before it is killed.</summary>
    private static async Task HaltWithRefusedCredentialsAsync(string dataDir, MockAdmin admin, ChildProcess bot, int start, SoakReport report)
    {
        await admin.SetFaultsAsync("401:GET/v2/*=100000x");
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            await using (var store = SqliteStore.OpenReadOnly(DatabaseDirectory(dataDir)))
            {
                var state = await store.LoadBotStateAsync(historyLimit: 1);
                if (state.Current == BotState.Halted)
                {
                    var reason = state.History.Count > 0 ? state.History[^1].Reason : "";
                    if (!reason.Contains("credentials", StringComparison.Ordinal))
                        report.Problems.Add($"start {start}: halted without naming the credentials: {reason}");
                    report.Halts++;
                    return;
                }
            }

            if (bot.HasExited) break;
            await Task.Delay(100);
        }

        report.Problems.Add($"start {start}: refused credentials did not halt the bot:\n{bot.Tail()}");
    }

    private static decimal Step(decimal price, Random random)
    {
        // A mean-reverting walk around 1,000,000 NOK in steps of up to 0.25%.
        var pull = (1_000_000m - price) / 1_000_000m * 0.05m;
        var step = ((decimal)random.NextDouble() - 0.5m) * 0.005m + pull;
        return decimal.Round(price * (1 + step), 2);
    }

    /// <summary>Where the live bot of a data directory keeps its database and logs: <c>&lt;data-dir&gt;/live</c>.</summary>
    private static string DatabaseDirectory(string dataDir) => Path.Combine(dataDir, "live");

    private static async Task<int> ReconciledCountAsync(string dataDir)
    {
        var dir = DatabaseDirectory(dataDir);
        if (!File.Exists(SqliteStore.DatabasePathIn(dir))) return 0;
        try
        {
            await using var store = SqliteStore.OpenReadOnly(dir);
            return (await store.LoadJournalAsync(name: "reconcile.completed", limit: 100_000)).Count;
        }
        catch (StoreException)
        {
            return 0;
        }
    }

    private static async Task WaitForReconciliationAsync(string dataDir, int count, ChildProcess bot, int start)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < Patience)
        {
            if (bot.HasExited) throw new InvalidOperationException($"The bot exited during start {start}:\n{bot.Tail()}");
            if (await ReconciledCountAsync(dataDir) >= count) return;
            await Task.Delay(100);
        }

        throw new TimeoutException($"Start {start} did not finish reconciling:\n{bot.Tail()}");
    }

    private static int CountLogEvents(string dataDir, string name)
    {
        var logs = Path.Combine(DatabaseDirectory(dataDir), "logs");
        return !Directory.Exists(logs)
            ? 0
            : Directory.EnumerateFiles(logs, "*.jsonl").SelectMany(File.ReadLines)
                .Count(line => line.Contains($"\"EventName\":\"{name}\"", StringComparison.Ordinal));
    }

    private static string BotConfig(string dataDir) => $$"""
        {
          "GridTrader": {
            "Mode": "live",
            "DataDirectory": "{{dataDir.Replace("\\", "\\\\", StringComparison.Ordinal)}}",
            "Exchange": { "RequestsPerSecond": 500, "Burst": 100, "TimeoutSeconds": 1.5, "MaxRetries": 2 },
            "Reference": { "Url": "" },
            "Markets": [ { "Symbol": "BTCNOK", "CapitalFraction": 0.2, "CandleInterval": "1m" } ],
            "Grid": { "Levels": 8, "SpacingMode": "FixedPercent", "SpacingPct": 0.5, "AllowUnprofitableSpacing": true,
                      "TrendFilterEnabled": false, "Recenter": "Rebuild" },
            "Risk": { "DryRun": false, "MaxSpreadPct": 5, "MaxSlippagePct": 2, "MaxDrawdownPct": 0 },
            "Engine": { "TickerPollSeconds": 0.2, "OrderPollSeconds": 0.3, "OrderTtlHours": 0, "RejectCooldownSeconds": 0.5,
                        "UnknownGraceSeconds": 2 },
            "Dashboard": { "Enabled": false }
          }
        }
        """;
}
