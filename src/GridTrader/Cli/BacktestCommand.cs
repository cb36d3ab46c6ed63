using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using GridTrader.Core.MarketData;
using GridTrader.Core.Markets;
using GridTrader.Core.Strategy;
using GridTrader.Engine.Backtesting;
using GridTrader.Exchanges.MarketData;
using GridTrader.Reports;
using Spectre.Console;

namespace GridTrader.Cli;

/// <summary><c>backtest</c>: the trading engine on a candle file, with a summary, JSON or a report folder.</summary>
internal static class BacktestCommand
{
    /// <summary>Runs longer than this get a progress display on an interactive terminal.</summary>
    private const int ProgressCandles = 500_000;

    public static Command Create()
    {
        var flags = new BacktestInputs.Flags();
        var report = new Option<string?>("--report")
        {
            Description = "Write fills.csv, round_trips.csv, equity.csv, summary.json and report.html (equity chart) into this folder.",
        };
        var fillModel = new Option<string?>("--fill-model")
        {
            Description = "When a resting order fills: touch, trade-through (by a tick) or volume-share (trade-through, at most " +
                          "Simulation:VolumeShare of each candle's volume). Overrides Simulation:FillModel.",
        };
        fillModel.AcceptOnlyFromAmong([.. FillModelNames.All]);
        var command = new Command("backtest",
            "Replay a candle file through the trading engine (strategy, risk, order lifecycle) on the simulated exchange. " +
            "Market, grid, risk, fees, balances and capital come from the configuration; the candle interval from the data. " +
            "--data FILE:MARKET once per market runs several markets together on one account, under the same risk caps as live.");
        flags.AddTo(command);
        command.Options.Add(report);
        command.Options.Add(fillModel);
        command.SetAction((parse, ct) => RunAsync(parse, flags, report, fillModel, ct));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, BacktestInputs.Flags flags, Option<string?> reportOption,
        Option<string?> fillModelOption, CancellationToken ct)
    {
        // The whole command after start-up: configuration, loading the candles, the engine, the cache write.
        var command = Stopwatch.StartNew();
        var specs = (parse.GetValue(flags.Data) ?? []).Select(DataSpec.Parse).ToList();
        var inputs = BacktestInputs.Resolve(parse, flags, specs[0], out var exit);
        if (inputs is null) return exit;
        var json = parse.GetValue(flags.Json);
        var reportDir = parse.GetValue(reportOption);
        if (specs.Count > 1)
        {
            return await PortfolioBacktestCommand.RunAsync(inputs, specs, FillModelNames.TryParse(parse.GetValue(fillModelOption), out var model) ? model : null,
                json, reportDir, command, ct);
        }

        if (DataFileMarket.Mismatch(inputs.DataPath, inputs.Options.Market) is { } mismatch) await Console.Error.WriteLineAsync(mismatch);
        CandleInput candles;
        try
        {
            candles = CandleInput.Load(inputs);
        }
        catch (Exception ex) when (ex is CandleDataException or IOException or UnauthorizedAccessException)
        {
            return CommonOptions.Fail(ex.Message);
        }

        var options = inputs.Options with { CollectFills = reportDir is not null, CandleInterval = candles.Series.Interval };
        // The parser has already refused any other name.
        if (FillModelNames.TryParse(parse.GetValue(fillModelOption), out var fillModel)) options = options with { FillModel = fillModel };
        var result = await RunWithProgressAsync(new Backtester(options), candles.Candles, showProgress: !json, ct);
        await candles.FinishCacheWriteAsync();
        var timings = new BacktestTimings(candles.LoadMs, result.ElapsedMs, command.Elapsed.TotalMilliseconds, candles.CacheState);

        if (result.Candles == 0)
            return CommonOptions.Fail($"no candles in {Path.GetFileName(inputs.DataPath)}{RangeText(inputs)}.");
        if (result.Notices.FirstOrDefault(n => n.Name == StrategyNotice.GridPlanned) is null
            && result.Notices.FirstOrDefault(n => n.Name == StrategyNotice.GridPlanFailed) is { } failed)
            return CommonOptions.Fail($"the grid could not be planned, so nothing was traded: {failed.Message}");

        var series = candles.Series;
        var run = new BacktestRunInfo(inputs.DataPath, inputs.Config.Source, options.Market.QuoteCurrency, options.Market.PriceDecimals,
            options.PriceMultiplier, series.Gaps.Count, series.MissingCount, timings);
        IReadOnlyList<string> written = [];
        if (reportDir is not null)
        {
            try
            {
                written = BacktestReportWriter.Write(reportDir, result, run);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return CommonOptions.Fail($"cannot write the report to {Path.GetFullPath(reportDir)}: {ex.Message}", CommonOptions.ExitFailure);
            }
        }

        if (json)
        {
            Console.Out.WriteLine(BacktestJson.Serialize(result, run));
            return CommonOptions.ExitOk;
        }

        PrintSummary(CommonOptions.Out(), result, run, inputs, written);
        return CommonOptions.ExitOk;
    }

    private static async Task<BacktestResult> RunWithProgressAsync(Backtester backtester, Candle[] candles, bool showProgress, CancellationToken ct)
    {
        // The console (and its terminal detection) is only built when a bar may be shown: --json runs skip it.
        var err = showProgress && candles.Length >= ProgressCandles ? CommonOptions.Error() : null;
        if (err is null || !err.Profile.Capabilities.Interactive) return await backtester.RunAsync(candles, ct: ct);

        BacktestResult? result = null;
        await err.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("backtest", maxValue: candles.Length);
                var progress = new Progress<long>(n => task.Value = n);
                result = await backtester.RunAsync(candles, progress, ct);
                task.StopTask();
            });
        return result!;
    }

    private static void PrintSummary(IAnsiConsole console, BacktestResult r, BacktestRunInfo run, BacktestInputs inputs, IReadOnlyList<string> written)
    {
        var c = CultureInfo.InvariantCulture;
        var q = run.QuoteCurrency;
        var d = run.PriceDecimals;
        string Money(decimal v) => Math.Round(v, d).ToString("N" + d.ToString(c), c) + " " + q;
        string Signed(decimal v) => (v >= 0 ? "[green]" : "[red]") + Markup.Escape(Money(v)) + "[/]";
        var grid = inputs.Options.Grid;
        var spacing = grid.SpacingMode == Core.Grid.SpacingMode.FixedPercent
            ? $"{grid.SpacingPct.ToString(c)}% fixed"
            : $"ATR({grid.AtrPeriod.ToString(c)}) × {grid.AtrMultiplier.ToString(c)} in [{grid.MinSpacingPct.ToString(c)}%, {grid.MaxSpacingPct.ToString(c)}%]";

        var table = new Table().Border(TableBorder.Rounded).Title($"Backtest {Markup.Escape(r.Market)}").HideHeaders();
        table.AddColumn("");
        table.AddColumn(new TableColumn("").RightAligned());
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), value);
        void Text(string name, string value) => Row(name, Markup.Escape(value));
        Text("Data", $"{Path.GetFileName(run.DataPath)} ({CandleInterval.Format(r.Interval)}, prices × {run.PriceMultiplier.ToString(c)})");
        Text("Period", $"{BacktestInputs.Format(r.From!.Value)} → {BacktestInputs.Format(r.To!.Value)}");
        Text("Candles", r.Candles.ToString("N0", c) + (run.Gaps > 0 ? $" ({run.Gaps.ToString(c)} gap(s), {run.MissingCandles.ToString("N0", c)} missing)" : ""));
        Text("Grid", $"{grid.Levels.ToString(c)} levels, {grid.Geometry}, {spacing}, trend filter {(grid.TrendFilterEnabled ? "on" : "off")}, recentre {grid.Recenter}");
        Text("Capital", $"{Money(r.CapitalAllocated)} of {Money(r.InitialEquity)}");
        Text("Fill model", r.FillModelText);
        Text("Round trips", r.RoundTrips.ToString("N0", c));
        Row("Realized P&L (FIFO)", Signed(r.RealizedPnl));
        Row("Grid profit", Signed(r.GridProfit) + Markup.Escape($" ({r.GridPairs.ToString("N0", c)} grid pairs)"));
        Text("Fees", Money(r.Fees));
        Row("Unrealized P&L", Signed(r.UnrealizedPnl));
        Text("Final equity", Money(r.FinalEquity));
        Row("Net P&L", Signed(r.NetPnl) + Markup.Escape($" ({(r.InitialEquity > 0 ? r.NetPnl / r.InitialEquity * 100m : 0m).ToString("0.##", c)}%)"));
        Row("Buy and hold (same capital)", Signed(r.BuyAndHoldPnl));
        Text("Max drawdown", r.MaxDrawdownPct.ToString("0.##", c) + "%");
        AddActivityRows(Text, r, Money);
        Text("Orders / fills", $"{r.OrdersPlaced.ToString("N0", c)} / {r.FillCount.ToString("N0", c)}");
        Text("Refused", r.Rejections == 0 ? "0"
            : $"{r.Rejections.ToString("N0", c)} ({string.Join(", ", r.RejectionsByReason.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {kv.Value.ToString("N0", c)}"))})");
        Text("Grid rebuilds", r.GridRebuilds.ToString(c));
        var t = run.Timings!;
        Text("Speed", $"{t.ElapsedMs.ToString("N0", c)} ms, {t.CandlesPerSecond(r.Candles).ToString("N0", c)} candles/s " +
                      $"(loading {t.ParseMs.ToString("N0", c)} ms, cache {t.CandleCache}; engine {t.EngineMs.ToString("N0", c)} ms)");
        console.Write(table);
        console.MarkupLineInterpolated($"[grey]Fill rule: {r.FillRule}.[/]");
        if (written.Count > 0)
            console.MarkupLineInterpolated($"Report: {Path.GetFullPath(Path.GetDirectoryName(written[0])!)} ({string.Join(", ", written.Select(Path.GetFileName))})");
    }

    /// <summary>Time in market, peak capital used, days with the breaker open or the grid stopped (also in the portfolio summary).</summary>
    internal static void AddActivityRows(Action<string, string> text, BacktestResult r, Func<decimal, string> money)
    {
        var c = CultureInfo.InvariantCulture;
        text("Time in market", r.TimeInMarketPct.ToString("0.##", c) + "% of candles");
        text("Peak capital used", money(r.PeakCapitalUsed) + (r.CapitalAllocated > 0
            ? $" ({(r.PeakCapitalUsed / r.CapitalAllocated * 100m).ToString("0.#", c)}% of the allocation)"
            : ""));
        text("Days breaker open / grid stopped", $"{r.BreakerOpenDays.ToString(c)} / {r.GridStoppedDays.ToString(c)}");
    }

    private static string RangeText(BacktestInputs inputs) =>
        (inputs.From, inputs.To) switch
        {
            (null, null) => "",
            ({ } f, null) => $" from {BacktestInputs.Format(f)}",
            (null, { } t) => $" before {BacktestInputs.Format(t)}",
            ({ } f, { } t) => $" between {BacktestInputs.Format(f)} and {BacktestInputs.Format(t)}",
        };
}
