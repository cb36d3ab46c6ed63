using System.Diagnostics;
using System.Globalization;
using GridTrader.Core.MarketData;
using GridTrader.Core.Markets;

namespace GridTrader.Engine.Backtesting;

/// <summary>
/// Replays candles through the same strategy, risk and order-lifecycle code as live trading, against the
/// simulated exchange on a virtual clock. Only the exchange and the clock differ from live.
/// </summary>
/// <remarks>
/// Per candle: the exchange walks the candle's path and fills resting orders (bullish O→L→H→C, bearish O→H→L→C);
/// the fills are applied; then the strategy sees the closed candle and places or cancels orders at the close, which
/// can therefore only fill from the next candle on (a marketable order fills at once at the close, as taker).
/// </remarks>
public sealed class Backtester
{
    /// <summary>How the simulated exchange walks a candle and fills with <paramref name="model"/>, for reports.</summary>
    /// <param name="model">The fill model of the run.</param>
    /// <param name="volumeShare">With <see cref="FillModel.VolumeShare"/>, the share of each candle's volume allowed.</param>
    public static string FillRule(FillModel model, decimal? volumeShare = null)
    {
        var when = model switch
        {
            FillModel.Touch => "when the path touches it",
            FillModel.TradeThrough => "only when the path trades through it by at least one tick",
            FillModel.VolumeShare => string.Create(CultureInfo.InvariantCulture,
                $"only when the path trades through it by at least one tick, and all resting orders together take at most {(volumeShare ?? 0m) * 100m:0.####}% of the candle's volume (the rest keeps resting)"),
            _ => throw new ArgumentOutOfRangeException(nameof(model), model, "Unknown fill model."),
        };
        return $"{model.Name()}: bullish candle O→L→H→C, bearish O→H→L→C; a resting order fills at its limit (maker) {when}; " +
               "orders placed at a candle's close can fill from the next candle on";
    }

    private readonly BacktestOptions _options;

    public Backtester(BacktestOptions options) => _options = options ?? throw new ArgumentNullException(nameof(options));

    public BacktestOptions Options => _options;

    /// <summary>
    /// Runs the backtest over <paramref name="candles"/> (ascending time). A sequence is streamed, so memory does not grow
    /// with its length; an array (say, loaded once for a parameter sweep) is walked in place without copies.
    /// </summary>
    public async Task<BacktestResult> RunAsync(IEnumerable<Candle> candles, IProgress<long>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(candles);
        var stopwatch = Stopwatch.StartNew();

        // Candles are passed as the data holds them; the session's driver puts them on the market's scale.
        if (candles is Candle[] array)
        {
            if (array.Length == 0) return Empty(stopwatch);
            var session = await StartAsync(array[0], array.Length > 1 ? array[1].OpenTimeMs : null, ct);
            for (var i = 0; i < array.Length; i++)
            {
                ct.ThrowIfCancellationRequested();
                await session.StepAsync(in array[i]);
                if ((i & 0xFFFF) == 0xFFFF) progress?.Report(session.Count);
            }

            return Finish(session, progress, stopwatch);
        }

        using var enumerator = candles.GetEnumerator();
        if (!enumerator.MoveNext()) return Empty(stopwatch);
        var head = enumerator.Current;
        // The second candle is read before the first is stepped: without a configured interval it tells the bar length.
        var hasNext = enumerator.MoveNext();
        var streamed = await StartAsync(head, hasNext ? enumerator.Current.OpenTimeMs : null, ct);
        await streamed.StepAsync(head);
        while (hasNext)
        {
            ct.ThrowIfCancellationRequested();
            await streamed.StepAsync(enumerator.Current);
            if ((streamed.Count & 0xFFFF) == 0) progress?.Report(streamed.Count);
            hasNext = enumerator.MoveNext();
        }

        return Finish(streamed, progress, stopwatch);
    }

    private async Task<BacktestSession> StartAsync(Candle first, long? secondOpenTimeMs, CancellationToken ct)
    {
        var interval = _options.CandleInterval ?? (secondOpenTimeMs > first.OpenTimeMs
            ? TimeSpan.FromMilliseconds(secondOpenTimeMs.Value - first.OpenTimeMs)
            : TimeSpan.FromMinutes(1));
        var session = new BacktestSession(_options, first, interval, ct);
        await session.StartAsync();
        return session;
    }

    private BacktestResult Finish(BacktestSession session, IProgress<long>? progress, Stopwatch stopwatch)
    {
        progress?.Report(session.Count);
        var o = _options;
        var info = o.Market;
        var ledger = session.Ledger;
        var stats = session.Stats;
        var lastPrice = session.LastClose;
        var capital = session.Capital;
        var finalEquity = session.Equity();
        var buyAndHold = capital * (1 - o.Fees.Rate) * (lastPrice / session.FirstClose) - capital;
        stopwatch.Stop();
        return new BacktestResult
        {
            Market = info.Symbol,
            Candles = session.Count,
            Interval = session.Interval,
            From = DateTimeOffset.FromUnixTimeMilliseconds(session.FirstOpenTimeMs),
            To = DateTimeOffset.FromUnixTimeMilliseconds(session.LastOpenTimeMs),
            RoundTrips = ledger.RoundTrips.Count,
            RealizedPnl = ledger.RealizedPnl,
            GridProfit = ledger.GridPairs.Profit,
            GridPairs = ledger.GridPairs.Count,
            Fees = ledger.FeesInQuote,
            UnrealizedPnl = ledger.UnrealizedPnl(info.Symbol, lastPrice),
            InitialEquity = session.InitialEquity,
            FinalEquity = finalEquity,
            CapitalAllocated = capital,
            MaxDrawdownPct = session.MaxDrawdown * 100m,
            FillModel = o.FillModel,
            VolumeShare = VolumeShareOf(o),
            BuyAndHoldPnl = buyAndHold,
            OrdersPlaced = stats.OrdersPlaced,
            FillCount = stats.FillCount,
            Rejections = stats.Rejections,
            RejectionsByReason = stats.RejectionsByReason,
            GridRebuilds = stats.Rebuilds,
            FirstPrice = session.FirstClose,
            LastPrice = lastPrice,
            EquityCurve = session.EquityCurve(),
            Fills = stats.Fills,
            RoundTripDetails = ledger.RoundTrips,
            Notices = stats.Notices,
            NoticeCount = stats.NoticeCount,
            TimeInMarketPct = session.Activity.TimeInMarketPct,
            PeakCapitalUsed = session.Activity.PeakCapitalUsed,
            BreakerOpenDays = session.Activity.BreakerOpenDays,
            GridStoppedDays = session.Activity.GridStoppedDays,
            ElapsedMs = stopwatch.Elapsed.TotalMilliseconds,
        };
    }

    private static decimal? VolumeShareOf(BacktestOptions o) => o.FillModel == FillModel.VolumeShare ? o.VolumeShare : null;

    private BacktestResult Empty(Stopwatch stopwatch) => new()
    {
        Market = _options.Market.Symbol,
        Candles = 0,
        Interval = _options.CandleInterval ?? TimeSpan.Zero,
        From = null,
        To = null,
        RoundTrips = 0,
        RealizedPnl = 0,
        Fees = 0,
        UnrealizedPnl = 0,
        InitialEquity = _options.InitialQuote,
        FinalEquity = _options.InitialQuote,
        CapitalAllocated = 0,
        MaxDrawdownPct = 0,
        FillModel = _options.FillModel,
        VolumeShare = VolumeShareOf(_options),
        BuyAndHoldPnl = 0,
        OrdersPlaced = 0,
        FillCount = 0,
        Rejections = 0,
        RejectionsByReason = new Dictionary<string, int>(),
        GridRebuilds = 0,
        FirstPrice = 0,
        LastPrice = 0,
        EquityCurve = [],
        Fills = [],
        RoundTripDetails = [],
        Notices = [],
        NoticeCount = 0,
        ElapsedMs = stopwatch.Elapsed.TotalMilliseconds,
    };
}
