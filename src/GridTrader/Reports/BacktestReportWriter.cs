using System.Globalization;
using System.Net;
using System.Text;
using GridTrader.Core.Markets;
using GridTrader.Csv;
using GridTrader.Engine.Backtesting;

namespace GridTrader.Reports;

/// <summary>
/// Writes a backtest's artefacts into a folder: <c>fills.csv</c>, <c>round_trips.csv</c>, <c>equity.csv</c>,
/// <c>summary.json</c> and <c>report.html</c> (the CSV files through <see cref="CsvWriter"/>), a self-contained page (inline SVG, no scripts or downloads) with the
/// summary and the equity curve that opens in any browser.
/// </summary>
internal static class BacktestReportWriter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Writes every artefact; returns the paths written.</summary>
    public static IReadOnlyList<string> Write(string directory, BacktestResult result, BacktestRunInfo run)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>
        {
            WriteText(directory, "fills.csv", FillsCsv(result)),
            WriteText(directory, "round_trips.csv", RoundTripsCsv(result)),
            WriteText(directory, "equity.csv", EquityCsv(result)),
            WriteText(directory, "summary.json", BacktestJson.Serialize(result, run) + "\n"),
            WriteText(directory, "report.html", Html(result, run)),
        };
        return written;
    }

    public static string FillsCsv(BacktestResult result) =>
        CsvWriter.Write(["time", "order_id", "side", "price", "amount", "value", "fee", "fee_currency", "level"],
            result.Fills.Select(f => (IReadOnlyList<string?>)
            [
                Time(f.Time), CsvWriter.Number(f.OrderId), f.Side == Side.Buy ? "buy" : "sell", CsvWriter.Number(f.Price),
                CsvWriter.Number(f.Amount), CsvWriter.Number(f.Value), CsvWriter.Number(f.Fee), f.FeeCurrency, CsvWriter.Number(f.Level),
            ]));

    private static string RoundTripsCsv(BacktestResult result) =>
        CsvWriter.Write(["closed_at", "opened_at", "sell_order_id", "level", "amount", "cost", "proceeds", "fees", "realized_pnl"],
            result.RoundTripDetails.Select(t => (IReadOnlyList<string?>)
            [
                Time(t.ClosedAt), t.OpenedAt == default ? "" : Time(t.OpenedAt), CsvWriter.Number(t.SellOrderId), CsvWriter.Number(t.Level),
                CsvWriter.Number(t.Amount), CsvWriter.Number(t.Cost), CsvWriter.Number(t.Proceeds), CsvWriter.Number(t.Fees),
                CsvWriter.Number(t.RealizedPnl),
            ]));

    private static string EquityCsv(BacktestResult result) =>
        CsvWriter.Write(["time", "equity", "price"],
            result.EquityCurve.Select(p => (IReadOnlyList<string?>)
                [Time(DateTimeOffset.FromUnixTimeMilliseconds(p.TimeMs)), CsvWriter.Number(p.Equity), CsvWriter.Number(p.Price)]));

    private static string Html(BacktestResult r, BacktestRunInfo run)
    {
        var q = run.QuoteCurrency;
        var money = run.PriceDecimals;
        string M(decimal v) => Math.Round(v, money).ToString("N" + money.ToString(Invariant), Invariant) + " " + q;
        var rows = new (string, string)[]
        {
            ("Market", $"{r.Market} (prices × {run.PriceMultiplier.ToString(Invariant)})"),
            ("Data", $"{Path.GetFileName(run.DataPath)}, {r.Candles.ToString("N0", Invariant)} candles of {IntervalText(r)}, {(r.From is { } f ? Time(f) : "")} → {(r.To is { } t ? Time(t) : "")}"),
            ("Configuration", run.ConfigSource),
            ("Round trips", r.RoundTrips.ToString("N0", Invariant)),
            ("Realized P&L (FIFO)", M(r.RealizedPnl)),
            ("Grid profit", $"{M(r.GridProfit)} ({r.GridPairs.ToString("N0", Invariant)} grid pairs: each sell matched to the buy of the line below)"),
            ("Fees", M(r.Fees)),
            ("Unrealized P&L", M(r.UnrealizedPnl)),
            ("Final equity", $"{M(r.FinalEquity)} (from {M(r.InitialEquity)})"),
            ("Net P&L", $"{M(r.NetPnl)} ({(r.InitialEquity > 0 ? r.NetPnl / r.InitialEquity * 100m : 0m).ToString("0.##", Invariant)}%)"),
            ("Buy and hold (same capital)", M(r.BuyAndHoldPnl)),
            ("Max drawdown", r.MaxDrawdownPct.ToString("0.##", Invariant) + "%"),
            ("Time in market", r.TimeInMarketPct.ToString("0.##", Invariant) + "% of candles"),
            ("Peak capital used", M(r.PeakCapitalUsed)),
            ("Days breaker open / grid stopped", $"{r.BreakerOpenDays.ToString(Invariant)} / {r.GridStoppedDays.ToString(Invariant)}"),
            ("Orders / fills / refused", $"{r.OrdersPlaced.ToString("N0", Invariant)} / {r.FillCount.ToString("N0", Invariant)} / {r.Rejections.ToString("N0", Invariant)}"),
            ("Grid rebuilds", r.GridRebuilds.ToString(Invariant)),
            ("Fill model", r.FillModelText),
            ("Fill rule", r.FillRule),
        };

        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>GridTrader backtest: ")
            .Append(WebUtility.HtmlEncode(r.Market)).Append("</title>\n<style>")
            .Append("body{font-family:system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;margin-bottom:1.5rem}")
            .Append("td{padding:.25rem .75rem;border-bottom:1px solid #ddd;vertical-align:top}td:first-child{color:#555}")
            .Append(".legend span{margin-right:1.5rem}.eq{color:#1565c0}.px{color:#999}</style></head><body>\n")
            .Append("<h1>Backtest ").Append(WebUtility.HtmlEncode(r.Market)).Append("</h1>\n<table>\n");
        foreach (var (name, value) in rows)
            sb.Append("<tr><td>").Append(WebUtility.HtmlEncode(name)).Append("</td><td>").Append(WebUtility.HtmlEncode(value)).Append("</td></tr>\n");
        sb.Append("</table>\n<h2>Equity</h2>\n<p class=\"legend\"><span class=\"eq\">■ equity (").Append(WebUtility.HtmlEncode(q))
            .Append(", left axis)</span><span class=\"px\">■ price (right axis)</span></p>\n");
        sb.Append(EquityChart.Svg(r.EquityCurve, money));
        sb.Append("\n<p>Fills: fills.csv · round trips: round_trips.csv · curve: equity.csv · figures: summary.json</p>\n</body></html>\n");
        return sb.ToString();
    }

    private static string IntervalText(BacktestResult r) => r.Interval > TimeSpan.Zero ? Core.MarketData.CandleInterval.Format(r.Interval) : "?";

    private static string WriteText(string directory, string name, string text)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }

    private static string Time(DateTimeOffset t) => CsvWriter.Time(t, "yyyy-MM-dd'T'HH:mm:ss'Z'");
}
