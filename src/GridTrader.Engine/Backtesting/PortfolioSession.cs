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
/// A backtest of several markets on one account: one matching engine holding every market and the account's balances,
/// one trading core with a slot per market (so the risk manager's per-market cap and total exposure ceiling see every
/// market, as live), one driver per market on one virtual clock. A step is one open time: each market with a candle at
/// that time walks it, applies its fills, closes it in the strategy and settles, in the order the markets were given;
/// then the account's equity feeds the drawdown figures, the drawdown stop and the curve.
/// </summary>
/// <remarks>
/// The single-market <see cref="BacktestSession"/> stays its own, tuned path (its results are the golden ones); this
/// session calls the same engine parts in the same order per candle.
/// </remarks>
internal sealed class PortfolioSession
{
    private static readonly TimeSpan ExpiryCheckInterval = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan PruneAge = TimeSpan.FromDays(2);
    private const long DayMs = 86_400_000;
    private const int SettleRounds = 4;

    private readonly VirtualClock _clock;
    private readonly MatchingEngine _matching;
    private readonly MatchingEngineAccount _account;
    private readonly OrderTracker _tracker;
    private readonly TradingCore _core;
    private readonly PortfolioObserver _observer;
    private readonly List<SimFill> _fillBuffer = [];
    private readonly EquityCurve _curve;
    private readonly long _intervalMs;
    private readonly bool _expires;
    private readonly CancellationToken _ct;
    private DrawdownTracker _drawdown;
    private long _nextExpiryCheckMs;
    private long _nextPruneMs;

    public PortfolioSession(IReadOnlyList<PortfolioMarket> markets, TimeSpan interval, CancellationToken ct)
    {
        var account = markets[0].Options;
        _intervalMs = (long)interval.TotalMilliseconds;
        _ct = ct;
        var start = markets.Min(m => m.Candles[0].OpenTimeMs);
        _clock = new VirtualClock(DateTimeOffset.FromUnixTimeMilliseconds(start));
        _matching = new MatchingEngine(new MatchingEngineOptions
        {
            FeeRate = account.Fees.Rate,
            FeeCurrency = account.Fees.Policy,
            FillModel = account.FillModel,
            VolumeParticipation = account.FillModel == FillModel.VolumeShare ? account.VolumeShare : null,
            CandleInterval = interval,
            RecordPathTrades = false,
            RecordCandleTape = false,
        });
        var balances = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase) { [account.Market.QuoteCurrency] = account.InitialQuote };
        foreach (var m in markets)
        {
            _matching.AddMarket(m.Options.Market);
            balances[m.Options.Market.BaseCurrency] = balances.GetValueOrDefault(m.Options.Market.BaseCurrency) + m.Options.InitialBase;
        }

        foreach (var (currency, amount) in balances)
        {
            if (amount > 0) _matching.Deposit(currency, amount);
        }

        var exchange = new SimulatedExchange(_matching, _clock);
        _account = new MatchingEngineAccount(_matching);
        Ledger = new Ledger(balances);
        Lanes = [.. markets.Select(m => new Lane(m, new CandleScale(m.Options.PriceMultiplier)))];
        foreach (var lane in Lanes) Ledger.RegisterMarket(lane.Symbol, lane.Info.BaseCurrency, lane.Info.QuoteCurrency, lane.FirstOpen);
        InitialEquity = Portfolio.EquityOf(_account, Lanes, static l => l.Info, static l => l.FirstOpen);

        Risk = new RiskManager(account.Risk with { DryRun = false });
        _observer = new PortfolioObserver(Lanes.ToDictionary(l => l.Symbol, l => l.Stats, StringComparer.OrdinalIgnoreCase));
        var settings = new EngineSettings { Fees = account.Fees, OrderTimeToLive = account.OrderTimeToLive, RejectCooldown = interval };
        _tracker = new OrderTracker();
        _core = new TradingCore(exchange, _account, Risk, _tracker, Ledger, NullEngineStore.Instance, _observer, settings, _clock);
        foreach (var lane in Lanes)
        {
            var o = lane.Options;
            // Each market's capital is its budget (a fraction of the whole account's equity, or a fixed amount, within the
            // per-market cap), as live allocates it.
            var basis = CapitalBasis.Start(o.Budget ?? MarketBudget.Fraction(o.CapitalFraction), InitialEquity, account.Risk.MaxCapitalPerMarket,
                gridProfitSoFar: 0m);
            lane.Capital = basis.Capital(0m);
            Risk.UseCandleInterval(lane.Symbol, interval);
            // The trend on its own interval aggregates the market's candles, as in a single run.
            var strategy = new GridStrategy(lane.Info, o.Grid, lane.Capital, o.Fees, _clock, o.InitialBase,
                new TrendTimeframe(interval, o.TrendInterval ?? TimeSpan.Zero));
            lane.Driver = new CandleDriver(_matching, _clock, lane.Symbol, interval, lane.Scale);
            lane.Slot = _core.AddMarket(lane.Info, strategy, basis);
        }

        _observer.Attach(_core.Portfolio, [.. Lanes.Select(l => l.Slot!)]);
        _curve = new EquityCurve(account.MaxEquityPoints);
        _drawdown = new DrawdownTracker(InitialEquity);
        _expires = account.OrderTimeToLive is not null;
        _nextExpiryCheckMs = start + (long)ExpiryCheckInterval.TotalMilliseconds;
        _nextPruneMs = start + DayMs;
    }

    public IReadOnlyList<Lane> Lanes { get; }
    public RiskManager Risk { get; }
    public Ledger Ledger { get; }
    public decimal InitialEquity { get; }
    public decimal MaxDrawdown => _drawdown.Max;

    /// <summary>The account's activity: in the market while any market holds base; days with any breaker open or any grid stopped.</summary>
    public MarketActivity Activity { get; } = new();
    public decimal PeakExposure { get; private set; }
    public decimal PeakExposureFraction { get; private set; }
    public decimal PeakExposureFractionAtPlacement => _observer.PeakFractionAtPlacement;
    public IReadOnlyList<EquityPoint> EquityCurve() => _curve.Points();
    public decimal Equity() => _core.Portfolio.Equity();

    public async ValueTask StartAsync()
    {
        await _core.Control.MoveToAsync(BotState.Starting, "backtest start", _ct);
        await _core.Control.MoveToAsync(BotState.Running, "backtest running", _ct);
    }

    /// <summary>One market's candle at the current step: its path through the exchange, its fills, its close in the strategy, settling.</summary>
    public async ValueTask StepAsync(Lane lane, Candle source)
    {
        var candle = lane.Driver!.Step(source);
        lane.Count++;
        if (lane.Count == 1) lane.FirstClose = candle.Close;
        lane.LastOpenTimeMs = candle.OpenTimeMs;
        lane.LastClose = candle.Close;
        if (_matching.PendingFillCount > 0) await ApplyFillsAsync();
        await _core.OnCandleAsync(lane.Slot!, candle, _ct);
        for (var round = 0; round < SettleRounds && _matching.PendingFillCount > 0; round++)
        {
            await ApplyFillsAsync();
            await _core.EvaluateAsync(lane.Slot!, _ct);
        }
    }

    /// <summary>After every market of an open time stepped: equity, exposure, each market's activity; then upkeep.</summary>
    public async ValueTask CloseStepAsync(long openMs, Action<ExposureSample>? sample)
    {
        var portfolio = _core.Portfolio;
        var equity = portfolio.Equity();
        _drawdown.Add(equity);
        var total = 0m;
        var openBuys = 0m;
        bool held = false, breaker = false, stopped = false;
        var perMarket = sample is null ? null : new decimal[Lanes.Count];
        for (var i = 0; i < Lanes.Count; i++)
        {
            var lane = Lanes[i];
            var slot = lane.Slot!;
            var exposure = portfolio.Exposure(slot);
            total += exposure;
            if (perMarket is not null) perMarket[i] = exposure;
            if (lane.Count == 0) continue;
            var baseHeld = _account.Total(lane.Info.BaseCurrency);
            var buys = _tracker.OpenBuyValue(lane.Symbol);
            var laneBreaker = Risk.IsBreakerOpen(lane.Symbol);
            var laneStopped = slot.Strategy.Phase == GridPhase.Stopped;
            lane.Activity.Add(openMs, baseHeld, slot.LastPrice, buys, laneBreaker, laneStopped);
            openBuys += buys;
            held |= baseHeld > 0;
            breaker |= laneBreaker;
            stopped |= laneStopped;
        }

        // The account as one market: in the market while any base is held, its position worth the exposure without the buys.
        Activity.Add(openMs, held ? 1m : 0m, total - openBuys, openBuys, breaker, stopped);

        // A portfolio has no one price: its curve carries the total exposure where a single run's carries the price.
        _curve.Add(openMs, equity, total);
        if (total > PeakExposure) PeakExposure = total;
        if (equity > 0 && total / equity > PeakExposureFraction) PeakExposureFraction = total / equity;
        sample?.Invoke(new ExposureSample(openMs, equity, total, perMarket!));
        await _core.OnEquityAsync(equity, _ct);

        var closeMs = openMs + _intervalMs;
        if (closeMs < _nextExpiryCheckMs) return;
        _nextExpiryCheckMs = closeMs + (long)ExpiryCheckInterval.TotalMilliseconds;
        if (closeMs >= _nextPruneMs)
        {
            _nextPruneMs = closeMs + DayMs;
            _tracker.PruneFinal(_clock.GetUtcNow() - PruneAge);
        }

        if (!_expires) return;
        await _core.Orders.ExpireDueAsync(_ct);
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

    /// <summary>One market of the run: its data, its driver and slot, and what its report needs.</summary>
    internal sealed class Lane(PortfolioMarket market, CandleScale scale)
    {
        public PortfolioMarket Market { get; } = market;
        public BacktestOptions Options => Market.Options;
        public MarketInfo Info => Market.Options.Market;
        public string Symbol => Info.Symbol;
        public CandleScale Scale { get; } = scale;

        /// <summary>The first candle's open on the market's scale: the mark for the starting equity.</summary>
        public decimal FirstOpen { get; } = scale.Apply(market.Candles[0]).Open;
        public BacktestStats Stats { get; } = new(market.Options.CollectFills);
        public MarketActivity Activity { get; } = new();
        public CandleDriver? Driver { get; set; }
        public MarketSlot? Slot { get; set; }
        public decimal Capital { get; set; }
        public long Count { get; set; }
        public decimal FirstClose { get; set; }
        public decimal LastClose { get; set; }
        public long LastOpenTimeMs { get; set; }
    }
}
