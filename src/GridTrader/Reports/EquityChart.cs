using System.Globalization;
using System.Text;
using GridTrader.Engine.Backtesting;

namespace GridTrader.Reports;

/// <summary>An equity curve as inline SVG: equity on the left axis, price on the right, dates along the bottom.</summary>
internal static class EquityChart
{
    private const double Width = 960;
    private const double Height = 420;
    private const double Left = 90;
    private const double Right = 90;
    private const double Top = 20;
    private const double Bottom = 40;
    private const int Ticks = 5;

    public static string Svg(IReadOnlyList<EquityPoint> points, int moneyDecimals)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(c, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-size=\"11\" font-family=\"sans-serif\">");
        sb.Append(c, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{Width - Left - Right}\" height=\"{Height - Top - Bottom}\" fill=\"none\" stroke=\"#ccc\"/>");
        if (points.Count < 2)
        {
            sb.Append(c, $"<text x=\"{Width / 2}\" y=\"{Height / 2}\" text-anchor=\"middle\">not enough data for a chart</text></svg>");
            return sb.ToString();
        }

        var t0 = points[0].TimeMs;
        var t1 = Math.Max(points[^1].TimeMs, t0 + 1);
        var (eLow, eHigh) = Range(points.Select(p => (double)p.Equity));
        var (pLow, pHigh) = Range(points.Select(p => (double)p.Price));
        double X(long t) => Left + (t - t0) / (double)(t1 - t0) * (Width - Left - Right);
        double Y(double v, double low, double high) => Top + (1 - (v - low) / (high - low)) * (Height - Top - Bottom);

        for (var i = 0; i <= Ticks; i++)
        {
            var y = Top + i * (Height - Top - Bottom) / Ticks;
            var e = eHigh - i * (eHigh - eLow) / Ticks;
            var p = pHigh - i * (pHigh - pLow) / Ticks;
            sb.Append(c, $"<line x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Width - Right}\" y2=\"{y:0.#}\" stroke=\"#eee\"/>");
            sb.Append(c, $"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" fill=\"#1565c0\">{e.ToString("N" + moneyDecimals.ToString(c), c)}</text>");
            sb.Append(c, $"<text x=\"{Width - Right + 6}\" y=\"{y + 4:0.#}\" fill=\"#777\">{p.ToString("N0", c)}</text>");
            var t = t0 + (long)(i * (t1 - t0) / (double)Ticks);
            var label = DateTimeOffset.FromUnixTimeMilliseconds(t).UtcDateTime.ToString("yyyy-MM-dd", c);
            sb.Append(c, $"<text x=\"{X(t):0.#}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\" fill=\"#555\">{label}</text>");
        }

        Polyline(sb, points, p => Y((double)p.Price, pLow, pHigh), X, "#bbb");
        Polyline(sb, points, p => Y((double)p.Equity, eLow, eHigh), X, "#1565c0");
        sb.Append("</svg>");
        return sb.ToString();
    }

    private static void Polyline(StringBuilder sb, IReadOnlyList<EquityPoint> points, Func<EquityPoint, double> y, Func<long, double> x, string color)
    {
        var c = CultureInfo.InvariantCulture;
        sb.Append(c, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.5\" points=\"");
        foreach (var p in points) sb.Append(c, $"{x(p.TimeMs):0.##},{y(p):0.##} ");
        sb.Append("\"/>");
    }

    private static (double Low, double High) Range(IEnumerable<double> values)
    {
        var low = double.MaxValue;
        var high = double.MinValue;
        foreach (var v in values)
        {
            low = Math.Min(low, v);
            high = Math.Max(high, v);
        }

        var pad = (high - low) * 0.05;
        if (pad <= 0) pad = Math.Max(Math.Abs(high) * 0.01, 1);
        return (low - pad, high + pad);
    }
}
