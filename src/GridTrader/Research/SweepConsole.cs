using System.Globalization;
using GridTrader.Core.Grid;
using Spectre.Console;

namespace GridTrader.Research;

/// <summary>The sweep's summary for a person: rankings as tables, walk-forward folds, skips, edge warnings and speed.</summary>
internal static class SweepConsole
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static void Print(IAnsiConsole console, SweepContext ctx, SweepAggregator a, int top, SweepTimings t)
    {
        console.MarkupLineInterpolated(
            $"[bold]Sweep {ctx.Market}[/] on {ctx.DataFile}: {ctx.Candles.ToString("N0", C)} candles, {ctx.Space.Count.ToString("N0", C)} configurations ({a.Backtested.ToString("N0", C)} backtested, {a.Skipped.ToString("N0", C)} skipped), {t.Parallel} at a time");
        if (a.IsWalkForward)
        {
            console.Write(Table(ctx, $"Best {top} by out-of-sample net P&L (sum over the {ctx.Folds.Count - 1} test windows)", a.ByOutOfSample.Take(top), outOfSample: true));
            console.Write(Folds(ctx, a));
        }
        else
        {
            console.Write(Table(ctx, $"Best {top} by net P&L", a.ByNetPnl.Take(top), outOfSample: false));
            console.Write(Table(ctx, $"Best {top} by max drawdown{(a.DrawdownAmongProfitable ? " (profitable ones)" : "")}", a.ByDrawdown.Take(top), outOfSample: false));
        }

        foreach (var (reason, count) in a.SkipReasons.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal))
            console.MarkupLineInterpolated($"[yellow]skipped[/] {count}: {reason}");
        foreach (var warning in SweepJson.EdgeWarnings(a, ctx.Space))
            console.MarkupLineInterpolated($"[yellow]warning:[/] the best configuration lies on the edge of the searched range: {warning}; widen the range to see whether it is a real optimum.");
        var rate = a.Backtested * (double)ctx.CandlesPerConfiguration / (t.ElapsedMs / 1000.0);
        console.MarkupLineInterpolated(
            $"Elapsed {(t.ElapsedMs / 1000).ToString("0.0", C)} s (loading {(t.LoadMs / 1000).ToString("0.0", C)} s, candle cache {t.CandleCache}), {rate.ToString("N0", C)} candles/s over all backtests.");
    }

    private static Table Folds(SweepContext ctx, SweepAggregator a)
    {
        var d = ctx.PriceDecimals;
        var table = new Table().Border(TableBorder.Rounded)
            .Title(Markup.Escape($"Walk-forward, {ctx.Folds.Count} windows, rolling: each fold chooses on one window and is tested on the next"));
        foreach (var name in new[] { "Train", "Test", "Chosen", "Train P&L", "Test P&L" }) table.AddColumn(Markup.Escape(name));
        for (var k = 1; k < ctx.Folds.Count; k++)
        {
            var (train, test) = (ctx.Folds[k - 1], ctx.Folds[k]);
            var choice = a.Choices[k - 1];
            table.AddRow(Markup.Escape(Span(train)), Markup.Escape(Span(test)), Markup.Escape(choice is null ? "none traded" : Describe(choice.Config)),
                choice is null ? "" : Money(choice.TrainPnl, d), choice is null ? "" : Money(choice.TestPnl, d));
        }

        table.AddRow("", "", "[bold]out of sample[/]", "", "[bold]" + Money(a.OutOfSamplePnl, d) + "[/]");
        return table;
    }

    private static Table Table(SweepContext ctx, string title, IEnumerable<SweepOutcome> rows, bool outOfSample)
    {
        var d = ctx.PriceDecimals;
        var q = ctx.QuoteCurrency;
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title));
        var columns = outOfSample
            ? new[] { "#", "Spacing", "Levels", "Trend", $"Out of sample ({q})", "Per window" }
            : new[] { "#", "Spacing", "Levels", "Trend", "Round trips", $"Net P&L ({q})", $"Fees ({q})", "Max DD %", "Below fee floor" };
        foreach (var name in columns) table.AddColumn(new TableColumn(Markup.Escape(name)).RightAligned());
        foreach (var o in rows)
        {
            var c = o.Config;
            var head = new[] { c.Index.ToString(C), Markup.Escape(c.SpacingText), c.Levels.ToString(C), c.TrendFilter ? "on" : "off" };
            if (outOfSample)
            {
                table.AddRow([.. head, Money(o.OutOfSamplePnl, d), Markup.Escape(string.Join(" ", o.Runs.Skip(1).Select(r => Math.Round(r.NetPnl, d).ToString(C))))]);
                continue;
            }

            var f = o.Full;
            table.AddRow([.. head, f.RoundTrips.ToString("N0", C), Money(f.NetPnl, d), Math.Round(f.Fees, d).ToString("N" + d.ToString(C), C),
                f.MaxDrawdownPct.ToString("0.##", C), o.BelowFeeFloor ? "[yellow]yes[/]" : "no"]);
        }

        return table;
    }

    private static string Describe(SweepConfig c) =>
        $"#{c.Index}: {c.SpacingText}, {c.Levels} levels, trend {(c.TrendFilter ? "on" : "off")}";

    private static string Span(FoldWindow f) =>
        $"{DateTimeOffset.FromUnixTimeMilliseconds(f.FromMs):yyyy-MM-dd} → {DateTimeOffset.FromUnixTimeMilliseconds(f.ToMs):yyyy-MM-dd}";

    private static string Money(decimal v, int d) =>
        (v >= 0 ? "[green]" : "[red]") + Math.Round(v, d).ToString("N" + d.ToString(C), C) + "[/]";

    /// <summary>For the heatmap legend.</summary>
    public static string Axis(SpacingMode mode) => mode == SpacingMode.FixedPercent ? "spacing %" : "ATR multiplier";
}
