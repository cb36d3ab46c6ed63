using System.Globalization;
using System.Net;
using System.Text;
using GridTrader.Core.Markets;
using GridTrader.Csv;
using GridTrader.Engine.Backtesting;

namespace GridTrader.Reports;

/// <summary>
/// Writes a portfolio backtest's artefacts into a folder: <c>markets.csv</c> (one row per market), <c>fills.csv</c> and
/// <c>round_trips.csv</c> (with their market), <c>equity.csv</c> (the account's equity and total exposure),
/// <c>summary.json</c> (what <c>--json</c> prints) and <c>report.html</c>, a self-contained page with the per-market
/// table and the account's equity and exposure chart.
/// </summary>
internal static class PortfolioReportWriter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static IReadOnlyList<string> Write(string directory, PortfolioResult result, BacktestRunInfo run)
    {
        Directory.CreateDirectory(directory);
        var money = run.PriceDecimals;
        return
        [
            WriteText(directory, "markets.csv", MarketsCsv(result, money)),
            WriteText(directory, "fills.csv", FillsCsv(result)),
            WriteText(directory, "round_trips.csv", RoundTripsCsv(result)),
            WriteText(directory, "equity.csv", CsvWriter.Write(["time", "equity", "total_exposure"], result.Total.EquityCurve.Select(p =>
                (IReadOnlyList<string?>)[Time(DateTimeOffset.FromUnixTimeMilliseconds(p.TimeMs)), CsvWriter.Number(p.Equity), CsvWriter.Number(p.Price)]))),
            WriteText(directory, "summary.json", BacktestJson.Serialize(result, run) + "\n"),
            WriteText(directory, "report.html", Html(result, run)),
        ];
    }

    private static string MarketsCsv(PortfolioResult result, int money) =>
        CsvWriter.Write(
            ["market", "data_file", "candles", "round_trips", "realized_pnl", "fees", "unrealized_pnl", "capital_allocated", "buy_and_hold_pnl",
             "time_in_market_pct", "peak_capital_used", "breaker_open_days", "grid_stopped_days"],
            result.Markets.Select(m => (IReadOnlyList<string?>)
            [
                m.Market, m.DataFile is null ? "" : Path.GetFileName(m.DataFile), CsvWriter.Number(m.Candles), CsvWriter.Number(m.RoundTrips),
                CsvWriter.Number(Math.Round(m.RealizedPnl, money)), CsvWriter.Number(Math.Round(m.Fees, money)),
                CsvWriter.Number(Math.Round(m.UnrealizedPnl, money)), CsvWriter.Number(Math.Round(m.CapitalAllocated, money)),
                CsvWriter.Number(Math.Round(m.BuyAndHoldPnl, money)), CsvWriter.Number(Math.Round(m.TimeInMarketPct, 4)),
                CsvWriter.Number(Math.Round(m.PeakCapitalUsed, money)), CsvWriter.Number(m.BreakerOpenDays), CsvWriter.Number(m.GridStoppedDays),
            ]));

    private static string FillsCsv(PortfolioResult result) =>
        CsvWriter.Write(["time", "market", "order_id", "side", "price", "amount", "value", "fee", "fee_currency", "level"],
            result.Total.Fills.Select(f => (IReadOnlyList<string?>)
            [
                Time(f.Time), f.Market, CsvWriter.Number(f.OrderId), f.Side == Side.Buy ? "buy" : "sell", CsvWriter.Number(f.Price),
                CsvWriter.Number(f.Amount), CsvWriter.Number(f.Value), CsvWriter.Number(f.Fee), f.FeeCurrency, CsvWriter.Number(f.Level),
            ]));

    private static string RoundTripsCsv(PortfolioResult result) =>
        CsvWriter.Write(["closed_at", "market", "opened_at", "sell_order_id", "level", "amount", "cost", "proceeds", "fees", "realized_pnl"],
            result.Total.RoundTripDetails.Select(t => (IReadOnlyList<string?>)
            [
                Time(t.ClosedAt), t.Market, t.OpenedAt == default ? "" : Time(t.OpenedAt), CsvWriter.Number(t.SellOrderId), CsvWriter.Number(t.Level),
                CsvWriter.Number(t.Amount), CsvWriter.Number(t.Cost), CsvWriter.Number(t.Proceeds), CsvWriter.Number(t.Fees), CsvWriter.Number(t.RealizedPnl),
            ]));

    private static string Html(PortfolioResult p, BacktestRunInfo run)
    {
        var r = p.Total;
        var money = run.PriceDecimals;
        string M(decimal v) => Math.Round(v, money).ToString("N" + money.ToString(Invariant), Invariant) + " " + run.QuoteCurrency;
        string Pct(decimal v) => v.ToString("0.##", Invariant) + "%";
        var rows = new (string Name, Func<BacktestResult, string> Value)[]
        {
            ("Data", m => m.DataFile is null ? "" : Path.GetFileName(m.DataFile)),
            ("Candles", m => m.Candles.ToString("N0", Invariant)),
            ("Capital", m => M(m.CapitalAllocated)),
            ("Round trips", m => m.RoundTrips.ToString("N0", Invariant)),
            ("Realized P&L", m => M(m.RealizedPnl)),
            ("Fees", m => M(m.Fees)),
            ("Unrealized P&L", m => M(m.UnrealizedPnl)),
            ("Buy and hold (same capital)", m => M(m.BuyAndHoldPnl)),
            ("Time in market", m => Pct(m.TimeInMarketPct)),
            ("Peak capital used", m => M(m.PeakCapitalUsed)),
            ("Days breaker open / grid stopped", m => $"{m.BreakerOpenDays.ToString(Invariant)} / {m.GridStoppedDays.ToString(Invariant)}"),
            ("Orders / fills / refused", m => $"{m.OrdersPlaced.ToString("N0", Invariant)} / {m.FillCount.ToString("N0", Invariant)} / {m.Rejections.ToString("N0", Invariant)}"),
        };

        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>GridTrader portfolio backtest: ")
            .Append(WebUtility.HtmlEncode(r.Market)).Append("</title>\n<style>")
            .Append("body{font-family:system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;margin-bottom:1.5rem}")
            .Append("td,th{padding:.25rem .75rem;border-bottom:1px solid #ddd;vertical-align:top;text-align:right}td:first-child{color:#555;text-align:left}")
            .Append(".legend span{margin-right:1.5rem}.eq{color:#1565c0}.px{color:#999}</style></head><body>\n")
            .Append("<h1>Portfolio backtest ").Append(WebUtility.HtmlEncode(r.Market)).Append("</h1>\n<table>\n<tr><th></th>");
        foreach (var m in p.Markets) sb.Append("<th>").Append(WebUtility.HtmlEncode(m.Market)).Append("</th>");
        sb.Append("<th>account</th></tr>\n");
        foreach (var (name, value) in rows)
        {
            sb.Append("<tr><td>").Append(WebUtility.HtmlEncode(name)).Append("</td>");
            foreach (var m in p.Markets) sb.Append("<td>").Append(WebUtility.HtmlEncode(value(m))).Append("</td>");
            sb.Append("<td>").Append(WebUtility.HtmlEncode(value(r))).Append("</td></tr>\n");
        }

        sb.Append("</table>\n<p>").Append(WebUtility.HtmlEncode(
            $"Equity {M(r.InitialEquity)} → {M(r.FinalEquity)} (net {M(r.NetPnl)}), max drawdown {Pct(r.MaxDrawdownPct)}. " +
            $"Total exposure cap {Pct(p.MaxTotalExposure * 100m)} of equity: peak {M(p.PeakExposure)}, {Pct(p.PeakExposureFraction * 100m)} at a close, " +
            $"{Pct(p.PeakExposureFractionAtPlacement * 100m)} right after a buy. Fill model {r.FillModelText}; configuration {run.ConfigSource}."))
            .Append("</p>\n<h2>Equity and exposure</h2>\n<p class=\"legend\"><span class=\"eq\">■ equity (").Append(WebUtility.HtmlEncode(run.QuoteCurrency))
            .Append(", left axis)</span><span class=\"px\">■ total exposure (right axis)</span></p>\n");
        sb.Append(EquityChart.Svg(r.EquityCurve, money));
        sb.Append("\n<p>Per market: markets.csv · fills: fills.csv · round trips: round_trips.csv · curve: equity.csv · figures: summary.json</p>\n</body></html>\n");
        return sb.ToString();
    }

    private static string WriteText(string directory, string name, string text)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }

    private static string Time(DateTimeOffset t) => CsvWriter.Time(t, "yyyy-MM-dd'T'HH:mm:ss'Z'");
}
