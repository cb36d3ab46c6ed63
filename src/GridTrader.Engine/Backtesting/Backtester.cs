using System.Diagnostics;
using GridTrader.Core.Accounting;
using GridTrader.Core.MarketData;
using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Core.Persistence;
using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;
using GridTrader.Engine.Trading;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Exchanges.Simulation;

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
    private static readonly TimeSpan ExpiryCheckInterval = TimeSpan.FromMinutes(15);
    private readonly BacktestOptions _options;

    public Backtester(BacktestOptions options) => _options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Runs the backtest over <paramref name="candles"/> (ascending time, streamed: memory does not grow with their number).</summary>
    public async Task<BacktestResult> RunAsync(IEnumerable<Candle> candles, IProgress<long>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(candles);
        var o = _options;
        var info = o.Market;
        var symbol = info.Symbol;
        var stopwatch = Stopwatch.StartNew();

        using var enumerator = candles.GetEnumerator();
        if (!enumerator.MoveNext()) return Empty(stopwatch.Elapsed.TotalMilliseconds);
        var first = Scale(enumerator.Current);
        var hasSecond = enumerator.MoveNext();
        var second = hasSecond ? Scale(enumerator.Current) : default;
        var interval = o.CandleInterval ?? (hasSecond && second.OpenTimeMs > first.OpenTimeMs
            ? TimeSpan.FromMilliseconds(second.OpenTimeMs - first.OpenTimeMs)
            : TimeSpan.FromMinutes(1));

        var clock = new BacktestClock(first.OpenTime);
        var matching = new MatchingEngine(new MatchingEngineOptions
        {
            FeeRate = o.Fees.Rate,
            FeeCurrency = o.Fees.Policy == Core.Accounting.FeeCurrencyPolicy.Quote ? Exchanges.Simulation.FeeCurrencyPolicy.Quote : Exchanges.Simulation.FeeCurrencyPolicy.Received,
            VolumeParticipation = o.VolumeParticipation is > 0 ? o.VolumeParticipation : null,
            CandleInterval = interval,
            RecordPathTrades = false,
        });
        matching.AddMarket(info);
        if (o.InitialQuote > 0) matching.Deposit(info.QuoteCurrency, o.InitialQuote);
        if (o.InitialBase > 0) matching.Deposit(info.BaseCurrency, o.InitialBase);
        var exchange = new SimulatedExchange(matching, clock);

        var ledger = new Ledger(new Dictionary<string, decimal> { [info.QuoteCurrency] = o.InitialQuote, [info.BaseCurrency] = o.InitialBase });
        ledger.RegisterMarket(symbol, info.BaseCurrency, info.QuoteCurrency, first.Open);
        var initialEquity = o.InitialQuote + o.InitialBase * first.Open;
        var capital = initialEquity * o.CapitalFraction;

        var risk = new RiskManager(o.Risk with { DryRun = false });
        var stats = new StatsObserver(o.CollectFills);
        var settings = new EngineSettings { Fees = o.Fees, OrderTimeToLive = o.OrderTimeToLive, RejectCooldown = interval };
        var tracker = new OrderTracker();
        var core = new TradingCore(exchange, new MatchingEngineAccount(matching), risk, tracker, ledger, NullEngineStore.Instance, stats,
            settings, clock);
        var strategy = new GridStrategy(info, o.Grid, capital, o.Fees, clock, o.InitialBase);
        var slot = core.AddMarket(info, strategy);
        await core.MoveToAsync(BotState.Starting, "backtest start", ct);
        await core.MoveToAsync(BotState.Running, "backtest running", ct);

        var fills = new List<SimFill>();
        var curve = new EquityCurve(o.MaxEquityPoints);
        long count = 0;
        var peak = initialEquity;
        var maxDrawdown = 0m;
        var quote = o.InitialQuote;
        var baseHeld = o.InitialBase;
        var nextExpiryCheck = clock.GetUtcNow() + ExpiryCheckInterval;
        var intervalMs = (long)interval.TotalMilliseconds;
        var last = first;
        var current = first;
        var pendingSecond = hasSecond;
        var done = false;

        while (!done)
        {
            ct.ThrowIfCancellationRequested();
            count++;
            clock.Set(current.OpenTime);
            matching.ProcessCandle(symbol, current, interval);
            clock.Set(DateTimeOffset.FromUnixTimeMilliseconds(current.OpenTimeMs + intervalMs));
            if (matching.PendingFillCount > 0) (quote, baseHeld) = await ApplyFillsAsync(core, matching, tracker, ledger, info, fills, ct);

            await core.OnCandleAsync(slot, current, ct);
            if (matching.PendingFillCount > 0 || stats.ConsumeActivity())
            {
                // Orders that executed at once, and counter-orders for them, settle before the next candle.
                for (var round = 0; round < 4 && matching.PendingFillCount > 0; round++)
                {
                    (quote, baseHeld) = await ApplyFillsAsync(core, matching, tracker, ledger, info, fills, ct);
                    await core.EvaluateAsync(slot, ct);
                }

                quote = ledger.Balance(info.QuoteCurrency);
                baseHeld = ledger.Balance(info.BaseCurrency);
            }

            var equity = quote + baseHeld * current.Close;
            if (equity > peak) peak = equity;
            else if (peak > 0)
            {
                var dd = (peak - equity) / peak;
                if (dd > maxDrawdown) maxDrawdown = dd;
            }

            await core.OnEquityAsync(equity, ct);
            curve.Add(current.OpenTimeMs, equity, current.Close);

            if (clock.GetUtcNow() >= nextExpiryCheck)
            {
                nextExpiryCheck = clock.GetUtcNow() + ExpiryCheckInterval;
                if (o.OrderTimeToLive is not null) await core.ExpireDueAsync(ct);
                if (matching.PendingFillCount > 0) (quote, baseHeld) = await ApplyFillsAsync(core, matching, tracker, ledger, info, fills, ct);
                tracker.PruneFinal(clock.GetUtcNow() - TimeSpan.FromDays(2));
            }

            if ((count & 0xFFFF) == 0) progress?.Report(count);
            last = current;

            if (pendingSecond)
            {
                current = second;
                pendingSecond = false;
            }
            else if (enumerator.MoveNext())
            {
                current = Scale(enumerator.Current);
            }
            else
            {
                done = true;
            }
        }

        progress?.Report(count);
        var lastPrice = last.Close;
        var finalEquity = ledger.Balance(info.QuoteCurrency) + ledger.Balance(info.BaseCurrency) * lastPrice;
        var buyAndHold = capital * (1 - o.Fees.Rate) * (lastPrice / first.Close) - capital;
        stopwatch.Stop();
        return new BacktestResult
        {
            Market = symbol,
            Candles = count,
            From = first.OpenTime,
            To = last.OpenTime,
            RoundTrips = ledger.RoundTrips.Count,
            RealizedPnl = ledger.RealizedPnl,
            Fees = ledger.FeesInQuote,
            UnrealizedPnl = ledger.UnrealizedPnl(symbol, lastPrice),
            InitialEquity = initialEquity,
            FinalEquity = finalEquity,
            CapitalAllocated = capital,
            MaxDrawdownPct = maxDrawdown * 100m,
            BuyAndHoldPnl = buyAndHold,
            OrdersPlaced = stats.OrdersPlaced,
            FillCount = stats.FillCount,
            Rejections = stats.Rejections,
            RejectionsByReason = stats.RejectionsByReason,
            GridRebuilds = stats.Rebuilds,
            FirstPrice = first.Close,
            LastPrice = lastPrice,
            EquityCurve = curve.Points(),
            Fills = stats.Fills,
            RoundTripDetails = ledger.RoundTrips,
            Notices = stats.Notices,
            ElapsedMs = stopwatch.Elapsed.TotalMilliseconds,
        };

        Candle Scale(Candle c) => o.PriceMultiplier == 1m
            ? c
            : new Candle(c.OpenTimeMs, c.Open * o.PriceMultiplier, c.High * o.PriceMultiplier, c.Low * o.PriceMultiplier,
                c.Close * o.PriceMultiplier, c.Volume);
    }

    private static async ValueTask<(decimal Quote, decimal Base)> ApplyFillsAsync(TradingCore core, MatchingEngine matching, OrderTracker tracker,
        Ledger ledger, MarketInfo info, List<SimFill> buffer, CancellationToken ct)
    {
        buffer.Clear();
        matching.DrainFills(buffer);
        foreach (var fill in buffer)
        {
            var order = tracker.FindByExchangeId(fill.OrderId);
            if (order is null) continue;
            await core.ApplySnapshotAsync(order, fill.Matched, fill.Remaining, order.Amount - fill.Matched - fill.Remaining, fill.Price, fill.Fee, ct);
        }

        return (ledger.Balance(info.QuoteCurrency), ledger.Balance(info.BaseCurrency));
    }

    private BacktestResult Empty(double elapsedMs) => new()
    {
        Market = _options.Market.Symbol,
        Candles = 0,
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
        ElapsedMs = elapsedMs,
    };

    /// <summary>Counts what the engine did; keeps fills and notices for the report.</summary>
    private sealed class StatsObserver(bool collectFills) : IEngineObserver
    {
        private readonly Dictionary<string, int> _rejections = new(StringComparer.Ordinal);
        private bool _activity;

        public int OrdersPlaced { get; private set; }
        public int FillCount { get; private set; }
        public int Rejections { get; private set; }
        public int Rebuilds { get; private set; }
        public IReadOnlyDictionary<string, int> RejectionsByReason => _rejections;
        public List<Fill> Fills { get; } = [];
        public List<StrategyNotice> Notices { get; } = [];

        /// <summary>True once after the engine placed or cancelled something (the candle then settles).</summary>
        public bool ConsumeActivity()
        {
            var a = _activity;
            _activity = false;
            return a;
        }

        public void OnOrderEvent(TrackedOrder order, OrderEvent e)
        {
            if (e is OrderStateChanged { To: OrderState.Open }) OrdersPlaced++;
            _activity = true;
        }

        public void OnFill(Fill fill, decimal realizedPnl)
        {
            FillCount++;
            if (collectFills) Fills.Add(fill);
        }

        public void OnPlacementRejected(PlaceOrderAction action, RiskDecision decision)
        {
            Rejections++;
            _rejections[decision.Code] = _rejections.GetValueOrDefault(decision.Code) + 1;
        }

        public void OnExchangeError(string operation, string market, ExchangeError error)
        {
            Rejections++;
            var key = $"exchange-{error.Kind}";
            _rejections[key] = _rejections.GetValueOrDefault(key) + 1;
        }

        public void OnNotice(StrategyNotice notice)
        {
            if (notice.Name == StrategyNotice.Recentering) Rebuilds++;
            if (Notices.Count < 10_000) Notices.Add(notice);
        }
    }

    /// <summary>Balances straight from the matching engine (holds included).</summary>
    private sealed class MatchingEngineAccount(MatchingEngine engine) : IAccountView
    {
        public decimal Total(string currency) => engine.GetBalance(currency).Total;

        public decimal Available(string currency) => engine.GetBalance(currency).Available;
    }

    /// <summary>An equity curve with a bounded number of points: when full, every other point is dropped and the stride doubles.</summary>
    private sealed class EquityCurve(int capacity)
    {
        private readonly List<EquityPoint> _points = new(capacity);
        private long _stride = 1;
        private long _seen;
        private EquityPoint _last;

        public void Add(long timeMs, decimal equity, decimal price)
        {
            _last = new EquityPoint(timeMs, equity, price);
            if (_seen++ % _stride != 0) return;
            if (_points.Count >= capacity)
            {
                for (var i = 0; i < _points.Count / 2; i++) _points[i] = _points[2 * i];
                _points.RemoveRange(_points.Count / 2, _points.Count - _points.Count / 2);
                _stride *= 2;
                if ((_seen - 1) % _stride != 0) return;
            }

            _points.Add(_last);
        }

        public IReadOnlyList<EquityPoint> Points()
        {
            var result = new List<EquityPoint>(_points);
            if (result.Count == 0 || result[^1].TimeMs != _last.TimeMs) result.Add(_last);
            return result;
        }
    }
}
