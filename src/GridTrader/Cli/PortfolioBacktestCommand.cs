using System.Diagnostics;
using System.Globalization;
using GridTrader.Core.Markets;
using GridTrader.Engine.Backtesting;
using GridTrader.Exchanges.MarketData;
using GridTrader.Reports;
using Spectre.Console;

namespace GridTrader.Cli;

/// <summary>
/// <c>backtest --data FILE:MARKET --data FILE2:MARKET2 …</c>: the markets together on one account (one matching engine,
/// one trading core, the risk manager's per-market cap and total exposure ceiling over all of them). Account-wide
/// settings (starting balances, risk, fees, fill model, order time-to-live) are the configuration's, as for one market.
/// </summary>
internal static class PortfolioBacktestCommand
{
    public static async Task<int> RunAsync(BacktestInputs first, IReadOnlyList<DataSpec> specs, FillModel? fillModel, bool json, string? reportDir,
        Stopwatch command, CancellationToken ct)
    {
        if (specs[0].Market is null) return CommonOptions.Fail($"--data {specs[0].Path}: a portfolio names the market of every file, as --data FILE:MARKET.");

        var markets = new List<PortfolioMarket>();
        var loads = new List<CandleInput>();
        var loadMs = 0.0;
        foreach (var spec in specs)
        {
            var inputs = spec == specs[0] ? first : first.For(spec);
            if (inputs is null) return CommonOptions.ExitInvalidInput;
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

            if (candles.Candles.Length == 0) return CommonOptions.Fail($"no candles in {Path.GetFileName(spec.Path)} for the given range.");
            loads.Add(candles);
            loadMs += candles.LoadMs;
            var options = inputs.Options with { CollectFills = reportDir is not null, CandleInterval = candles.Series.Interval };
            if (fillModel is { } model) options = options with { FillModel = model };
            markets.Add(new PortfolioMarket(options, candles.Candles, spec.Path));
        }

        if (PortfolioBacktester.Problem(markets) is { } problem) return CommonOptions.Fail(problem);
        var backtester = new PortfolioBacktester(markets);
        var result = await backtester.RunAsync(ct: ct);
        foreach (var load in loads) await load.FinishCacheWriteAsync();
        var cache = string.Join(",", loads.Select(l => l.CacheState).Distinct());
        var timings = new BacktestTimings(loadMs, result.Total.ElapsedMs, command.Elapsed.TotalMilliseconds, cache);
        var info = markets[0].Options;
        var run = new BacktestRunInfo(string.Join(",", specs.Select(s => Path.GetFileName(s.Path))), first.Config.Source, info.Market.QuoteCurrency,
            info.Market.PriceDecimals, info.PriceMultiplier, loads.Sum(l => l.Series.Gaps.Count), loads.Sum(l => l.Series.MissingCount), timings);

        IReadOnlyList<string> written = [];
        if (reportDir is not null)
        {
            try
            {
                written = PortfolioReportWriter.Write(reportDir, result, run);
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

        var console = CommonOptions.Out();
        PrintSummary(console, result, run);
        if (written.Count > 0)
            console.MarkupLineInterpolated($"Report: {Path.GetFullPath(Path.GetDirectoryName(written[0])!)} ({string.Join(", ", written.Select(Path.GetFileName))})");
        return CommonOptions.ExitOk;
    }

    private static void PrintSummary(IAnsiConsole console, PortfolioResult p, BacktestRunInfo run)
    {
        var c = CultureInfo.InvariantCulture;
        var d = run.PriceDecimals;
        string Money(decimal v) => Math.Round(v, d).ToString("N" + d.ToString(c), c) + " " + run.QuoteCurrency;
        var r = p.Total;

        var table = new Table().Border(TableBorder.Rounded).Title($"Portfolio backtest {Markup.Escape(r.Market)}");
        table.AddColumn("");
        foreach (var m in p.Markets) table.AddColumn(new TableColumn(Markup.Escape(m.Market)).RightAligned());
        table.AddColumn(new TableColumn("account").RightAligned());
        void Row(string name, Func<BacktestResult, string> value) =>
            table.AddRow([Markup.Escape(name), .. p.Markets.Select(m => Markup.Escape(value(m))), Markup.Escape(value(r))]);
        Row("Data", m => m.DataFile is null ? "" : Path.GetFileName(m.DataFile));
        Row("Candles", m => m.Candles.ToString("N0", c));
        Row("Capital", m => Money(m.CapitalAllocated));
        Row("Round trips", m => m.RoundTrips.ToString("N0", c));
        Row("Realized P&L", m => Money(m.RealizedPnl));
        Row("Fees", m => Money(m.Fees));
        Row("Unrealized P&L", m => Money(m.UnrealizedPnl));
        Row("Buy and hold (same capital)", m => Money(m.BuyAndHoldPnl));
        Row("Time in market", m => m.TimeInMarketPct.ToString("0.##", c) + "%");
        Row("Peak capital used", m => Money(m.PeakCapitalUsed));
        Row("Days breaker open / grid stopped", m => $"{m.BreakerOpenDays.ToString(c)} / {m.GridStoppedDays.ToString(c)}");
        Row("Orders / fills", m => $"{m.OrdersPlaced.ToString("N0", c)} / {m.FillCount.ToString("N0", c)}");
        Row("Refused", m => m.Rejections.ToString("N0", c));
        console.Write(table);
        console.MarkupLineInterpolated(
            $"Equity {Money(r.InitialEquity)} → {Money(r.FinalEquity)} (net {Money(r.NetPnl)}), max drawdown {r.MaxDrawdownPct.ToString("0.##", c)}%.");
        console.MarkupLineInterpolated(
            $"Total exposure cap {(p.MaxTotalExposure * 100m).ToString("0.##", c)}% of equity: peak {Money(p.PeakExposure)}, {(p.PeakExposureFraction * 100m).ToString("0.##", c)}% at a close, {(p.PeakExposureFractionAtPlacement * 100m).ToString("0.##", c)}% right after a buy.");
        console.MarkupLineInterpolated($"[grey]Fill rule: {r.FillRule}.[/]");
    }
}
