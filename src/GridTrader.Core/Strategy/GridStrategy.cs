// Over 400 lines (about 450): the per-candle path (price → band → reconcile) and the order events share the line slots and the
// budget, and read best together. Indicators are in GridStrategy.Indicators.cs, persistence in GridStrategy.State.cs.
using GridTrader.Core.Accounting;
using GridTrader.Core.Grid;
using GridTrader.Core.Indicators;
using GridTrader.Core.MarketData;
using GridTrader.Core.Markets;

namespace GridTrader.Core.Strategy;

/// <summary>
/// The grid strategy of one market: a deterministic function of its state and the events it is given.
/// It performs no I/O and reads time only from its <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>
/// <para>
/// The grid is a set of cells. Cell i buys at line i and sells at its exit (line i+1 in the classic grid).
/// Each cell has a target amount and tracks the base it holds. On every evaluation the strategy compares what each
/// cell wants resting (a sell of everything held, a buy of the rest of the target) with the live orders, and places
/// what is missing: a filled buy at line i therefore places a sell at i+1, a filled sell at i+1 a buy at i, and a
/// partial fill places a counter-order for the filled part once it meets the market minimum. Anything below the
/// minimum stays in the cell's holdings (never lost) and joins the next order.
/// </para>
/// <para>
/// A line carries at most one live order. Buys are placed only below the current price (never chased); in a
/// downtrend, or during a volatility spike, new buys are held back (in an uptrend spike the two buys nearest the
/// price stay). Sells always rest.
/// </para>
/// <para>
/// Event methods (<see cref="OnFill"/>, <see cref="OnOrderClosed"/>, …) only update state. <see cref="OnCandle"/>,
/// <see cref="OnTicker"/> and <see cref="Evaluate"/> return the actions to take, in a buffer that is reused by the
/// next call: consume it before calling again. Every <see cref="PlaceOrderAction"/> reserves its line until the engine
/// answers with <see cref="OnOrderCreated"/> or <see cref="OnPlacementRejected"/>.
/// </para>
/// <para>
/// Moves of the whole grid — rebuilding or trailing when the price leaves the band, and stopping — are in
/// GridStrategy.Moves.cs, the indicators in GridStrategy.Indicators.cs, snapshot and restore in GridStrategy.State.cs. Every cell's coins carry what they cost (<see cref="CellBook"/>): a sell is never placed below
/// that cost after fees (unless unprofitable spacing is explicitly allowed), and buys stay within the market's budget,
/// its capital less what the coins held cost.
/// </para>
/// </remarks>
public sealed partial class GridStrategy
{
    private const long PendingOrderId = -1;

    /// <summary>First wait after a failed plan; it doubles with every further failure up to <see cref="PlanRetryMax"/>.</summary>
    public static readonly TimeSpan PlanRetryBase = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan PlanRetryMax = TimeSpan.FromHours(1);

    private readonly TimeProvider _time;
    private readonly FeeModel _fees;
    private readonly Ema _fast;
    private readonly Ema _slow;
    private readonly Atr _atr;
    private readonly RollingMean _atrMean;
    private readonly TrendFilter _trend;
    private readonly CandleAggregator? _trendCandles;
    private readonly int _trendFactor;
    private readonly List<StrategyAction> _actions = [];
    private readonly Dictionary<long, int> _orderLine = [];
    private readonly double _spikeMultiplier;

    private readonly CellBook _book = new();
    private LineSlot[] _slots = [];
    private DateTimeOffset[] _cooldownUntil = [];
    private decimal[] _lines = [];
    private decimal _openBuyValue;
    private decimal _bandLow = decimal.MaxValue;
    private decimal _bandHigh = decimal.MinValue;
    private bool _bucketBetweenLines;
    private readonly bool _hasStopPrices;
    private DateTimeOffset _nextRetry = DateTimeOffset.MaxValue;
    private bool _dirty;
    private double _previousAtr = double.NaN;
    private int _planFailures;
    private DateTimeOffset _nextPlanAttempt = DateTimeOffset.MinValue;

    // trendTimeframe: the trend's own interval (EMAs on 4h candles while the grid uses 1h); the strategy aggregates its
    // candles into trend candles. TrendTimeframe.Same (the default) measures the trend on every candle.
    public GridStrategy(MarketInfo market, GridSettings settings, decimal capitalQuote, FeeModel fees, TimeProvider time,
        decimal initialBaseInventory = 0m, TrendTimeframe trendTimeframe = default)
    {
        Market = market ?? throw new ArgumentNullException(nameof(market));
        Settings = settings ?? throw new ArgumentNullException(nameof(settings));
        // Asked once: the stop-price check runs on every candle, and most grids have neither price.
        _hasStopPrices = settings.StopLossPrice is not null || settings.TakeProfitPrice is not null;
        _fees = fees ?? throw new ArgumentNullException(nameof(fees));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        // Zero capital is a state, not a bug (an empty account): the planner refuses it with a reason and the grid waits.
        ArgumentOutOfRangeException.ThrowIfNegative(capitalQuote);
        ArgumentOutOfRangeException.ThrowIfNegative(initialBaseInventory);
        CapitalQuote = capitalQuote;
        InitialBaseInventory = initialBaseInventory;
        _fast = new Ema(settings.TrendFastPeriod);
        _slow = new Ema(settings.TrendSlowPeriod);
        _atr = new Atr(settings.AtrPeriod);
        _atrMean = new RollingMean(settings.AtrMeanWindow);
        _trend = new TrendFilter(settings.TrendThresholdPct, settings.TrendExitThresholdPct);
        _spikeMultiplier = (double)settings.VolatilitySpikeMultiplier;
        TrendTimeframe = trendTimeframe;
        _trendFactor = trendTimeframe.Factor;
        if (trendTimeframe.IsSeparate) _trendCandles = new CandleAggregator(trendTimeframe.CandleInterval, trendTimeframe.TrendInterval);
    }

    /// <summary>The grid's candle interval and the trend's (equal unless the trend runs on longer candles).</summary>
    public TrendTimeframe TrendTimeframe { get; }

    public MarketInfo Market { get; }
    public GridSettings Settings { get; }
    /// <summary>Quote capital the next plan splits over the cells (a compounding budget raises it between plans).</summary>
    public decimal CapitalQuote { get; private set; }
    public decimal InitialBaseInventory { get; private set; }
    public GridPhase Phase { get; private set; } = GridPhase.WarmingUp;
    public int Epoch { get; private set; }
    public GridPlan? Plan { get; private set; }
    public Trend Trend => _trend.Current;
    public double TrendGapPct => _trend.GapPct;
    public bool VolatilitySpike { get; private set; }
    public decimal LastPrice { get; private set; }
    public long CandleCount { get; private set; }
    public bool OutOfBandNoticed { get; private set; }
    public string? LastPlanError { get; private set; }

    /// <summary>Why the market is stopped (phase <see cref="GridPhase.Stopped"/>); null otherwise.</summary>
    public string? StopReason { get; private set; }

    /// <summary>When a market in phase <see cref="GridPhase.Waiting"/> tries to plan again.</summary>
    public DateTimeOffset? NextPlanAttempt => Phase == GridPhase.Waiting ? _nextPlanAttempt : null;

    /// <summary>Current ATR in price units (NaN while warming up).</summary>
    public double Atr => _atr.Value;

    /// <summary>ATR at the previous candle's close (NaN until ready): the circuit breaker measures the jump from it.</summary>
    public double PreviousAtr { get; private set; } = double.NaN;

    /// <summary>Mean of the previous ATR values the volatility spike compares against (NaN until ready).</summary>
    public double AtrMean => _atrMean.IsReady ? _atrMean.Value : double.NaN;

    public double EmaFast => _fast.Value;
    public double EmaSlow => _slow.Value;

    /// <summary>Base held per cell (bought, not yet sold).</summary>
    public IReadOnlyList<decimal> Held => _book.HeldSnapshot();

    public decimal TotalHeld => _book.TotalHeld;

    /// <summary>What the coins the grid holds cost it, fees included (coins it did not buy count nothing).</summary>
    public decimal TotalCost => _book.TotalCost;

    /// <summary>The line slot of a stopped grid's exit sell: one past the top line.</summary>
    public int ExitLevel => _lines.Length;

    /// <summary>A candle closed: update indicators, trend and spike state, plan or recentre, and reconcile the ladder.</summary>
    public IReadOnlyList<StrategyAction> OnCandle(in Candle candle)
    {
        _actions.Clear();
        UpdateIndicators(candle);
        OnPrice(candle.Close);
        return _actions;
    }

    /// <summary>A fresh price between candles (live polling).</summary>
    public IReadOnlyList<StrategyAction> OnTicker(in Ticker ticker)
    {
        _actions.Clear();
        var price = ticker.Reference;
        if (price > 0) OnPrice(price);
        return _actions;
    }

    /// <summary>Reconciles the ladder if anything changed since the last evaluation.</summary>
    public IReadOnlyList<StrategyAction> Evaluate()
    {
        _actions.Clear();
        if (LastPrice > 0) OnPrice(LastPrice);
        return _actions;
    }

    /// <summary>
    /// The engine registered a placement (risk approved it), or restored a live order after a restart; the line is now
    /// occupied. Returns false when the order does not fit the current grid (no plan, or a level outside it): the
    /// caller must not leave such an order resting unowned.
    /// </summary>
    public bool OnOrderCreated(long orderId, Markets.Side side, int level, int cell, decimal price = 0m)
    {
        if ((uint)level >= (uint)_slots.Length) return false;
        var exit = level == ExitLevel;
        if (exit ? cell != _book.Count || side != Markets.Side.Sell : (uint)cell >= (uint)_book.Count) return false;
        var existing = _slots[level];
        if (existing.OrderId > 0 && existing.OrderId != orderId) return false;
        if (existing.OrderId == PendingOrderId)
        {
            // A placement the engine accepted: the value reserved for it at placement carries over.
            _slots[level] = existing with { OrderId = orderId };
        }
        else
        {
            // A live order restored after a restart: a buy counts against the budget at its cell's full value.
            var value = side == Markets.Side.Buy && Plan is { } plan ? BuyValue(plan.Cells[cell].BuyPrice, plan.Cells[cell].Amount) : 0m;
            _slots[level] = new LineSlot(orderId, side, cell, value, price);
            _openBuyValue += value;
        }

        _orderLine[orderId] = level;
        return true;
    }

    /// <summary>A placement was refused (risk or exchange) before it became live; retry that line after a cooldown.</summary>
    public void OnPlacementRejected(PlaceOrderAction action, TimeSpan cooldown)
    {
        ArgumentNullException.ThrowIfNull(action);
        if ((uint)action.Level >= (uint)_cooldownUntil.Length || action.Epoch != Epoch) return;
        if (_slots[action.Level].OrderId == PendingOrderId) FreeSlot(action.Level);
        var until = _time.GetUtcNow() + cooldown;
        _cooldownUntil[action.Level] = until;
        if (until < _nextRetry) _nextRetry = until;
    }

    /// <summary>
    /// New quantity matched on one of our orders, at <paramref name="price"/>. Buys add the base actually received (after
    /// a base fee) to the cell at what it cost (fees included); sells remove what was sold, and its share of the cost. An
    /// exit sell (cell one past the last) sells from the whole grid.
    /// </summary>
    public void OnFill(long orderId, Markets.Side side, int cell, decimal amount, decimal price)
    {
        if (amount <= 0) return;
        if (side == Markets.Side.Buy && (uint)cell < (uint)_book.Count)
        {
            var (fee, currency) = _fees.FeeFor(Market, side, price, amount);
            var paid = price * amount + (string.Equals(currency, Market.QuoteCurrency, StringComparison.Ordinal) ? fee : 0m);
            _book.Bought(cell, _fees.NetBaseReceived(side, amount), paid);
            // What was reserved for this part of the order is now in the cell's cost.
            if (_orderLine.TryGetValue(orderId, out var line) && _slots[line].Committed > 0)
            {
                var release = Math.Min(_slots[line].Committed, BuyValue(price, amount));
                _slots[line] = _slots[line] with { Committed = _slots[line].Committed - release };
                _openBuyValue -= release;
            }
        }
        else if (side == Markets.Side.Sell && (uint)cell < (uint)_book.Count)
        {
            _book.Sold(cell, amount);
        }
        else if (side == Markets.Side.Sell && cell == _book.Count)
        {
            _book.SoldAcross(amount);
        }

        _dirty = true;
    }

    /// <summary>One of our orders reached a final state (filled, cancelled, expired or rejected): its line is free.</summary>
    public void OnOrderClosed(long orderId)
    {
        if (_orderLine.Remove(orderId, out var line) && _slots[line].OrderId == orderId) FreeSlot(line);
        _dirty = true;
    }

    /// <summary>Something outside the strategy changed (pause, resume, breaker): re-check every line, retry refused ones.</summary>
    public void Invalidate()
    {
        Array.Clear(_cooldownUntil);
        _nextRetry = DateTimeOffset.MaxValue;
        _nextPlanAttempt = DateTimeOffset.MinValue;
        _dirty = true;
    }

    /// <summary>
    /// Sets the capital of the next plan (the first one, a rebuild or a recentre). The grid in place keeps its order
    /// sizes: a plan's cells are what its resting orders and held coins were sized for.
    /// </summary>
    public void UpdateCapital(decimal capitalQuote)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capitalQuote);
        CapitalQuote = capitalQuote;
    }

    /// <summary>Requests a rebuild around the current price (operator action or policy).</summary>
    public IReadOnlyList<StrategyAction> Recenter(string reason)
    {
        _actions.Clear();
        if (Phase == GridPhase.Active) BeginRebuild(reason);
        return _actions;
    }

    private void OnPrice(decimal price)
    {
        LastPrice = price;
        if (_hasStopPrices && Phase != GridPhase.Stopped && StopTriggeredAt(price) is { } stop)
        {
            BeginStop(stop);
            return;
        }

        switch (Phase)
        {
            case GridPhase.WarmingUp:
                if (IsWarm) PlanAt(price);
                return;
            case GridPhase.Waiting:
                if (IsWarm && _time.GetUtcNow() >= _nextPlanAttempt) PlanAt(price);
                return;
            case GridPhase.Stopped:
                ContinueStop(price);
                return;
            case GridPhase.Rebuilding:
                if (_orderLine.Count == 0) PlanAt(price);
                return;
        }

        if (price <= _bandLow || price > _bandHigh)
        {
            _dirty = true;
            UpdateBand(price);
            if (CheckBand(price)) return;
        }
        else if (!_bucketBetweenLines)
        {
            // An edge bucket reaches beyond the lines, so the price may have left the band. Between two lines it is
            // inside, which is all CheckBand would find: the common candle skips its comparisons.
            if (CheckBand(price)) return;
        }
        else
        {
            OutOfBandNoticed = false;
        }

        // No line waits for a retry (the usual case): no need to read the clock.
        if (!_dirty && (_nextRetry == DateTimeOffset.MaxValue || _time.GetUtcNow() < _nextRetry)) return;
        _dirty = false;
        Reconcile(price);
    }

    /// <summary>
    /// Caches the price bucket (line k, line k+1] so a candle that stays inside it costs two comparisons. The bucket is
    /// open below because a buy needs its line strictly below the price: at exactly line k that line's buy is not due,
    /// just above it it is, so leaving the line upward must count as a move into another bucket.
    /// </summary>
    private void UpdateBand(decimal price)
    {
        var lines = _lines;
        var k = Array.BinarySearch(lines, price);
        k = k >= 0 ? k - 1 : ~k - 1; // index of the last line < price, −1 at or below the lowest line
        _bandLow = k >= 0 ? lines[k] : decimal.MinValue;
        _bandHigh = k + 1 < lines.Length ? lines[k + 1] : decimal.MaxValue;
        _bucketBetweenLines = k >= 0 && k + 1 < lines.Length;
    }

    private void Reconcile(decimal price)
    {
        var plan = Plan!;
        var now = _time.GetUtcNow();
        _nextRetry = DateTimeOffset.MaxValue;
        // The market's budget: its capital less what the coins held cost and what the resting buys will.
        var budget = CapitalQuote - _book.TotalCost - _openBuyValue;
        var buysAllowed = !Settings.TrendFilterEnabled || Trend != Trend.Down;
        if (VolatilitySpike && Trend != Trend.Up) buysAllowed = false;
        var spikeBuysLeft = VolatilitySpike && Trend == Trend.Up ? 2 : int.MaxValue;

        // High to low, so a spike in an uptrend keeps the buys nearest the price.
        for (var i = plan.Cells.Count - 1; i >= 0; i--)
        {
            var cell = plan.Cells[i];
            var held = _book.Held(i);

            // Sell what the cell holds at its exit line, never below what it cost.
            var sellSlot = _slots[cell.SellLevel];
            if (held > 0 && sellSlot.OrderId == 0 && Ready(cell.SellLevel, now))
            {
                var amount = Market.RoundAmount(held);
                var sellPrice = Math.Max(ExitPrice(cell, price), SellFloor(i));
                if (Market.MeetsMinimum(sellPrice, amount))
                    Place(Markets.Side.Sell, sellPrice, amount, cell.SellLevel, i, "counter-sell");
            }

            // Buy the rest of the target below the price.
            if (cell.BuyPrice >= price) continue;
            if (!buysAllowed || spikeBuysLeft <= 0) continue;
            var buySlot = _slots[cell.BuyLevel];
            if (buySlot.OrderId != 0)
            {
                if (buySlot.Side == Markets.Side.Buy) spikeBuysLeft--;
                continue;
            }

            // The line is also the exit of the cell below. While that cell holds coins it can sell, the line is kept
            // for their sell: a candle that fills the buy below and closes above this line would otherwise give the
            // line to a new buy here, and the coins just bought would get no counter-sell until that buy filled.
            if (i > 0 && plan.Cells[i - 1] is var below && below.SellLevel == cell.BuyLevel
                && Market.MeetsMinimum(ExitPrice(below, price), Market.RoundAmount(_book.Held(i - 1))))
                continue;

            var want = Market.RoundAmount(cell.Amount - held);
            if (want <= 0 || !Market.MeetsMinimum(cell.BuyPrice, want) || !Ready(cell.BuyLevel, now)) continue;
            var value = BuyValue(cell.BuyPrice, want);
            if (value > budget) continue;
            budget -= value;
            spikeBuysLeft--;
            Place(Markets.Side.Buy, cell.BuyPrice, want, cell.BuyLevel, i, held > 0 ? "top-up buy" : "grid buy", value);
        }
    }

    /// <summary>
    /// The lowest price a cell's coins are sold at: what they cost after the sell fee, on the tick. Nothing when the grid
    /// was explicitly allowed unprofitable spacing (its sells are meant to be below that).
    /// </summary>
    private decimal SellFloor(int cell)
    {
        if (Settings.AllowUnprofitableSpacing) return 0m;
        var breakEven = _book.BreakEven(cell, _fees.Rate);
        return breakEven > 0 ? Market.RoundPrice(breakEven, Markets.Side.Sell) : 0m;
    }

    /// <summary>What a buy of <paramref name="amount"/> at <paramref name="price"/> takes from the budget, its fee included.</summary>
    private decimal BuyValue(decimal price, decimal amount) => price * amount * (1 + _fees.Rate);

    private void FreeSlot(int line)
    {
        _openBuyValue -= _slots[line].Committed;
        _slots[line] = default;
    }

    /// <summary>A cell sells at its exit, or at the price when the price is already above it.</summary>
    private decimal ExitPrice(GridCell cell, decimal price) =>
        price >= cell.SellPrice ? Market.RoundPrice(price, Markets.Side.Sell) : cell.SellPrice;

    private bool Ready(int line, DateTimeOffset now)
    {
        var until = _cooldownUntil[line];
        if (until == default || now >= until) return true;
        if (until < _nextRetry) _nextRetry = until;
        return false;
    }

    private void Place(Markets.Side side, decimal price, decimal amount, int level, int cell, string reason, decimal committed = 0m,
        bool exit = false)
    {
        // Reserve the line so no other cell claims it before the engine answers, and a buy's value from the budget.
        _slots[level] = new LineSlot(PendingOrderId, side, cell, committed, price);
        _openBuyValue += committed;
        _actions.Add(new PlaceOrderAction(Market.Symbol, side, price, amount, level, cell, Epoch, reason, exit));
    }

    private void Notice(string name, string message) => _actions.Add(new StrategyNotice(Market.Symbol, name, message));

    /// <summary>A line's order; <see cref="Committed"/> is what a buy still takes from the budget (its unfilled value).</summary>
    /// <see cref="Price"/> is the order's limit (0 when a restored order's was not given); <see cref="CancelRequested"/> marks
    /// an exit sell being replaced.
    private readonly record struct LineSlot(long OrderId, Markets.Side Side, int Cell, decimal Committed = 0m, decimal Price = 0m,
        bool CancelRequested = false);
}
