using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using GridTrader.Core.Grid;
using GridTrader.Core.MarketData;
using GridTrader.Core.Strategy;
using GridTrader.Engine.Backtesting;
using GridTrader.Exchanges.MarketData;
using Spectre.Console;

namespace GridTrader.Cli;

/// <summary>
/// <c>sweep</c>: backtests every combination of a fixed-percent spacing range and a level range over one candle file,
/// loaded once and shared read-only by all runs, on every core. Prints the best by net P&amp;L and by drawdown.
/// </summary>
/// <remarks>
/// Each configuration is the configured grid with only spacing (fixed percent) and levels changed, and runs the same
/// engine as <c>backtest</c>. Spacings below the fee floor are treated as the validator treats them: without
/// <c>AllowUnprofitableSpacing</c> in the configuration they are skipped (they would be refused live), with it they
/// run and are marked. Combinations the planner refuses (too many levels for the spacing, capital below the minimums)
/// are reported as skipped with the planner's reason.
/// </remarks>
internal static class SweepCommand
{
    private const string BelowFloor = "below the fee floor";

    public static Command Create()
    {
        var flags = new BacktestInputs.Flags();
        var spacing = new Option<string>("--spacing")
        {
            Description = "Spacing range in percent, FROM:TO:STEP (inclusive).",
            DefaultValueFactory = _ => "1.2:4.0:0.05",
        };
        var levels = new Option<string>("--levels") { Description = "Level range, FROM:TO:STEP (inclusive).", DefaultValueFactory = _ => "4:40:2" };
        var top = new Option<int>("--top") { Description = "How many configurations each ranking shows.", DefaultValueFactory = _ => 10 };
        var parallel = new Option<int>("--parallel")
        {
            Description = "Backtests run at once (default: one per core).",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var command = new Command("sweep",
            "Backtest every combination of fixed-percent spacing × levels on one candle file (loaded once, all cores) and rank them.");
        flags.AddTo(command);
        command.Options.Add(spacing);
        command.Options.Add(levels);
        command.Options.Add(top);
        command.Options.Add(parallel);
        command.SetAction((parse, ct) => RunAsync(parse, flags, spacing, levels, top, parallel, ct));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, BacktestInputs.Flags flags, Option<string> spacingOption, Option<string> levelsOption,
        Option<int> topOption, Option<int> parallelOption, CancellationToken ct)
    {
        if (!TryParseRange(parse.GetValue(spacingOption)!, "--spacing", out var spacings)) return CommonOptions.ExitInvalidInput;
        if (!TryParseRange(parse.GetValue(levelsOption)!, "--levels", out var levelValues)) return CommonOptions.ExitInvalidInput;
        if (spacings.Any(s => s <= 0)) return CommonOptions.Fail("--spacing values must be positive.");
        if (levelValues.Any(l => l < 2 || l != decimal.Truncate(l))) return CommonOptions.Fail("--levels values must be whole numbers of at least 2.");
        var top = parse.GetValue(topOption);
        if (top < 1) return CommonOptions.Fail($"--top must be at least 1 (got {top}).");
        var parallel = parse.GetValue(parallelOption);
        if (parallel < 1) return CommonOptions.Fail($"--parallel must be at least 1 (got {parallel}).");

        var inputs = BacktestInputs.Resolve(parse, flags, out var exit);
        if (inputs is null) return exit;
        var json = parse.GetValue(flags.Json);
        var err = CommonOptions.Error();
        var baseOptions = inputs.Options;

        var stopwatch = Stopwatch.StartNew();
        Candle[] candles;
        try
        {
            // Loaded and scaled once; every run reads the same array.
            var scale = new CandleScale(baseOptions.PriceMultiplier);
            candles = [.. inputs.Reader.Read().Select(c => scale.Apply(c))];
        }
        catch (Exception ex) when (ex is CandleDataException or IOException or UnauthorizedAccessException)
        {
            return CommonOptions.Fail(ex.Message);
        }

        if (candles.Length == 0) return CommonOptions.Fail($"no candles in {Path.GetFileName(inputs.DataPath)} for the given range.");
        var loadMs = stopwatch.Elapsed.TotalMilliseconds;

        var configs = new List<SweepConfig>();
        foreach (var s in spacings)
        {
            foreach (var l in levelValues)
                configs.Add(new SweepConfig(configs.Count, s, (int)l));
        }

        var grid = baseOptions.Grid;
        var results = new SweepResult[configs.Count];
        var runOptions = baseOptions with { PriceMultiplier = 1m, CollectFills = false, MaxEquityPoints = 2 };
        var done = 0;
        var reporter = !json && err.Profile.Capabilities.Interactive;
        var lastReport = Stopwatch.StartNew();
        await Parallel.ForEachAsync(configs, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct }, async (config, token) =>
        {
            var g = grid with { SpacingMode = SpacingMode.FixedPercent, SpacingPct = config.SpacingPct, Levels = config.Levels };
            var belowFloor = !FeeFloor.Of(g).IsMetBy(config.SpacingPct);
            if (belowFloor && !g.AllowUnprofitableSpacing)
            {
                results[config.Index] = SweepResult.Skipped(config, BelowFloor);
            }
            else
            {
                var r = await new Backtester(runOptions with { Grid = g }).RunAsync(candles, ct: token);
                var refusal = r.Notices.FirstOrDefault(n => n.Name == StrategyNotice.GridPlanned) is null
                    ? r.Notices.FirstOrDefault(n => n.Name == StrategyNotice.GridPlanFailed)?.Message
                    : null;
                results[config.Index] = refusal is null ? SweepResult.From(config, r, belowFloor) : SweepResult.Skipped(config, "planner: " + refusal);
            }

            var n = Interlocked.Increment(ref done);
            if (reporter && (n == configs.Count || lastReport.ElapsedMilliseconds > 2000))
            {
                lastReport.Restart();
                Console.Error.WriteLine($"sweep: {n}/{configs.Count} configurations, {stopwatch.Elapsed.TotalSeconds:0}s");
            }
        });
        stopwatch.Stop();

        var summary = new SweepSummary(inputs, candles.Length, results, parallel, loadMs, stopwatch.Elapsed.TotalMilliseconds);
        if (json)
        {
            Console.Out.WriteLine(summary.ToJson(top));
            return CommonOptions.ExitOk;
        }

        summary.Print(CommonOptions.Out(), top);
        return CommonOptions.ExitOk;
    }

    /// <summary>Parses FROM:TO:STEP (or a single value) into the inclusive list of values, in decimal so 0.1 steps stay exact.</summary>
    internal static bool TryParseRange(string text, string option, out List<decimal> values)
    {
        values = [];
        var parts = text.Split(':');
        var numbers = new decimal[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!decimal.TryParse(parts[i], NumberStyles.Number, CultureInfo.InvariantCulture, out numbers[i]))
            {
                CommonOptions.Fail($"{option} '{text}' is not FROM:TO:STEP (numbers such as 1.2:4.0:0.05).");
                return false;
            }
        }

        if (parts.Length == 1)
        {
            values.Add(numbers[0]);
            return true;
        }

        if (parts.Length != 3 || numbers[2] <= 0 || numbers[1] < numbers[0])
        {
            CommonOptions.Fail($"{option} '{text}' must be FROM:TO:STEP with FROM ≤ TO and a positive STEP.");
            return false;
        }

        for (var v = numbers[0]; v <= numbers[1]; v += numbers[2])
        {
            values.Add(v);
            if (values.Count > 100_000)
            {
                CommonOptions.Fail($"{option} '{text}' gives more than 100000 values.");
                return false;
            }
        }

        return true;
    }

    private sealed record SweepConfig(int Index, decimal SpacingPct, int Levels);

    private sealed record SweepResult(SweepConfig Config, string? SkipReason, bool BelowFeeFloor, int RoundTrips, decimal NetPnl, decimal RealizedPnl,
        decimal Fees, decimal MaxDrawdownPct, decimal FinalEquity, int OrdersPlaced, int Rejections)
    {
        public bool Ran => SkipReason is null;

        public static SweepResult Skipped(SweepConfig config, string reason) => new(config, reason, false, 0, 0, 0, 0, 0, 0, 0, 0);

        public static SweepResult From(SweepConfig config, BacktestResult r, bool belowFloor) =>
            new(config, null, belowFloor, r.RoundTrips, r.NetPnl, r.RealizedPnl, r.Fees, r.MaxDrawdownPct, r.FinalEquity, r.OrdersPlaced, r.Rejections);
    }

    private sealed class SweepSummary(BacktestInputs inputs, int candles, SweepResult[] results, int parallel, double loadMs, double elapsedMs)
    {
        /// <summary>Configurations that traded; one the planner refused ran too, but only as far as the refusal.</summary>
        private int Backtested => results.Count(r => r.Ran);

        private readonly CultureInfo _c = CultureInfo.InvariantCulture;
        private int Decimals => inputs.Options.Market.PriceDecimals;

        private IEnumerable<SweepResult> ByNetPnl => results.Where(r => r.Ran).OrderByDescending(r => r.NetPnl).ThenBy(r => r.Config.Index);

        /// <summary>Lowest drawdown among the profitable configurations (a grid that never trades has none), else among all.</summary>
        private IEnumerable<SweepResult> ByDrawdown
        {
            get
            {
                var ran = results.Where(r => r.Ran).ToList();
                var pool = ran.Any(r => r.NetPnl > 0) ? ran.Where(r => r.NetPnl > 0) : ran;
                return pool.OrderBy(r => r.MaxDrawdownPct).ThenByDescending(r => r.NetPnl).ThenBy(r => r.Config.Index);
            }
        }

        private bool DrawdownAmongProfitable => results.Any(r => r.Ran && r.NetPnl > 0);

        public void Print(IAnsiConsole console, int top)
        {
            var skipped = results.Where(r => !r.Ran).ToList();
            console.MarkupLineInterpolated($"[bold]Sweep {inputs.Options.Market.Symbol}[/] on {Path.GetFileName(inputs.DataPath)}: {candles.ToString("N0", _c)} candles, {results.Length.ToString("N0", _c)} configurations ({Backtested.ToString("N0", _c)} backtested, {skipped.Count.ToString("N0", _c)} skipped), {parallel} at a time");
            console.Write(Table($"Best {top} by net P&L", ByNetPnl.Take(top)));
            console.Write(Table($"Best {top} by max drawdown{(DrawdownAmongProfitable ? " (profitable ones)" : "")}", ByDrawdown.Take(top)));
            foreach (var group in skipped.GroupBy(r => Reason(r.SkipReason!)).OrderByDescending(g => g.Count()))
                console.MarkupLineInterpolated($"[yellow]skipped[/] {group.Count()}: {group.Key}");
            var rate = (results.Length - skipped.Count(r => r.SkipReason == BelowFloor)) * (double)candles / (elapsedMs / 1000.0);
            console.MarkupLineInterpolated($"Elapsed {(elapsedMs / 1000).ToString("0.0", _c)} s (loading {(loadMs / 1000).ToString("0.0", _c)} s), {rate.ToString("N0", _c)} candles/s over all backtests.");
        }

        public string ToJson(int top)
        {
            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                w.WriteStartObject();
                w.WriteString("market", inputs.Options.Market.Symbol);
                w.WriteString("data_file", Path.GetFileName(inputs.DataPath));
                w.WriteNumber("candles", candles);
                w.WriteNumber("configurations", results.Length);
                w.WriteNumber("backtested", Backtested);
                w.WriteNumber("skipped", results.Count(r => !r.Ran));
                w.WriteNumber("parallel", parallel);
                w.WriteNumber("load_ms", Math.Round(loadMs, 1));
                w.WriteNumber("elapsed_ms", Math.Round(elapsedMs, 1));
                w.WriteStartArray("best_by_net_pnl");
                foreach (var r in ByNetPnl.Take(top)) Write(w, r);
                w.WriteEndArray();
                w.WriteStartArray("best_by_drawdown");
                foreach (var r in ByDrawdown.Take(top)) Write(w, r);
                w.WriteEndArray();
                w.WriteStartArray("results");
                foreach (var r in results) Write(w, r);
                w.WriteEndArray();
                w.WriteEndObject();
            }

            return Encoding.UTF8.GetString(stream.ToArray());
        }

        private void Write(Utf8JsonWriter w, SweepResult r)
        {
            w.WriteStartObject();
            w.WriteNumber("spacing_pct", r.Config.SpacingPct);
            w.WriteNumber("levels", r.Config.Levels);
            if (!r.Ran)
            {
                w.WriteString("skipped", r.SkipReason);
                w.WriteEndObject();
                return;
            }

            w.WriteBoolean("below_fee_floor", r.BelowFeeFloor);
            w.WriteNumber("round_trips", r.RoundTrips);
            w.WriteNumber("net_pnl", Math.Round(r.NetPnl, Decimals));
            w.WriteNumber("realized_pnl", Math.Round(r.RealizedPnl, Decimals));
            w.WriteNumber("fees", Math.Round(r.Fees, Decimals));
            w.WriteNumber("max_drawdown_pct", Math.Round(r.MaxDrawdownPct, 4));
            w.WriteNumber("final_equity", Math.Round(r.FinalEquity, Decimals));
            w.WriteNumber("orders_placed", r.OrdersPlaced);
            w.WriteNumber("rejections", r.Rejections);
            w.WriteEndObject();
        }

        private Table Table(string title, IEnumerable<SweepResult> rows)
        {
            var q = inputs.Options.Market.QuoteCurrency;
            var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title));
            foreach (var (name, right) in new[] { ("Spacing %", true), ("Levels", true), ("Round trips", true), ($"Net P&L ({q})", true),
                         ($"Fees ({q})", true), ("Max DD %", true), ("Below fee floor", false) })
            {
                var column = new TableColumn(Markup.Escape(name));
                table.AddColumn(right ? column.RightAligned() : column);
            }

            foreach (var r in rows)
            {
                table.AddRow(r.Config.SpacingPct.ToString(_c), r.Config.Levels.ToString(_c), r.RoundTrips.ToString("N0", _c),
                    (r.NetPnl >= 0 ? "[green]" : "[red]") + Math.Round(r.NetPnl, Decimals).ToString("N" + Decimals.ToString(_c), _c) + "[/]",
                    Math.Round(r.Fees, Decimals).ToString("N" + Decimals.ToString(_c), _c), r.MaxDrawdownPct.ToString("0.##", _c),
                    r.BelowFeeFloor ? "[yellow]yes[/]" : "no");
            }

            return table;
        }

        /// <summary>Groups skip reasons by their words before the first figures in brackets.</summary>
        private static string Reason(string reason)
        {
            var cut = reason.IndexOf(" (", StringComparison.Ordinal);
            return cut > 0 ? reason[..cut] + " …" : reason;
        }
    }
}
