using System.CommandLine;
using System.Globalization;
using System.Text;
using GridTrader.Configuration;
using GridTrader.Core.Configuration;
using GridTrader.Hosting;
using GridTrader.Storage;
using GridTrader.Trades;

namespace GridTrader.Cli;

/// <summary>
/// <c>trades export --year 2026 --format csv|kryptosekken [--out FILE] [--mode simulated|paper|live]</c>: the year's fills from
/// the mode's database (the configured mode unless <c>--mode</c> says otherwise) to standard output or a file, and the
/// yearly FIFO summary to standard error (and, with <c>--out</c>, beside the file as <c>FILE.summary.txt</c>).
/// </summary>
internal static class TradesCommand
{
    public static Command Create()
    {
        var year = new Option<int?>("--year") { Description = "Calendar year (UTC), e.g. 2026.", Required = true };
        var format = new Option<string>("--format")
        {
            Description = "csv (every fill with NOK values) or kryptosekken (its generic import format).",
            DefaultValueFactory = _ => "csv",
        };
        format.AcceptOnlyFromAmong("csv", "kryptosekken");
        var output = new Option<string?>("--out") { Description = "Write to this file instead of standard output." };
        var mode = new Option<string?>("--mode") { Description = "simulated, paper or live (default: the configured Mode)." };
        mode.AcceptOnlyFromAmong(TradingModes.Simulated, TradingModes.Paper, TradingModes.Live);

        var export = new Command("export", "Export the bot's fills of a year, with a summary of realized gains and losses in NOK by FIFO (this bot's trades only).")
        {
            year, format, output, mode,
        };
        export.SetAction(async (parse, ct) =>
        {
            var y = parse.GetValue(year) ?? 0;
            if (y is < 2000 or > 2100) return CommonOptions.Fail($"--year {y} is not a year this bot can have traded in (2000–2100).");
            var loaded = ConfigLoader.Load(parse.GetValue(CommonOptions.Config), parse.GetValue(CommonOptions.EnvFile));
            var modeText = parse.GetValue(mode) ?? loaded.Options.Mode;
            if (!Enum.TryParse<RunMode>(modeText, ignoreCase: true, out var runMode) || !Enum.IsDefined(runMode))
                return CommonOptions.Fail($"the configured Mode '{modeText}' is not simulated, paper or live; pass --mode.");
            var dataDir = parse.GetValue(CommonOptions.DataDir) is { Length: > 0 } d ? d : loaded.Options.DataDirectory;
            var paths = DataPaths.For(dataDir).ForMode(runMode);
            if (!File.Exists(paths.Database))
                return CommonOptions.Fail($"no {modeText} database at {paths.Database}: the bot has not traded in {modeText} mode with this data directory.",
                    CommonOptions.ExitFailure);
            var outFile = parse.GetValue(output);
            if (outFile is { Length: > 0 } && Path.GetDirectoryName(Path.GetFullPath(outFile)) is { } outDir && !Directory.Exists(outDir))
                return CommonOptions.Fail($"output directory not found: {outDir}");

            IReadOnlyList<Core.Accounting.Fill> fills;
            try
            {
                await using var store = SqliteStore.OpenReadOnly(paths.Root);
                fills = await store.LoadFillsAsync(null, null, TradeExport.YearBounds(y).To, ct);
            }
            catch (StoreException ex)
            {
                return CommonOptions.Fail(ex.Message, CommonOptions.ExitFailure);
            }

            var exportFormat = parse.GetValue(format) == "kryptosekken" ? TradeExportFormat.Kryptosekken : TradeExportFormat.Csv;
            var marketplace = runMode == RunMode.Live ? "Firi" : $"GridTrader {modeText}";
            var summary = TradeExport.Summary(fills, y, modeText, paths.Database);
            int count;
            if (outFile is { Length: > 0 })
            {
                await using (var writer = new StreamWriter(outFile, append: false, new UTF8Encoding(false)))
                    count = TradeExport.WriteFills(writer, fills, y, exportFormat, marketplace);
                await File.WriteAllTextAsync(outFile + ".summary.txt", summary, new UTF8Encoding(false), ct);
            }
            else
            {
                count = TradeExport.WriteFills(Console.Out, fills, y, exportFormat, marketplace);
                await Console.Out.FlushAsync(ct);
            }

            await Console.Error.WriteAsync(summary);
            if (outFile is { Length: > 0 })
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{count} fill(s) written to {Path.GetFullPath(outFile)}; summary in {Path.GetFullPath(outFile)}.summary.txt"));
            return CommonOptions.ExitOk;
        });

        var command = new Command("trades", "The bot's trade records.");
        command.Subcommands.Add(export);
        return command;
    }
}
