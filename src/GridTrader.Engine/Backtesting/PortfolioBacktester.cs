using System.Diagnostics;
using GridTrader.Core.MarketData;

namespace GridTrader.Engine.Backtesting;

/// <summary>
/// Runs several markets together on one account (<see cref="PortfolioSession"/>): their candles are merged by open time,
/// and every step gives each market with a candle at that time its candle, then measures the account. A market whose data
/// starts later waits (it holds nothing and is valued at nothing until its first candle); one whose data ends stays as
/// it was, valued at its last close.
/// </summary>
public sealed class PortfolioBacktester
{
    private readonly IReadOnlyList<PortfolioMarket> _markets;

    /// <exception cref="ArgumentException">The markets cannot run together (<see cref="Problem"/>).</exception>
    public PortfolioBacktester(IReadOnlyList<PortfolioMarket> markets)
    {
        ArgumentNullException.ThrowIfNull(markets);
        if (Problem(markets) is { } problem) throw new ArgumentException(problem, nameof(markets));
        _markets = markets;
        Interval = IntervalOf(markets[0]);
    }

    /// <summary>
    /// Why <paramref name="markets"/> cannot run together on one account, in one line; null when they can: at least one
    /// market, each with candles, distinct symbols, one quote currency, one candle interval.
    /// </summary>
    public static string? Problem(IReadOnlyList<PortfolioMarket> markets)
    {
        ArgumentNullException.ThrowIfNull(markets);
        if (markets.Count == 0) return "a portfolio needs at least one market.";
        if (markets.FirstOrDefault(m => m.Candles.Length == 0) is { } empty) return $"{empty.Options.Market.Symbol} has no candles.";
        var duplicate = markets.GroupBy(m => m.Options.Market.Symbol, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) return $"{duplicate.Key} is given twice.";
        var first = markets[0].Options.Market;
        if (markets.FirstOrDefault(m => !string.Equals(m.Options.Market.QuoteCurrency, first.QuoteCurrency, StringComparison.OrdinalIgnoreCase)) is { } other)
            return $"{other.Options.Market.Symbol} is quoted in {other.Options.Market.QuoteCurrency}, {first.Symbol} in {first.QuoteCurrency}: one account, one quote currency.";
        var interval = IntervalOf(markets[0]);
        if (markets.FirstOrDefault(m => IntervalOf(m) != interval) is { } mismatch)
            return $"{mismatch.Options.Market.Symbol} has {CandleInterval.Format(IntervalOf(mismatch))} candles, {first.Symbol} " +
                   $"{CandleInterval.Format(interval)}: the markets of a portfolio share one interval.";
        return null;
    }

    /// <summary>The candle interval every market shares.</summary>
    public TimeSpan Interval { get; }

    private static TimeSpan IntervalOf(PortfolioMarket m) => m.Options.CandleInterval ?? (m.Candles.Length > 1
        ? TimeSpan.FromMilliseconds(m.Candles[1].OpenTimeMs - m.Candles[0].OpenTimeMs)
        : TimeSpan.FromMinutes(1));

    /// <summary>Runs the markets; <paramref name="sample"/>, when given, sees the account after every step.</summary>
    public async Task<PortfolioResult> RunAsync(Action<ExposureSample>? sample = null, CancellationToken ct = default)
    {
        var stopwatch = Stopwatch.StartNew();
        var session = new PortfolioSession(_markets, Interval, ct);
        await session.StartAsync();
        var lanes = session.Lanes;
        var next = new int[lanes.Count];
        var steps = 0L;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var openMs = long.MaxValue;
            for (var i = 0; i < lanes.Count; i++)
            {
                var candles = lanes[i].Market.Candles;
                if (next[i] < candles.Length && candles[next[i]].OpenTimeMs < openMs) openMs = candles[next[i]].OpenTimeMs;
            }

            if (openMs == long.MaxValue) break;
            for (var i = 0; i < lanes.Count; i++)
            {
                var candles = lanes[i].Market.Candles;
                if (next[i] < candles.Length && candles[next[i]].OpenTimeMs == openMs) await session.StepAsync(lanes[i], candles[next[i]++]);
            }

            await session.CloseStepAsync(openMs, sample);
            steps++;
        }

        stopwatch.Stop();
        return Finish(session, steps, stopwatch.Elapsed.TotalMilliseconds);
    }

    private PortfolioResult Finish(PortfolioSession session, long steps, double elapsedMs)
    {
        var ledger = session.Ledger;
        var markets = session.Lanes.Select(lane => MarketResult(session, lane, Interval, elapsedMs)).ToList();
        var account = _markets[0].Options;
        var curve = session.EquityCurve();
        var total = new BacktestResult
        {
            Market = string.Join('+', markets.Select(m => m.Market)),
            Candles = steps,
            Interval = Interval,
            From = markets.Min(m => m.From),
            To = markets.Max(m => m.To),
            RoundTrips = ledger.RoundTrips.Count,
            RealizedPnl = ledger.RealizedPnl,
            GridProfit = ledger.GridPairs.Profit,
            GridPairs = ledger.GridPairs.Count,
            Fees = ledger.FeesInQuote,
            UnrealizedPnl = markets.Sum(m => m.UnrealizedPnl),
            InitialEquity = session.InitialEquity,
            FinalEquity = session.Equity(),
            CapitalAllocated = markets.Sum(m => m.CapitalAllocated),
            MaxDrawdownPct = session.MaxDrawdown * 100m,
            FillModel = account.FillModel,
            VolumeShare = account.FillModel == Core.Markets.FillModel.VolumeShare ? account.VolumeShare : null,
            BuyAndHoldPnl = markets.Sum(m => m.BuyAndHoldPnl),
            OrdersPlaced = markets.Sum(m => m.OrdersPlaced),
            FillCount = markets.Sum(m => m.FillCount),
            Rejections = markets.Sum(m => m.Rejections),
            RejectionsByReason = markets.SelectMany(m => m.RejectionsByReason).GroupBy(kv => kv.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value), StringComparer.Ordinal),
            GridRebuilds = markets.Sum(m => m.GridRebuilds),
            FirstPrice = 0m,
            LastPrice = 0m,
            EquityCurve = curve,
            Fills = [.. markets.SelectMany(m => m.Fills).OrderBy(f => f.Time)],
            RoundTripDetails = ledger.RoundTrips,
            Notices = [.. markets.SelectMany(m => m.Notices)],
            NoticeCount = markets.Sum(m => m.NoticeCount),
            TimeInMarketPct = session.Activity.TimeInMarketPct,
            PeakCapitalUsed = session.Activity.PeakCapitalUsed,
            BreakerOpenDays = session.Activity.BreakerOpenDays,
            GridStoppedDays = session.Activity.GridStoppedDays,
            ElapsedMs = elapsedMs,
        };
        return new PortfolioResult
        {
            Total = total,
            Markets = markets,
            MaxTotalExposure = account.Risk.MaxTotalExposure,
            PeakExposure = session.PeakExposure,
            PeakExposureFraction = session.PeakExposureFraction,
            PeakExposureFractionAtPlacement = session.PeakExposureFractionAtPlacement,
        };
    }

    private static BacktestResult MarketResult(PortfolioSession session, PortfolioSession.Lane lane, TimeSpan interval, double elapsedMs)
    {
        var o = lane.Options;
        var ledger = session.Ledger;
        var stats = lane.Stats;
        var capital = lane.Capital;
        var buyAndHold = lane.FirstClose > 0 ? capital * (1 - o.Fees.Rate) * (lane.LastClose / lane.FirstClose) - capital : 0m;
        var candles = lane.Market.Candles;
        return new BacktestResult
        {
            Market = lane.Symbol,
            DataFile = lane.Market.DataFile,
            Candles = lane.Count,
            Interval = interval,
            From = DateTimeOffset.FromUnixTimeMilliseconds(candles[0].OpenTimeMs),
            To = DateTimeOffset.FromUnixTimeMilliseconds(lane.LastOpenTimeMs),
            RoundTrips = ledger.RoundTripCountOf(lane.Symbol),
            RealizedPnl = ledger.RealizedPnlOf(lane.Symbol),
            GridProfit = ledger.GridPairs.ProfitOf(lane.Symbol),
            GridPairs = ledger.GridPairs.CountOf(lane.Symbol),
            Fees = ledger.FeesInQuoteOf(lane.Symbol),
            UnrealizedPnl = ledger.UnrealizedPnl(lane.Symbol, lane.LastClose),
            InitialEquity = session.InitialEquity,
            FinalEquity = session.Equity(),
            CapitalAllocated = capital,
            MaxDrawdownPct = session.MaxDrawdown * 100m,
            FillModel = o.FillModel,
            VolumeShare = o.FillModel == Core.Markets.FillModel.VolumeShare ? o.VolumeShare : null,
            BuyAndHoldPnl = buyAndHold,
            OrdersPlaced = stats.OrdersPlaced,
            FillCount = stats.FillCount,
            Rejections = stats.Rejections,
            RejectionsByReason = stats.RejectionsByReason,
            GridRebuilds = stats.Rebuilds,
            FirstPrice = lane.FirstClose,
            LastPrice = lane.LastClose,
            EquityCurve = [],
            Fills = stats.Fills,
            RoundTripDetails = [.. ledger.RoundTrips.Where(r => string.Equals(r.Market, lane.Symbol, StringComparison.OrdinalIgnoreCase))],
            Notices = stats.Notices,
            NoticeCount = stats.NoticeCount,
            TimeInMarketPct = lane.Activity.TimeInMarketPct,
            PeakCapitalUsed = lane.Activity.PeakCapitalUsed,
            BreakerOpenDays = lane.Activity.BreakerOpenDays,
            GridStoppedDays = lane.Activity.GridStoppedDays,
            ElapsedMs = elapsedMs,
        };
    }
}
