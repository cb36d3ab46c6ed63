using System.Globalization;
using System.Net;
using System.Text;
using GridTrader.Core.Grid;

namespace GridTrader.Research;

/// <summary>
/// The walk-forward heatmap: spacing (fixed percent, or the ATR multiplier) across, levels down, each cell coloured by
/// the best out-of-sample net P&amp;L among the configurations that share it (trend filter on or off, ATR periods).
/// Written as <c>heatmap.html</c> (inline SVG without scripts, like the backtest report's equity chart) and
/// <c>heatmap.png</c> (ScottPlot; the ATR panel as <c>heatmap-atr.png</c>).
/// </summary>
internal static class SweepHeatmap
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Writes both files into <paramref name="directory"/> and returns their paths.</summary>
    public static IReadOnlyList<string> Write(string directory, SweepContext ctx, SweepAggregator a)
    {
        Directory.CreateDirectory(directory);
        var panels = Panels(a).ToList();
        var html = Path.Combine(directory, "heatmap.html");
        File.WriteAllText(html, Html(ctx, a, panels));
        return [html, .. Png(directory, ctx, panels)];
    }

    internal sealed record Panel(SpacingMode Mode, decimal[] Spacings, int[] Levels, decimal?[,] Values);

    internal static IEnumerable<Panel> Panels(SweepAggregator a)
    {
        foreach (var mode in new[] { SpacingMode.FixedPercent, SpacingMode.Atr })
        {
            var cells = a.Heatmap.Where(kv => kv.Key.Mode == mode).ToList();
            if (cells.Count == 0) continue;
            var spacings = cells.Select(kv => kv.Key.Spacing).Distinct().Order().ToArray();
            var levels = cells.Select(kv => kv.Key.Levels).Distinct().Order().ToArray();
            var values = new decimal?[levels.Length, spacings.Length];
            foreach (var ((_, s, l), v) in cells) values[Array.IndexOf(levels, l), Array.IndexOf(spacings, s)] = v;
            yield return new Panel(mode, spacings, levels, values);
        }
    }

    private static string Html(SweepContext ctx, SweepAggregator a, List<Panel> panels)
    {
        var sb = new StringBuilder();
        var title = $"Walk-forward heatmap: {ctx.Market} on {ctx.DataFile}";
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(title)).Append("</title>");
        sb.Append("<style>body{font-family:sans-serif;margin:24px;color:#222}h2{font-size:16px;margin-top:28px}</style></head><body>");
        sb.Append("<h1 style=\"font-size:20px\">").Append(WebUtility.HtmlEncode(title)).Append("</h1>");
        sb.Append(C, $"<p>Colour: out-of-sample net P&amp;L ({WebUtility.HtmlEncode(ctx.QuoteCurrency)}) summed over the {ctx.Folds.Count - 1} test windows of a rolling {ctx.Folds.Count}-window walk-forward; ");
        sb.Append("each cell shows the best configuration sharing its spacing and levels. Walk-forward result (each fold's choice on its next window): ");
        sb.Append(WebUtility.HtmlEncode(Math.Round(a.OutOfSamplePnl, ctx.PriceDecimals).ToString(C))).Append(' ').Append(WebUtility.HtmlEncode(ctx.QuoteCurrency)).Append(".</p>");
        foreach (var p in panels)
        {
            sb.Append("<h2>").Append(p.Mode == SpacingMode.FixedPercent ? "Fixed spacing (%) × levels" : "ATR multiplier × levels").Append("</h2>");
            sb.Append(Svg(p, ctx.PriceDecimals));
        }

        sb.Append("</body></html>\n");
        return sb.ToString();
    }

    private static string Svg(Panel p, int decimals)
    {
        const double cell = 44, left = 60, top = 10, bottom = 40;
        var width = Math.Max(left + p.Spacings.Length * cell + 10, 360);
        var height = top + p.Levels.Length * cell + bottom;
        var scale = Scale(p);
        var sb = new StringBuilder();
        sb.Append(C, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-size=\"10\" font-family=\"sans-serif\">");
        for (var row = 0; row < p.Levels.Length; row++)
        {
            // Most levels at the top, like a chart's y axis.
            var y = top + (p.Levels.Length - 1 - row) * cell;
            sb.Append(C, $"<text x=\"{left - 6}\" y=\"{y + cell / 2 + 4}\" text-anchor=\"end\">{p.Levels[row]}</text>");
            for (var col = 0; col < p.Spacings.Length; col++)
            {
                var x = left + col * cell;
                var v = p.Values[row, col];
                var text = v is { } value ? Math.Round(value, decimals).ToString(C) : "–";
                sb.Append(C, $"<rect x=\"{x}\" y=\"{y}\" width=\"{cell - 1}\" height=\"{cell - 1}\" fill=\"{Hex(Colour(v, scale))}\"><title>levels {p.Levels[row]}, {p.Spacings[col]}: {text}</title></rect>");
                sb.Append(C, $"<text x=\"{x + cell / 2}\" y=\"{y + cell / 2 + 3}\" text-anchor=\"middle\" font-size=\"8\">{WebUtility.HtmlEncode(Compact(v))}</text>");
            }
        }

        for (var col = 0; col < p.Spacings.Length; col++)
            sb.Append(C, $"<text x=\"{left + col * cell + cell / 2}\" y=\"{top + p.Levels.Length * cell + 14}\" text-anchor=\"middle\">{p.Spacings[col]}</text>");
        sb.Append(C, $"<text x=\"{left + p.Spacings.Length * cell / 2}\" y=\"{height - 6}\" text-anchor=\"middle\">{SweepConsole.Axis(p.Mode)} (levels down the side)</text>");
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>One PNG per panel: <c>heatmap.png</c> for the first (fixed spacing when swept), <c>heatmap-atr.png</c> for ATR beside it.</summary>
    private static List<string> Png(string directory, SweepContext ctx, List<Panel> panels)
    {
        var written = new List<string>();
        foreach (var p in panels)
        {
            var path = Path.Combine(directory, written.Count == 0 ? "heatmap.png" : "heatmap-atr.png");
            using var chart = new ScottPlot.Plot();
            // ScottPlot draws row 0 at the top: rows are flipped so that level i sits at y = i, more levels higher up.
            var data = new double[p.Levels.Length, p.Spacings.Length];
            for (var r = 0; r < p.Levels.Length; r++)
            {
                for (var c = 0; c < p.Spacings.Length; c++) data[p.Levels.Length - 1 - r, c] = p.Values[r, c] is { } v ? (double)v : double.NaN;
            }

            var heatmap = chart.Add.Heatmap(data);
            var scale = Scale(p);
            heatmap.ManualRange = new ScottPlot.Range(-scale, scale);
            heatmap.Colormap = new ScottPlot.Colormaps.Balance();
            chart.Add.ColorBar(heatmap).Label = $"out-of-sample net P&L ({ctx.QuoteCurrency})";
            chart.Axes.Bottom.TickGenerator = Ticks([.. p.Spacings.Select(s => s.ToString(C))]);
            chart.Axes.Left.TickGenerator = Ticks([.. p.Levels.Select(l => l.ToString(C))]);
            chart.Axes.Bottom.Label.Text = SweepConsole.Axis(p.Mode);
            chart.Axes.Left.Label.Text = "levels";
            chart.Axes.Title.Label.Text = $"{ctx.Market}: {(p.Mode == SpacingMode.FixedPercent ? "fixed spacing" : "ATR spacing")}, {ctx.Folds.Count}-window walk-forward";
            chart.SavePng(path, 900, 560);
            written.Add(path);
        }

        return written;
    }

    private static ScottPlot.TickGenerators.NumericManual Ticks(string[] labels)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (var i = 0; i < labels.Length; i++) ticks.AddMajor(i, labels[i]);
        return ticks;
    }

    private static double Scale(Panel p)
    {
        var max = 0.0;
        foreach (var v in p.Values)
        {
            if (v is { } value) max = Math.Max(max, Math.Abs((double)value));
        }

        return max > 0 ? max : 1;
    }

    /// <summary>Red for losses, white at zero, green for profits.</summary>
    private static (int R, int G, int B) Colour(decimal? v, double scale)
    {
        if (v is null) return (230, 230, 230);
        var t = Math.Clamp((double)v.Value / scale, -1, 1);
        return t >= 0 ? (Mix(255, 27, t), Mix(255, 158, t), Mix(255, 62, t)) : (Mix(255, 211, -t), Mix(255, 47, -t), Mix(255, 47, -t));
    }

    private static int Mix(int from, int to, double t) => (int)Math.Round(from + (to - from) * t);

    private static string Hex((int R, int G, int B) c) => string.Create(C, $"#{c.R:x2}{c.G:x2}{c.B:x2}");

    private static string Compact(decimal? v) => v is not { } value ? "" : Math.Abs(value) >= 1000 ? Math.Round(value / 1000, 1).ToString(C) + "k" : Math.Round(value).ToString(C);
}
