using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using GridTrader.Core.MarketData;
using GridTrader.Core.Markets;
using GridTrader.Engine.Backtesting;

namespace GridTrader.Reports;

/// <summary>
/// The backtest result as one JSON object: snake_case keys in a fixed order, numbers as JSON numbers (money rounded
/// to the market's price decimals, percentages to 4 places). Everything except the <see cref="TimingKeys"/> depends only
/// on the input, so two runs give the same bytes apart from those.
/// </summary>
internal static class BacktestJson
{
    /// <summary>Keys that measure the machine rather than the strategy.</summary>
    public static readonly IReadOnlyList<string> TimingKeys = ["candle_cache", "parse_ms", "engine_ms", "elapsed_ms", "candles_per_second"];

    public static string Serialize(BacktestResult r, BacktestRunInfo run)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(w, r, run);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static void Write(Utf8JsonWriter w, BacktestResult r, BacktestRunInfo run) => Write(w, r, run, portfolio: null);

    /// <summary>
    /// A portfolio run: the account's totals under the single run's keys, the exposure figures, and <c>markets</c>, one
    /// object per market.
    /// </summary>
    public static string Serialize(PortfolioResult result, BacktestRunInfo run)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(w, result.Total, run, result);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter w, BacktestResult r, BacktestRunInfo run, PortfolioResult? portfolio)
    {
        var money = run.PriceDecimals;
        w.WriteStartObject();
        w.WriteString("market", r.Market);
        w.WriteString("quote_currency", run.QuoteCurrency);
        w.WriteString("data_file", Path.GetFileName(run.DataPath));
        w.WriteString("config", run.ConfigSource);
        w.WriteNumber("price_multiplier", run.PriceMultiplier);
        w.WriteString("interval", r.Interval > TimeSpan.Zero ? CandleInterval.Format(r.Interval) : "");
        WriteTime(w, "from", r.From);
        WriteTime(w, "to", r.To);
        w.WriteNumber("candles", r.Candles);
        w.WriteNumber("data_gaps", run.Gaps);
        w.WriteNumber("missing_candles", run.MissingCandles);
        w.WriteNumber("round_trips", r.RoundTrips);
        w.WriteNumber("realized_pnl", Math.Round(r.RealizedPnl, money));
        w.WriteNumber("grid_profit", Math.Round(r.GridProfit, money));
        w.WriteNumber("grid_pairs", r.GridPairs);
        w.WriteNumber("fees", Math.Round(r.Fees, money));
        w.WriteNumber("unrealized_pnl", Math.Round(r.UnrealizedPnl, money));
        w.WriteNumber("initial_equity", Math.Round(r.InitialEquity, money));
        w.WriteNumber("final_equity", Math.Round(r.FinalEquity, money));
        w.WriteNumber("net_pnl", Math.Round(r.NetPnl, money));
        w.WriteNumber("net_pnl_pct", r.InitialEquity > 0 ? Math.Round(r.NetPnl / r.InitialEquity * 100m, 4) : 0m);
        w.WriteNumber("capital_allocated", Math.Round(r.CapitalAllocated, money));
        w.WriteNumber("max_drawdown_pct", Math.Round(r.MaxDrawdownPct, 4));
        w.WriteNumber("buy_and_hold_pnl", Math.Round(r.BuyAndHoldPnl, money));
        WriteActivity(w, r, money);
        WriteOrders(w, r);
        w.WriteNumber("notices", r.NoticeCount);
        w.WriteString("fill_model", r.FillModel.Name());
        w.WriteString("fill_rule", r.FillRule);
        var t = run.Timings ?? new BacktestTimings(0, r.ElapsedMs, r.ElapsedMs, "off");
        w.WriteString("candle_cache", t.CandleCache);
        w.WriteNumber("parse_ms", Math.Round(t.ParseMs, 1));
        w.WriteNumber("engine_ms", Math.Round(t.EngineMs, 1));
        w.WriteNumber("elapsed_ms", Math.Round(t.ElapsedMs, 1));
        w.WriteNumber("candles_per_second", Math.Round(t.CandlesPerSecond(r.Candles)));
        if (portfolio is not null) WritePortfolio(w, portfolio, money);
        w.WriteEndObject();
    }

    /// <summary>What a grid trader reads besides P&amp;L (added keys; every earlier key keeps its name and place).</summary>
    private static void WriteActivity(Utf8JsonWriter w, BacktestResult r, int money)
    {
        w.WriteNumber("buy_and_hold_pct", r.CapitalAllocated > 0 ? Math.Round(r.BuyAndHoldPnl / r.CapitalAllocated * 100m, 4) : 0m);
        w.WriteNumber("time_in_market_pct", Math.Round(r.TimeInMarketPct, 4));
        w.WriteNumber("peak_capital_used", Math.Round(r.PeakCapitalUsed, money));
        w.WriteNumber("breaker_open_days", r.BreakerOpenDays);
        w.WriteNumber("grid_stopped_days", r.GridStoppedDays);
    }

    /// <summary>Prices at both ends and what happened to the orders: the same keys for a run and for each market of a portfolio.</summary>
    private static void WriteOrders(Utf8JsonWriter w, BacktestResult r)
    {
        w.WriteNumber("first_price", r.FirstPrice);
        w.WriteNumber("last_price", r.LastPrice);
        w.WriteNumber("orders_placed", r.OrdersPlaced);
        w.WriteNumber("fills", r.FillCount);
        w.WriteNumber("rejections", r.Rejections);
        w.WriteStartObject("rejections_by_reason");
        foreach (var (reason, count) in r.RejectionsByReason.OrderBy(kv => kv.Key, StringComparer.Ordinal)) w.WriteNumber(reason, count);
        w.WriteEndObject();
        w.WriteNumber("grid_rebuilds", r.GridRebuilds);
    }

    private static void WritePortfolio(Utf8JsonWriter w, PortfolioResult p, int money)
    {
        w.WriteNumber("max_total_exposure_pct", Math.Round(p.MaxTotalExposure * 100m, 4));
        w.WriteNumber("peak_exposure", Math.Round(p.PeakExposure, money));
        w.WriteNumber("peak_exposure_pct", Math.Round(p.PeakExposureFraction * 100m, 4));
        w.WriteNumber("peak_exposure_at_placement_pct", Math.Round(p.PeakExposureFractionAtPlacement * 100m, 4));
        w.WriteStartArray("markets");
        foreach (var m in p.Markets)
        {
            w.WriteStartObject();
            w.WriteString("market", m.Market);
            w.WriteString("data_file", m.DataFile is null ? "" : Path.GetFileName(m.DataFile));
            WriteTime(w, "from", m.From);
            WriteTime(w, "to", m.To);
            w.WriteNumber("candles", m.Candles);
            w.WriteNumber("round_trips", m.RoundTrips);
            w.WriteNumber("realized_pnl", Math.Round(m.RealizedPnl, money));
            w.WriteNumber("grid_profit", Math.Round(m.GridProfit, money));
            w.WriteNumber("grid_pairs", m.GridPairs);
            w.WriteNumber("fees", Math.Round(m.Fees, money));
            w.WriteNumber("unrealized_pnl", Math.Round(m.UnrealizedPnl, money));
            w.WriteNumber("capital_allocated", Math.Round(m.CapitalAllocated, money));
            w.WriteNumber("buy_and_hold_pnl", Math.Round(m.BuyAndHoldPnl, money));
            WriteActivity(w, m, money);
            WriteOrders(w, m);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteTime(Utf8JsonWriter w, string name, DateTimeOffset? time)
    {
        if (time is { } t) w.WriteString(name, t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        else w.WriteNull(name);
    }
}

/// <summary>What the result alone does not say about a run: where its data and configuration came from.</summary>
internal sealed record BacktestRunInfo(string DataPath, string ConfigSource, string QuoteCurrency, int PriceDecimals, decimal PriceMultiplier,
    int Gaps, long MissingCandles, BacktestTimings? Timings = null);

/// <summary>
/// Where a <c>backtest</c> command's time went: loading the candles (cache read or CSV parse), the engine, and the whole
/// command after start-up (configuration, loading, engine, cache write), which <c>candles_per_second</c> counts.
/// </summary>
internal sealed record BacktestTimings(double ParseMs, double EngineMs, double ElapsedMs, string CandleCache)
{
    public double CandlesPerSecond(long candles) => ElapsedMs > 0 ? candles / (ElapsedMs / 1000.0) : 0;
}
