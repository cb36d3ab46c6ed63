using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using GridTrader.Configuration;
using GridTrader.Hosting;
using GridTrader.Logging.Export;

namespace GridTrader.Cli;

/// <summary><c>logs export</c>: filter the JSONL logs by time, event and market, and write them as JSON or CSV.</summary>
internal static partial class LogsCommand
{
    public static Command Create()
    {
        var from = new Option<string?>("--from") { Description = "Start time, inclusive (ISO-8601, e.g. 2025-07-01 or 2025-07-01T12:00:00Z; UTC unless an offset is given)." };
        var to = new Option<string?>("--to") { Description = "End time, exclusive (ISO-8601)." };
        var eventName = new Option<string?>("--event") { Description = "Event name (order.placed), a family (order: every order.* event) or a prefix ending in * (order.*)." };
        var market = new Option<string?>("--market") { Description = "Market symbol (e.g. BTCNOK)." };
        var format = new Option<string>("--format") { Description = "json (an array) or csv.", DefaultValueFactory = _ => "json" };
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of standard output." };
        var mode = CommonOptions.ModeOption();
        var export = new Command("export", "Export log events from <data-dir>/<mode>/logs as JSON or CSV (CSV columns: " +
            string.Join(", ", LogExportWriter.CsvColumns) + "). The mode is the running (or last) bot's unless --mode says otherwise.")
        {
            from, to, eventName, market, format, output, mode,
        };
        export.SetAction(parse =>
        {
            if (!TryParseTime(parse.GetValue(from), "--from", out var fromTime, out var error)) return CommonOptions.Fail(error);
            if (!TryParseTime(parse.GetValue(to), "--to", out var toTime, out error)) return CommonOptions.Fail(error);
            if (fromTime is { } f && toTime is { } t && f >= t) return CommonOptions.Fail($"--from ({f:O}) must be before --to ({t:O}).");
            var formatText = parse.GetValue(format)?.Trim();
            LogExportFormat exportFormat;
            if (string.Equals(formatText, "json", StringComparison.OrdinalIgnoreCase)) exportFormat = LogExportFormat.Json;
            else if (string.Equals(formatText, "csv", StringComparison.OrdinalIgnoreCase)) exportFormat = LogExportFormat.Csv;
            else return CommonOptions.Fail($"unknown --format '{formatText}': use json or csv.");

            var directory = LogDirectory(parse, mode);
            if (!Directory.Exists(directory)) return CommonOptions.Fail($"log directory not found: {directory}");
            var outputFile = parse.GetValue(output);
            if (outputFile is { Length: > 0 } && Path.GetDirectoryName(Path.GetFullPath(outputFile)) is { } outDir && !Directory.Exists(outDir))
                return CommonOptions.Fail($"output directory not found: {outDir}");

            var request = new LogExportRequest(directory, new LogFilter(fromTime, toTime, parse.GetValue(eventName), parse.GetValue(market)),
                exportFormat, string.IsNullOrEmpty(outputFile) ? null : outputFile);
            using var stdout = Console.OpenStandardOutput();
            LogExport.Run(request, stdout, Console.Error);
            return CommonOptions.ExitOk;
        });

        var command = new Command("logs", "Work with the structured logs.");
        command.Subcommands.Add(export);
        return command;
    }

    /// <summary>
    /// The logs of the mode <c>--mode</c> names, else of the mode that runs (or ran last) in the data directory, else of the
    /// configured Mode; the data directory is <c>--data-dir</c>, else the configured one. The configuration is only read
    /// for those two settings: its problems do not matter here.
    /// </summary>
    private static string LogDirectory(ParseResult parse, Option<string?> mode)
    {
        var configuration = new Lazy<Core.Configuration.GridTraderOptions>(() =>
            ConfigLoader.Load(parse.GetValue(CommonOptions.Config), parse.GetValue(CommonOptions.EnvFile)).Options);
        var dataDir = parse.GetValue(CommonOptions.DataDir);
        if (string.IsNullOrEmpty(dataDir)) dataDir = configuration.Value.DataDirectory;
        var paths = DataPaths.For(dataDir);
        var chosen = parse.GetValue(mode) is not null || paths.LastMode() is not null
            ? CommonOptions.StateMode(parse, mode, paths, "")
            : CommonOptions.StateMode(parse, mode, paths, configuration.Value.Mode);
        return paths.ForMode(chosen).Logs;
    }

    internal static bool TryParseTime(string? text, string option, out DateTimeOffset? time, out string error)
    {
        time = null;
        error = "";
        if (string.IsNullOrWhiteSpace(text)) return true;
        // ISO-8601 only: a culture-style date such as 07/01/2025 is ambiguous.
        if (IsoDate().IsMatch(text.Trim()) && DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                out var parsed))
        {
            time = parsed;
            return true;
        }

        error = $"{option}: '{text}' is not an ISO-8601 time (e.g. 2025-07-01 or 2025-07-01T12:00:00Z).";
        return false;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}")]
    private static partial Regex IsoDate();
}
