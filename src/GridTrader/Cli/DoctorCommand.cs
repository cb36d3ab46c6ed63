using System.CommandLine;
using System.Text.Json;
using GridTrader.Configuration;
using GridTrader.Doctor;
using GridTrader.Exchanges.Http;
using GridTrader.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console;

namespace GridTrader.Cli;

/// <summary>
/// <c>doctor</c>: everything that must be right before the first order, checked in one go with the connection options of
/// <c>run</c> (<c>--live</c>, <c>--firi-url</c>, <c>--reference-url</c>). One table, or <c>--json</c>: a list of
/// <c>{name, ok, detail}</c> (plus <c>warning</c> on a check that passes with a caveat). Exit 0 when every check passes, 1
/// otherwise; a failed check names its fix. Read-only: it places nothing and changes nothing but the data directory it
/// may create.
/// </summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var live = new Option<bool>("--live") { Description = "Check for live trading: the key (a signed read) and the real account's balances." };
        var firiUrl = new Option<string?>("--firi-url") { Description = "Firi API base URL (default: Exchange:BaseUrl)." };
        var referenceUrl = CommonOptions.ReferenceUrl();
        var json = new Option<bool>("--json") { Description = "Print the checks as a JSON list of {name, ok, detail, warning?}." };
        var command = new Command("doctor", "Check configuration, data directory, Firi (reachable, clock, key, markets, balances), candle history, "
            + "request rate and notifications before trading.") { live, firiUrl, referenceUrl, json };
        command.SetAction(async (parse, ct) =>
        {
            var loaded = ConfigLoader.Load(parse.GetValue(CommonOptions.Config), parse.GetValue(CommonOptions.EnvFile));
            if (parse.GetValue(CommonOptions.DataDir) is { Length: > 0 } dir) loaded.Options.DataDirectory = dir;
            IReadOnlyList<DoctorCheck> checks;
            try
            {
                checks = await RunAsync(loaded, parse.GetValue(live), parse.GetValue(firiUrl), parse.GetValue(referenceUrl), ct);
            }
            catch (RuntimeSetupException ex)
            {
                return CommonOptions.Fail(ex.Message);
            }

            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(checks, DoctorJson.Default.IReadOnlyListDoctorCheck));
            }
            else
            {
                var console = CommonOptions.Out();
                var table = new Table().AddColumns("Check", "OK", "Detail");
                foreach (var c in checks)
                {
                    var ok = c.Ok ? (c.Warning is null ? "[green]ok[/]" : "[yellow]ok[/]") : "[red]FAIL[/]";
                    var detail = Markup.Escape(c.Detail) + (c.Warning is null ? "" : $"\n[yellow]warning:[/] {Markup.Escape(c.Warning)}");
                    table.AddRow(new Markup(Markup.Escape(c.Name)), new Markup(ok), new Markup(detail));
                }

                console.Write(table);
                var failed = checks.Count(c => !c.Ok);
                console.MarkupLine(failed == 0 ? "[green]All checks passed.[/]" : $"[red]{failed} check(s) failed.[/]");
            }

            return checks.All(c => c.Ok) ? CommonOptions.ExitOk : CommonOptions.ExitFailure;
        });
        return command;
    }

    public static async Task<IReadOnlyList<DoctorCheck>> RunAsync(LoadedConfig config, bool live, string? firiUrl, string? referenceUrl,
        CancellationToken ct)
    {
        var options = config.Options;
        var time = TimeProvider.System;
        var paths = DataPaths.For(options.DataDirectory);
        var checks = new List<DoctorCheck>
        {
            LocalChecks.Configuration(config),
            LocalChecks.DataDirectory(paths),
            LocalChecks.Lock(paths),
            LocalChecks.DashboardPort(config.Host),
        };

        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var pacers = new HostPacers(time);
        // One attempt per call: a doctor reports what it sees instead of retrying for a minute.
        var client = BotRuntime.CreateFiriClient(options, firiUrl, live ? config.Secrets : null, http, NullLoggerFactory.Instance, pacers,
            o => o.MaxRetries = 0);
        var reference = BotRuntime.CreateReferenceSource(options, referenceUrl, http, NullLoggerFactory.Instance, pacers);
        var exchange = new ExchangeChecks(config, client, new Uri(firiUrl ?? options.Exchange.BaseUrl), live, time);

        var (connection, clock) = await exchange.ConnectionAsync(ct);
        checks.Add(connection);
        if (clock is not null)
        {
            checks.Add(clock);
            var (key, balances) = await exchange.KeyAsync(ct);
            checks.Add(key);
            checks.Add(await exchange.MarketsAsync(ct));
            checks.Add(exchange.Balances(balances));
            // The stored candles of the mode the same run would use.
            var state = paths.ForMode(live ? RunMode.Live : RunMode.Paper);
            checks.AddRange(await new HistoryChecks(options, client, reference, state, time).RunAsync(exchange.Prices, ct));
        }

        checks.Add(exchange.RequestRate());
        checks.Add(LocalChecks.Notifications(config));
        return checks;
    }
}
