using GridTrader.Core.Accounting;
using GridTrader.Core.MarketData;
using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Core.Persistence;
using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;
using GridTrader.Engine.Simulation;
using GridTrader.Engine.Trading;
using GridTrader.Exchanges.Simulation;

namespace GridTrader.Engine.Backtesting;

/// <summary>
/// One backtest run: the trading core wired to a matching engine and the virtual clock, stepped one candle at a time by
/// the <see cref="CandleDriver"/> (the same driver as the demo run).
/// </summary>
/// <remarks>
/// Every engine call the step makes is the live code path, and every one of them may be asynchronous. On the simulated
/// exchange they all complete at once, and on most candles nothing at all follows from the candle, so
/// <see cref="StepAsync"/> runs synchronously and only continues in an async method when a call did not complete or
/// something has to settle (fills, placements, expiries). The order of the calls is the same on both paths.
/// </remarks>
internal sealed class BacktestSession
{
    private static readonly TimeSpan ExpiryCheckInterval = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan PruneInterval = TimeSpan.FromDays(1);
    private static readonly TimeSpan PruneAge = TimeSpan.FromDays(2);

    /// <summary>Rounds of fills → counter-orders settled within one candle (marketable counter-orders fill at once).</summary>
    private const int SettleRounds = 4;

    private readonly MarketInfo _info;
    private readonly string _symbol;
    private readonly VirtualClock _clock;
    private readonly CandleDriver _driver;
    private readonly MatchingEngine _matching;
    private readonly OrderTracker _tracker;
    private readonly Ledger _ledger;
    private readonly BacktestStats _stats;
    private readonly TradingCore _core;
    private readonly MarketSlot _slot;
    private readonly List<SimFill> _fillBuffer = [];
    private readonly EquityCurve _curve;
    private readonly MatchingEngineAccount _account;
    private readonly MarketActivity _activity = new();
    private readonly TimeSpan _interval;
    private readonly long _intervalMs;
    private readonly long _expiryCheckMs = (long)ExpiryCheckInterval.TotalMilliseconds;
    private readonly long _pruneMs = (long)PruneInterval.TotalMilliseconds;
    private readonly bool _expires;
    private readonly CancellationToken _ct;
    private DrawdownTracker _drawdown;
    private long _nextExpiryCheckMs;
    private long _nextPruneMs;
    private decimal _baseHeld;
    private decimal _openBuys;

    // firstSource: the first candle of the data before scaling; it sets the start time and the starting prices.
    public BacktestSession(BacktestOptions options, in Candle firstSource, TimeSpan interval, CancellationToken ct)
    {
        _info = options.Market;
        _symbol = _info.Symbol;
        _interval = interval;
        _intervalMs = (long)interval.TotalMilliseconds;
        _ct = ct;
        var scale = new CandleScale(options.PriceMultiplier);
        var first = scale.Apply(firstSource);
        _clock = new VirtualClock(first.OpenTime);
        _matching = new MatchingEngine(new MatchingEngineOptions
        {
            FeeRate = options.Fees.Rate,
            FeeCurrency = options.Fees.Policy,
            FillModel = options.FillModel,
            VolumeParticipation = options.FillModel == FillModel.VolumeShare ? options.VolumeShare : null,
            CandleInterval = interval,
            RecordPathTrades = false,
            RecordCandleTape = false,
        });
        _matching.AddMarket(_info);
        if (options.InitialQuote > 0) _matching.Deposit(_info.QuoteCurrency, options.InitialQuote);
        if (options.InitialBase > 0) _matching.Deposit(_info.BaseCurrency, options.InitialBase);
        var exchange = new SimulatedExchange(_matching, _clock);
        _driver = new CandleDriver(_matching, _clock, _symbol, interval, scale);
        var account = new MatchingEngineAccount(_matching);
        _account = account;

        _ledger = new Ledger(new Dictionary<string, decimal> { [_info.QuoteCurrency] = options.InitialQuote, [_info.BaseCurrency] = options.InitialBase });
        _ledger.RegisterMarket(_symbol, _info.BaseCurrency, _info.QuoteCurrency, first.Open);
        InitialEquity = Portfolio.EquityOf(account, [_info], static m => m, _ => first.Open);
        var basis = CapitalBasis.Start(options.Budget ?? MarketBudget.Fraction(options.CapitalFraction), InitialEquity,
            options.Risk.MaxCapitalPerMarket, gridProfitSoFar: 0m);
        Capital = basis.Capital(0m);

        Risk = new RiskManager(options.Risk with { DryRun = false });
        Risk.UseCandleInterval(_symbol, interval);
        _stats = new BacktestStats(options.CollectFills);
        var settings = new EngineSettings { Fees = options.Fees, OrderTimeToLive = options.OrderTimeToLive, RejectCooldown = interval };
        _tracker = new OrderTracker();
        _core = new TradingCore(exchange, account, Risk, _tracker, _ledger, NullEngineStore.Instance, _stats, settings, _clock);
        var strategy = new GridStrategy(_info, options.Grid, Capital, options.Fees, _clock, options.InitialBase,
            new TrendTimeframe(interval, options.TrendInterval ?? TimeSpan.Zero));
        _slot = _core.AddMarket(_info, strategy, basis);

        _curve = new EquityCurve(options.MaxEquityPoints);
        _drawdown = new DrawdownTracker(InitialEquity);
        _expires = options.OrderTimeToLive is not null;
        _nextExpiryCheckMs = first.OpenTimeMs + _expiryCheckMs;
        _nextPruneMs = first.OpenTimeMs + _pruneMs;
        FirstOpenTimeMs = first.OpenTimeMs;
        FirstClose = first.Close;
    }

    public RiskManager Risk { get; }
    public Ledger Ledger => _ledger;
    public BacktestStats Stats => _stats;
    public decimal InitialEquity { get; }
    public decimal Capital { get; }
    public TimeSpan Interval => _interval;
    public long Count { get; private set; }
    public long FirstOpenTimeMs { get; }
    public decimal FirstClose { get; }
    public long LastOpenTimeMs { get; private set; }
    public decimal LastClose { get; private set; }
    public decimal MaxDrawdown => _drawdown.Max;

    /// <summary>Time in market, peak capital used, days with the breaker open or the grid stopped.</summary>
    public MarketActivity Activity => _activity;
    public IReadOnlyList<EquityPoint> EquityCurve() => _curve.Points();

    /// <summary>Equity now, at the last close: the portfolio's one equity rule.</summary>
    public decimal Equity() => _core.Portfolio.Equity();

    /// <summary>Moves the bot to Running, as a live start does after reconciling.</summary>
    public async ValueTask StartAsync()
    {
        await _core.Control.MoveToAsync(BotState.Starting, "backtest start", _ct);
        await _core.Control.MoveToAsync(BotState.Running, "backtest running", _ct);
    }

    /// <summary>
    /// One candle of source data: the driver walks its path through the exchange, which fills what it crosses; those
    /// fills are applied; the strategy sees the closed candle and acts at the close; what that executes at once
    /// settles; then equity and expiries.
    /// </summary>
    public ValueTask StepAsync(in Candle source)
    {
        Count++;
        var candle = _driver.Step(source);
        var closeMs = candle.OpenTimeMs + _intervalMs;
        if (_matching.PendingFillCount > 0) return FillsThenCandleAsync(candle, closeMs);

        var onCandle = _core.OnCandleAsync(_slot, candle, _ct);
        if (!onCandle.IsCompletedSuccessfully) return SettleAsync(onCandle, candle.OpenTimeMs, candle.Close, closeMs, acted: false);
        if (_matching.PendingFillCount > 0 || _stats.ConsumeActivity())
            return SettleAsync(onCandle, candle.OpenTimeMs, candle.Close, closeMs, acted: true);
        return CloseCandle(candle.OpenTimeMs, candle.Close, closeMs);
    }

    private async ValueTask FillsThenCandleAsync(Candle candle, long closeMs)
    {
        await ApplyFillsAsync();
        await SettleAsync(_core.OnCandleAsync(_slot, candle, _ct), candle.OpenTimeMs, candle.Close, closeMs, acted: false);
    }

    /// <summary>
    /// Orders that executed at once, and the counter-orders for them, settle before the next candle.
    /// <paramref name="acted"/>: the caller already saw (and consumed) the engine's activity flag.
    /// </summary>
    private async ValueTask SettleAsync(ValueTask onCandle, long openMs, decimal close, long closeMs, bool acted)
    {
        await onCandle;
        if (acted || _matching.PendingFillCount > 0 || _stats.ConsumeActivity())
        {
            for (var round = 0; round < SettleRounds && _matching.PendingFillCount > 0; round++)
            {
                await ApplyFillsAsync();
                await _core.EvaluateAsync(_slot, _ct);
            }
        }

        await CloseCandle(openMs, close, closeMs);
    }

    /// <summary>Equity at the close feeds the drawdown figures, the drawdown stop and the curve; then periodic upkeep.</summary>
    private ValueTask CloseCandle(long openMs, decimal close, long closeMs)
    {
        var equity = _core.Portfolio.Equity();
        _drawdown.Add(equity);
        _curve.Add(openMs, equity, close);
        SampleActivity(openMs, close);
        LastOpenTimeMs = openMs;
        LastClose = close;
        var onEquity = _core.OnEquityAsync(equity, _ct);
        if (!onEquity.IsCompletedSuccessfully) return UpkeepAfterAsync(onEquity, closeMs);
        return closeMs >= _nextExpiryCheckMs ? Upkeep(closeMs) : default;
    }

    /// <summary>The report's sample; the base held and the open buys are read again only after an order event or a fill.</summary>
    private void SampleActivity(long openMs, decimal close)
    {
        if (_stats.ConsumeOrderChange())
        {
            _baseHeld = _account.Total(_info.BaseCurrency);
            _openBuys = _tracker.OpenBuyValue(_symbol);
        }

        _activity.Add(openMs, _baseHeld, close, _openBuys, Risk.OpenBreakers.Count > 0 && Risk.IsBreakerOpen(_symbol),
            _slot.Strategy.Phase == GridPhase.Stopped);
    }

    private async ValueTask UpkeepAfterAsync(ValueTask onEquity, long closeMs)
    {
        await onEquity;
        if (closeMs >= _nextExpiryCheckMs) await Upkeep(closeMs);
    }

    /// <summary>Every 15 minutes of data: expire orders past their time-to-live; once a day: forget old final orders.</summary>
    private ValueTask Upkeep(long closeMs)
    {
        _nextExpiryCheckMs = closeMs + _expiryCheckMs;
        if (closeMs >= _nextPruneMs)
        {
            // Final orders are kept a while for late lookups, then dropped so memory stays flat.
            _nextPruneMs = closeMs + _pruneMs;
            _tracker.PruneFinal(_clock.GetUtcNow() - PruneAge);
        }

        if (!_expires) return default;
        var expire = _core.Orders.ExpireDueAsync(_ct);
        return expire.IsCompletedSuccessfully && _matching.PendingFillCount == 0 ? default : AfterExpiryAsync(expire);
    }

    private async ValueTask AfterExpiryAsync(ValueTask expire)
    {
        await expire;
        if (_matching.PendingFillCount > 0) await ApplyFillsAsync();
    }

    private async ValueTask ApplyFillsAsync()
    {
        var buffer = _fillBuffer;
        buffer.Clear();
        _matching.DrainFills(buffer);
        foreach (var fill in buffer)
        {
            var order = _tracker.FindByExchangeId(fill.OrderId);
            if (order is null) continue;
            await _core.Fills.ApplySnapshotAsync(order, fill.Matched, fill.Remaining, order.Amount - fill.Matched - fill.Remaining, fill.Price, fill.Fee, _ct);
        }
    }
}
