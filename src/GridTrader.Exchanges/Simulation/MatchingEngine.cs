// Over 400 lines: the book, the price path and the balances are one invariant (every hold is released exactly once); the
// per-point matching is the hottest loop of backtests and is kept in one place so its order of checks stays visible.
using GridTrader.Core.Accounting;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using GridTrader.Core.MarketData;
using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Exchanges.Abstractions;

namespace GridTrader.Exchanges.Simulation;

/// <summary>
/// A deterministic limit-order matching engine for one account against a price path. It backs the
/// backtester, paper trading (<see cref="SimulatedExchange"/>) and the Firi mock server.
/// </summary>
/// <remarks>
/// <para><b>Price path.</b> The market price only moves through <see cref="MoveTo"/>, <see cref="ProcessCandle(string, in Candle)"/>
/// or <see cref="BeginCandle"/>/<see cref="AdvanceCandle"/>. Whenever the price reaches a new point, the resting orders
/// it crosses fill at their own limit price as maker, best price first and oldest first within a price (price-time
/// priority); a gap through the limit also fills at the limit. What crosses depends on
/// <see cref="MatchingEngineOptions.FillModel"/>: with <see cref="FillModel.Touch"/> every bid priced at or above the
/// point and every ask at or below it; with <see cref="FillModel.TradeThrough"/> and <see cref="FillModel.VolumeShare"/>
/// only bids at or above the point plus one tick of the market and asks at or below it minus one tick, so a price that
/// merely touches a limit fills nothing. The model is fixed per market when it is added (it moves the book's trigger
/// prices), so the check on each point stays one comparison per side.</para>
/// <para><b>Candles.</b> A candle's price goes from the previous price to the open, then for a bullish candle
/// (close ≥ open) open → low → high → close, and for a bearish candle open → high → low → close. So when a bid
/// and an ask both lie inside a candle, the bid fills first in a bullish candle and the ask first in a bearish
/// one. Orders resting before the candle are eligible from the open; an order placed while a candle is being
/// walked can only be filled by the rest of its path.</para>
/// <para><b>Volume cap.</b> With <see cref="MatchingEngineOptions.VolumeParticipation"/> set, the fills along one
/// candle's path may take at most that share of its volume, handed out in price-time priority; an order that
/// gets less keeps resting with its remainder. With <see cref="FillModel.VolumeShare"/> a move outside a candle
/// (<see cref="MoveTo"/>, paper trading's trade prints) is capped the same way by the volume it carries, and a move
/// without volume (a ticker) fills nothing; with a cap on touch fills such moves are not capped. Marketable orders at
/// placement are never capped.</para>
/// <para><b>Marketable orders.</b> A buy priced at or above the last price (a sell at or below) fills at once as
/// taker, in full, at the last price, which is never worse than its limit.</para>
/// <para><b>Balances.</b> A buy holds price × amount (× (1 + fee) when the fee is charged in quote and
/// <see cref="MatchingEngineOptions.HoldFeeOnBuy"/> is set), a sell holds its amount in base. Fills consume the
/// hold, cancels release it. Fees are exact products, not rounded.</para>
/// <para><b>Threading.</b> Not thread-safe, by design: the backtester drives it from one thread at full speed.
/// Owners shared between threads serialise every call (as <see cref="SimulatedExchange"/> does with its lock).
/// Time comes only from the callers, so the same calls give the same results, fills and ids.</para>
/// </remarks>
public sealed partial class MatchingEngine
{
    // Bounds that keep every price × amount × (1 + fee) inside decimal's range.
    private const decimal MaxPrice = 1e14m;
    private const decimal MaxAmount = 1e12m;

    private static readonly ExchangeError MarketNotFound = new(ExchangeErrorKind.NotFound, "Market not found");
    private static readonly ExchangeError OrderNotFound =
        new(ExchangeErrorKind.NotFound, "The specified order does not exist or has been canceled");
    private static readonly ExchangeError InvalidPrice = new(ExchangeErrorKind.InvalidRequest, "Price is invalid");
    private static readonly ExchangeError InvalidAmount = new(ExchangeErrorKind.InvalidRequest, "Amount is invalid");
    private static readonly ExchangeError VolumeTooLow = new(ExchangeErrorKind.InvalidRequest, "Volume too low");
    private static readonly ExchangeError NoPrice = new(ExchangeErrorKind.InvalidRequest, "No price");
    private static readonly ExchangeError InsufficientFunds = new(ExchangeErrorKind.InsufficientFunds, "Insufficient funds");
    private static readonly Comparison<ExchangeOrder> NewestFirst = static (a, b) => b.Id.CompareTo(a.Id);

    private readonly Dictionary<string, SimMarket> _markets = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<SimMarket> _marketList = [];
    private readonly Dictionary<string, BalanceAccount> _balances = new(StringComparer.OrdinalIgnoreCase);
    // Open orders are exactly the resting ones in the books; this holds them and the retained closed ones by id.
    private readonly Dictionary<long, SimOrder> _orders = [];
    private readonly RingBuffer<SimOrder> _closedHistory;
    private readonly RingBuffer<(long Number, SimFill Fill)> _accountTrades;
    private readonly List<SimFill> _fills = [];
    private readonly decimal _makerRate;
    private readonly decimal _takerRate;
    private readonly decimal _buyHoldFactor;
    private readonly decimal _participation;
    private readonly bool _volumeCapped;
    private readonly bool _tradeThrough;
    private readonly bool _capMoves;
    private readonly bool _feeInQuote;
    private readonly bool _collectFills;
    private readonly bool _recordPathTrades;
    private readonly bool _recordCandleTape;
    private readonly int _tapeCandleCapacity;
    private long _nextOrderId;
    private long _tradeCount;
    private int _openCount;

    // The backtester passes the same market string for every candle; remembering the last lookup
    // by reference skips hashing it.
    private string? _lastKey;
    private SimMarket? _lastMarket;
    private string? _amountKey0;
    private string? _amountKey1;
    private BalanceAccount? _amountAccount0;
    private BalanceAccount? _amountAccount1;

    public MatchingEngine(MatchingEngineOptions? options = null)
    {
        Options = options ?? new MatchingEngineOptions();
        Options.Validate();
        _makerRate = Options.EffectiveMakerFeeRate;
        _takerRate = Options.EffectiveTakerFeeRate;
        _feeInQuote = Options.FeeCurrency == FeeCurrencyPolicy.Quote;
        _buyHoldFactor = _feeInQuote && Options.HoldFeeOnBuy ? 1m + Math.Max(_makerRate, _takerRate) : 1m;
        _participation = Options.VolumeParticipation ?? 0m;
        _volumeCapped = _participation > 0m;
        _tradeThrough = Options.FillModel is FillModel.TradeThrough or FillModel.VolumeShare;
        _capMoves = Options.FillModel == FillModel.VolumeShare;
        // A day of candles at the configured interval, within sane bounds, backs the 24 h statistics.
        _tapeCandleCapacity = (int)Math.Clamp(Math.Ceiling(TimeSpan.FromDays(1) / Options.CandleInterval), 1_440, 20_000);
        _collectFills = Options.CollectFills;
        _recordPathTrades = Options.RecordPathTrades;
        _recordCandleTape = Options.RecordCandleTape;
        _nextOrderId = Options.FirstOrderId;
        _closedHistory = new RingBuffer<SimOrder>(Options.ClosedOrderCapacity);
        _accountTrades = new RingBuffer<(long, SimFill)>(Options.AccountTradeCapacity);
    }

    public MatchingEngineOptions Options { get; }

    /// <summary>Registered markets, in registration order.</summary>
    public IReadOnlyList<MarketInfo> Markets => _marketList.ConvertAll(static m => m.Info);

    public int OpenOrderCount => _openCount;

    /// <summary>Fills queued since the last <see cref="DrainFills"/>.</summary>
    public int PendingFillCount => _fills.Count;

    // ---- Setup -------------------------------------------------------------------------------

    /// <summary>Registers a market; its base and quote currencies get (zero) balances.</summary>
    public void AddMarket(MarketInfo market)
    {
        ArgumentNullException.ThrowIfNull(market);
        if (_markets.ContainsKey(market.Symbol))
            throw new ArgumentException($"Market {market.Symbol} is already registered.", nameof(market));
        var tape = new MarketTape(_tapeCandleCapacity, Options.PublicTradeCapacity);
        var m = new SimMarket(market, Account(market.BaseCurrency), Account(market.QuoteCurrency), tape,
            _tradeThrough ? market.PriceTick : 0m);
        _markets.Add(market.Symbol, m);
        _marketList.Add(m);
    }

    public bool TryGetMarket(string market, [NotNullWhen(true)] out MarketInfo? info)
    {
        info = market is not null && _markets.TryGetValue(market, out var m) ? m.Info : null;
        return info is not null;
    }

    /// <summary>Adds funds to a currency's balance (seeding an account, or a deposit in the mock).</summary>
    public void Deposit(string currency, decimal amount)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(currency);
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        Account(currency).Total += amount;
    }

    // ---- Price path --------------------------------------------------------------------------

    /// <summary>
    /// Moves the market's price to <paramref name="price"/>, filling every resting order the move crosses
    /// (see the class remarks). <paramref name="volume"/> &gt; 0 also prints a public trade of that amount; with the
    /// volume-share model it is also what the move may fill. Outside a candle the move also feeds the 24 h statistics.
    /// The first call sets the initial price.
    /// </summary>
    public void MoveTo(string market, decimal price, DateTimeOffset time, decimal volume = 0m)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(price);
        ArgumentOutOfRangeException.ThrowIfNegative(volume);
        var m = Resolve(market);
        var from = m.HasPrice ? m.Last : price;
        if (_capMoves && !m.Path.IsActive)
        {
            StartBudget(m, volume);
            MoveCore(m, price, time);
            m.BudgetActive = false;
        }
        else
        {
            MoveCore(m, price, time);
        }

        if (volume > 0m) m.Tape.AddPrint(MarketTape.Print(from, price, volume, time));
        if (!m.Path.IsActive) m.Tape.AddPoint(price, volume, time);
    }

    /// <summary>Walks one candle's whole path, timing its legs by <see cref="MatchingEngineOptions.CandleInterval"/>.</summary>
    public void ProcessCandle(string market, in Candle candle) => ProcessCandle(market, candle, Options.CandleInterval);

    /// <summary>
    /// Walks one candle's whole path: previous price → open, then open → low → high → close when bullish
    /// (close ≥ open) or open → high → low → close when bearish. The corners are timed at the open, one third
    /// and two thirds of <paramref name="interval"/>, and the close at open + interval.
    /// </summary>
    /// <remarks>
    /// The candle must be consistent (<see cref="Candle.IsValid"/>); the hot path does not re-check it, the
    /// data loader does (debug builds assert). Every corner of such a candle lies within [low, high], so when
    /// the best bid's trigger is below the low and the best ask's above the high nothing can fill: the candle then costs
    /// two comparisons (and a copy into the market's tape, unless <see cref="MatchingEngineOptions.RecordCandleTape"/> is off)
    /// and allocates nothing.
    /// </remarks>
    public void ProcessCandle(string market, in Candle candle, TimeSpan interval)
    {
        var m = Resolve(market);
        if (m.Path.IsActive) throw CandleInProgress(m);
        var ticks = interval.Ticks;
        if (ticks <= 0) throw new ArgumentOutOfRangeException(nameof(interval), "Interval must be positive.");
        Debug.Assert(candle.IsValid, "ProcessCandle needs a consistent candle.");
        if (_recordCandleTape) m.Tape.AddCandle(candle, ticks, _recordPathTrades);
        var open = candle.OpenTime;
        if ((m.Bids.LevelCount > 0 && m.Bids.Trigger >= candle.Low) || (m.Asks.LevelCount > 0 && m.Asks.Trigger <= candle.High))
        {
            StartBudget(m, candle.Volume);
            var (first, second) = CandlePath.Extremes(candle);
            MoveCore(m, candle.Open, open);
            MoveCore(m, first, CandlePath.CornerTime(open, ticks, 1));
            MoveCore(m, second, CandlePath.CornerTime(open, ticks, 2));
            MoveCore(m, candle.Close, CandlePath.CornerTime(open, ticks, 3));
            m.BudgetActive = false;
        }
        else
        {
            m.Last = candle.Close;
            m.HasPrice = true;
            m.LastTime = CandlePath.CornerTime(open, ticks, 3);
        }
    }

    /// <summary>
    /// Starts walking a candle in steps (the mock server follows real time this way): moves to the open now
    /// and leaves the rest of the path to <see cref="AdvanceCandle"/>.
    /// </summary>
    public void BeginCandle(string market, in Candle candle, DateTimeOffset time)
    {
        var m = Resolve(market);
        if (m.Path.IsActive) throw CandleInProgress(m);
        if (!candle.IsValid) throw new ArgumentException($"Inconsistent candle {candle}.", nameof(candle));
        // The corners are printed live, at the caller's times, so the tape keeps the candle for statistics only.
        m.Tape.AddCandle(candle, 0, printsPath: false);
        m.Path = CandlePath.Start(candle);
        m.PathPrintAmount = _recordPathTrades ? candle.Volume * 0.25m : 0m;
        StartBudget(m, candle.Volume);
        Step(m, candle.Open, time);
    }

    /// <summary>
    /// Moves along the current candle's path to <paramref name="fraction"/> (0..1) of its length, passing
    /// through every corner on the way; prices between corners are rounded to the tick. A fraction at or below
    /// the one reached does nothing; 1 reaches the close and ends the candle.
    /// </summary>
    public void AdvanceCandle(string market, double fraction, DateTimeOffset time)
    {
        if (double.IsNaN(fraction)) throw new ArgumentOutOfRangeException(nameof(fraction), "Fraction is NaN.");
        var m = Resolve(market);
        if (!m.Path.IsActive) throw new InvalidOperationException($"No candle is in progress for {m.Info.Symbol}.");
        ref var path = ref m.Path;
        var target = fraction >= 1d ? path.TotalLength : (decimal)Math.Max(fraction, 0d) * path.TotalLength;
        if (target < path.Travelled) target = path.Travelled;
        while (path.NextVertex <= 3 && path.DistanceTo(path.NextVertex) <= target)
        {
            Step(m, path.Vertex(path.NextVertex), time);
            path.NextVertex++;
        }

        if (path.NextVertex <= 3 && target > path.Travelled)
            MoveCore(m, decimal.Round(path.PriceOnSegment(target), m.Info.PriceDecimals), time);
        path.Travelled = target;
        if (path.NextVertex > 3)
        {
            path.IsActive = false;
            m.BudgetActive = false;
        }
    }

    public bool IsCandleActive(string market) => Resolve(market).Path.IsActive;

    public bool TryGetLastPrice(string market, out decimal price)
    {
        var found = TryFind(market, out var m) && m.HasPrice;
        price = found ? m!.Last : 0m;
        return found;
    }

    // ---- Orders ------------------------------------------------------------------------------

    public ExchangeResult<long> PlaceOrder(OrderRequest request, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PlaceOrder(request.Market, request.Side, request.Price, request.Amount, time);
    }

    /// <summary>
    /// Places a limit order. Checks, in order: market exists, price and amount positive, decimals within the
    /// market's precision, minimum amount and value, a known price, available funds. A marketable order fills
    /// at once as taker; otherwise it rests.
    /// </summary>
    public ExchangeResult<long> PlaceOrder(string market, Side side, decimal price, decimal amount, DateTimeOffset time)
    {
        if (side is not (Side.Buy or Side.Sell)) throw new ArgumentOutOfRangeException(nameof(side));
        if (!TryFind(market, out var m)) return MarketNotFound;
        if (price <= 0m || price > MaxPrice) return InvalidPrice;
        if (amount <= 0m || amount > MaxAmount) return InvalidAmount;
        var info = m.Info;
        if (!FitsDecimals(price, info.PriceDecimals))
            return Invalid(string.Create(CultureInfo.InvariantCulture, $"Too many decimal places in price {price}"));
        if (!FitsDecimals(amount, info.AmountDecimals))
            return Invalid(string.Create(CultureInfo.InvariantCulture, $"Too many decimal places in amount {amount}"));
        if (!info.MeetsMinimum(price, amount)) return VolumeTooLow;
        if (!m.HasPrice) return NoPrice;

        var isBuy = side == Side.Buy;
        var holdPerUnit = isBuy ? price * _buyHoldFactor : 1m;
        var hold = holdPerUnit * amount;
        var account = isBuy ? m.Quote : m.Base;
        if (hold > account.Available) return InsufficientFunds;

        var order = new SimOrder(_nextOrderId++, m, side, price, amount, time)
        {
            HoldPerUnit = holdPerUnit,
            HoldRemaining = hold,
        };
        account.Hold += hold;
        _orders.Add(order.Id, order);
        _openCount++;
        if (isBuy ? price >= m.Last : price <= m.Last)
            ApplyFill(order, m.Last, amount, isMaker: false, time);
        else
            (isBuy ? m.Bids : m.Asks).Add(order);
        return ExchangeResult<long>.Success(order.Id);
    }

    /// <summary>
    /// Cancels an open order and releases its hold. Returns how much had matched. A closed or unknown order,
    /// or one of another market than <paramref name="market"/> (when given), is NotFound.
    /// </summary>
    public ExchangeResult<CancelResult> CancelOrder(long orderId, string? market = null)
    {
        if (!_orders.TryGetValue(orderId, out var order) || order.Remaining == 0m
            || (market is not null && !string.Equals(order.Market.Info.Symbol, market, StringComparison.OrdinalIgnoreCase)))
            return OrderNotFound;
        Cancel(order);
        return ExchangeResult<CancelResult>.Success(new CancelResult(order.Id, order.Matched));
    }

    /// <summary>Cancels every open order, or those of one market; returns how many were cancelled.</summary>
    public ExchangeResult<int> CancelAllOrders(string? market = null)
    {
        if (!TryResolveFilter(market, out var m)) return MarketNotFound;
        var victims = OpenOrders(m);
        // Oldest first, so the closed-order history reads as if they had been cancelled one by one.
        victims.Sort(static (a, b) => a.Id.CompareTo(b.Id));
        foreach (var order in victims) Cancel(order);
        return ExchangeResult<int>.Success(victims.Count);
    }

    /// <summary>Moves the fills queued since the last call into <paramref name="destination"/>; returns how many.</summary>
    public int DrainFills(List<SimFill> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var count = _fills.Count;
        if (count == 0) return 0;
        destination.AddRange(_fills);
        _fills.Clear();
        return count;
    }

    // ---- Queries -----------------------------------------------------------------------------

    public Balance GetBalance(string currency) =>
        _balances.TryGetValue(currency, out var account)
            ? account.ToBalance()
            : new Balance(currency.ToUpperInvariant(), 0m, 0m, 0m);

    /// <summary>Total and available amount of a currency without building a <see cref="Balance"/> (the backtester asks per order).</summary>
    public (decimal Total, decimal Available) GetAmounts(string currency)
    {
        // The backtester asks for the same two currency strings over and over: remember the last two by reference.
        BalanceAccount? account;
        if (ReferenceEquals(currency, _amountKey0)) account = _amountAccount0;
        else if (ReferenceEquals(currency, _amountKey1)) account = _amountAccount1;
        else if (_balances.TryGetValue(currency, out account))
        {
            (_amountKey1, _amountAccount1) = (_amountKey0, _amountAccount0);
            (_amountKey0, _amountAccount0) = (currency, account);
        }

        return account is null ? (0m, 0m) : (account.Total, account.Available);
    }

    /// <summary>Every known currency, zero balances included (as Firi lists them), ordered by currency.</summary>
    public IReadOnlyList<Balance> GetBalances()
    {
        var list = new List<Balance>(_balances.Count);
        foreach (var account in _balances.Values) list.Add(account.ToBalance());
        list.Sort(static (a, b) => string.CompareOrdinal(a.Currency, b.Currency));
        return list;
    }

    /// <summary>An open or recently closed order (closed ones are kept up to <see cref="MatchingEngineOptions.ClosedOrderCapacity"/>).</summary>
    public ExchangeResult<ExchangeOrder> GetOrder(long orderId) =>
        _orders.TryGetValue(orderId, out var order)
            ? ExchangeResult<ExchangeOrder>.Success(order.ToSnapshot())
            : OrderNotFound;

    /// <summary>Open orders, newest first.</summary>
    public ExchangeResult<IReadOnlyList<ExchangeOrder>> GetOpenOrders(string? market = null)
    {
        if (!TryResolveFilter(market, out var m)) return MarketNotFound;
        var list = OpenOrders(m).ConvertAll(static o => o.ToSnapshot());
        list.Sort(NewestFirst);
        return ExchangeResult<IReadOnlyList<ExchangeOrder>>.Success(list);
    }

    /// <summary>Closed orders (filled and/or cancelled), newest first, at most <paramref name="count"/>.</summary>
    public ExchangeResult<IReadOnlyList<ExchangeOrder>> GetOrderHistory(string? market, int count)
    {
        if (!TryResolveFilter(market, out var m)) return MarketNotFound;
        var list = new List<ExchangeOrder>();
        for (var age = 0; age < _closedHistory.Count; age++)
        {
            var order = _closedHistory.Newest(age);
            if (m is null || order.Market == m) list.Add(order.ToSnapshot());
        }

        list.Sort(NewestFirst);
        var keep = Math.Max(count, 0);
        if (list.Count > keep) list.RemoveRange(keep, list.Count - keep);
        return ExchangeResult<IReadOnlyList<ExchangeOrder>>.Success(list);
    }

    /// <summary>The account's own executions, newest first, at most <paramref name="count"/>.</summary>
    public ExchangeResult<IReadOnlyList<AccountTrade>> GetAccountTrades(string? market, int count)
    {
        if (!TryResolveFilter(market, out var m)) return MarketNotFound;
        var list = new List<AccountTrade>();
        for (var age = 0; age < _accountTrades.Count && list.Count < count; age++)
        {
            var (number, f) = _accountTrades.Newest(age);
            if (m is not null && !string.Equals(f.Market, m.Info.Symbol, StringComparison.Ordinal)) continue;
            list.Add(new AccountTrade(TradeId(number), f.Market, f.Side, f.Price, f.Amount, f.Cost, f.IsMaker, f.Time,
                f.OrderId, f.Fee, f.FeeCurrency));
        }

        return ExchangeResult<IReadOnlyList<AccountTrade>>.Success(list);
    }

    /// <summary>The market's recent public trades (path prints and own fills), newest first.</summary>
    public ExchangeResult<IReadOnlyList<PublicTrade>> GetPublicTrades(string market, int count)
    {
        if (!TryFind(market, out var m)) return MarketNotFound;
        return ExchangeResult<IReadOnlyList<PublicTrade>>.Success(m.Tape.Newest(m.Info.Symbol, count));
    }

    /// <summary>
    /// Bid and ask at <see cref="MatchingEngineOptions.TickerHalfSpread"/> around the last price. Before any
    /// price is known every field is 0 (Firi's empty side).
    /// </summary>
    public ExchangeResult<Ticker> GetTicker(string market, DateTimeOffset time)
    {
        if (!TryFind(market, out var m)) return MarketNotFound;
        if (!m.HasPrice) return ExchangeResult<Ticker>.Success(new Ticker(m.Info.Symbol, 0m, 0m, 0m, time));
        var spread = Options.TickerHalfSpread;
        var half = spread.Unit == TickerSpreadUnit.Ticks ? spread.Value * m.Info.PriceTick : m.Last * spread.Value / 100m;
        var bid = Math.Max(Quantizer.Floor(m.Last - half, m.Info.PriceDecimals), 0m);
        var ask = Quantizer.Ceiling(m.Last + half, m.Info.PriceDecimals);
        return ExchangeResult<Ticker>.Success(new Ticker(m.Info.Symbol, bid, ask, m.Last, time));
    }

    /// <summary>The account's own resting orders aggregated per price, best first, at most <paramref name="depth"/> levels a side.</summary>
    public ExchangeResult<OrderBookSnapshot> GetOrderBook(string market, int depth)
    {
        if (!TryFind(market, out var m)) return MarketNotFound;
        return ExchangeResult<OrderBookSnapshot>.Success(
            new OrderBookSnapshot(m.Info.Symbol, Levels(m.Bids, depth), Levels(m.Asks, depth)));
    }

    /// <summary>Last price and rolling 24 h high, low, change and volume (zeros while nothing has traded).</summary>
    public ExchangeResult<MarketSummary> GetMarketSummary(string market)
    {
        if (!TryFind(market, out var m)) return MarketNotFound;
        return ExchangeResult<MarketSummary>.Success(Summary(m));
    }

    public IReadOnlyList<MarketSummary> GetMarketSummaries() => _marketList.ConvertAll(Summary);

    // ---- Internals ---------------------------------------------------------------------------

    private static ExchangeError Invalid(string message) => new(ExchangeErrorKind.InvalidRequest, message);

    private BalanceAccount Account(string currency)
    {
        if (!_balances.TryGetValue(currency, out var account))
        {
            account = new BalanceAccount(currency.ToUpperInvariant());
            _balances.Add(account.Currency, account);
        }

        return account;
    }

    /// <summary>For the owner's price path calls: an unknown market there is a bug, not an expected failure.</summary>
    private SimMarket Resolve(string market)
    {
        ArgumentNullException.ThrowIfNull(market);
        return TryFind(market, out var m) ? m : throw new ArgumentException($"Market {market} is not registered.", nameof(market));
    }

    private bool TryFind(string? market, [NotNullWhen(true)] out SimMarket? m)
    {
        if (market is null)
        {
            m = null;
            return false;
        }

        if (ReferenceEquals(market, _lastKey))
        {
            m = _lastMarket!;
            return true;
        }

        if (!_markets.TryGetValue(market, out m)) return false;
        _lastKey = market;
        _lastMarket = m;
        return true;
    }

    /// <summary>True when <paramref name="value"/> has no digits beyond <paramref name="decimals"/>; trailing zeros are fine.</summary>
    private static bool FitsDecimals(decimal value, int decimals) =>
        value.Scale <= decimals || decimal.Round(value, decimals) == value;

    /// <summary>Null market means "all"; false only for a named market that does not exist.</summary>
    private bool TryResolveFilter(string? market, out SimMarket? m)
    {
        m = null;
        return market is null || _markets.TryGetValue(market, out m);
    }

    private static InvalidOperationException CandleInProgress(SimMarket m) =>
        new($"A candle is already in progress for {m.Info.Symbol}.");

    private void StartBudget(SimMarket m, decimal candleVolume)
    {
        m.BudgetActive = _volumeCapped;
        m.BudgetComputed = false;
        m.BudgetVolume = candleVolume;
    }

    /// <summary>One corner of a stepwise candle's path: move there and print it as a public trade.</summary>
    private void Step(SimMarket m, decimal price, DateTimeOffset time)
    {
        var from = m.HasPrice ? m.Last : price;
        MoveCore(m, price, time);
        if (m.PathPrintAmount > 0m) m.Tape.AddPrint(MarketTape.Print(from, price, m.PathPrintAmount, time));
    }

    /// <summary>The hot path: with nothing crossed it is two comparisons and three stores.</summary>
    private void MoveCore(SimMarket m, decimal price, DateTimeOffset time)
    {
        m.Last = price;
        m.HasPrice = true;
        m.LastTime = time;
        if (m.Bids.Trigger >= price) FillCrossed(m.Bids, isBid: true, price, time);
        if (m.Asks.Trigger <= price) FillCrossed(m.Asks, isBid: false, price, time);
    }

    /// <summary>Fills resting orders of one side in price-time priority while they are crossed by <paramref name="price"/>.</summary>
    private void FillCrossed(BookSide side, bool isBid, decimal price, DateTimeOffset time)
    {
        do
        {
            var order = side.BestLevel.Head!;
            var amount = order.Remaining;
            if (order.Market.BudgetActive)
            {
                amount = TakeBudget(order.Market, amount);
                if (amount == 0m) return;
            }

            if (amount == order.Remaining) side.RemoveBestHead();
            ApplyFill(order, order.Price, amount, isMaker: true, time);
        }
        while (isBid ? side.Trigger >= price : side.Trigger <= price);
    }

    /// <summary>Grants up to <paramref name="wanted"/> from the candle's volume budget, cut to the amount precision.</summary>
    private decimal TakeBudget(SimMarket m, decimal wanted)
    {
        if (!m.BudgetComputed)
        {
            m.BudgetRemaining = m.BudgetVolume * _participation;
            m.BudgetComputed = true;
        }

        if (wanted <= m.BudgetRemaining)
        {
            m.BudgetRemaining -= wanted;
            return wanted;
        }

        var granted = Quantizer.Floor(m.BudgetRemaining, m.Info.AmountDecimals);
        m.BudgetRemaining = 0m;
        return granted;
    }

    private void ApplyFill(SimOrder order, decimal price, decimal amount, bool isMaker, DateTimeOffset time)
    {
        var m = order.Market;
        var rate = isMaker ? _makerRate : _takerRate;
        var cost = price * amount;
        order.Matched += amount;
        order.Remaining -= amount;
        // The last fill releases whatever is left, so no rounding residue can stay on hold.
        var consumed = order.Remaining == 0m ? order.HoldRemaining : amount * order.HoldPerUnit;
        order.HoldRemaining -= consumed;
        decimal fee;
        BalanceAccount feeAccount;
        if (order.Side == Side.Buy)
        {
            m.Quote.Hold -= consumed;
            m.Quote.Total -= cost;
            if (_feeInQuote)
            {
                fee = cost * rate;
                m.Quote.Total -= fee;
                m.Base.Total += amount;
                feeAccount = m.Quote;
            }
            else
            {
                fee = amount * rate;
                m.Base.Total += amount - fee;
                feeAccount = m.Base;
            }
        }
        else
        {
            m.Base.Hold -= consumed;
            m.Base.Total -= amount;
            fee = cost * rate;
            m.Quote.Total += cost - fee;
            feeAccount = m.Quote;
        }

        if (order.Remaining == 0m) Close(order);
        Record(order, price, amount, fee, feeAccount.Currency, isMaker, time);
    }

    private void Record(SimOrder order, decimal price, decimal amount, decimal fee, string feeCurrency,
        bool isMaker, DateTimeOffset time)
    {
        var m = order.Market;
        var fill = new SimFill(order.Id, m.Info.Symbol, order.Side, price, amount, fee, feeCurrency, isMaker, time,
            order.Matched, order.Remaining);
        _accountTrades.Add((++_tradeCount, fill));
        m.Tape.AddPrint(new TradePrint(isMaker ? order.Side.Opposite() : order.Side, price, amount, time));
        if (_collectFills) _fills.Add(fill);
    }

    /// <summary>Trade ids look like Firi's UUIDs but count up, so runs stay reproducible.</summary>
    private static string TradeId(long n) =>
        string.Create(CultureInfo.InvariantCulture, $"00000000-0000-4000-8000-{n:D12}");

    private void Cancel(SimOrder order)
    {
        (order.Side == Side.Buy ? order.Market.Bids : order.Market.Asks).Remove(order);
        order.HoldAccount.Hold -= order.HoldRemaining;
        order.HoldRemaining = 0m;
        order.Cancelled += order.Remaining;
        order.Remaining = 0m;
        Close(order);
    }

    private void Close(SimOrder order)
    {
        _openCount--;
        if (_closedHistory.Add(order, out var evicted)) _orders.Remove(evicted.Id);
    }

    /// <summary>The resting orders of one market, or of all, in no particular order.</summary>
    private List<SimOrder> OpenOrders(SimMarket? market)
    {
        var orders = new List<SimOrder>(_openCount);
        foreach (var m in _marketList)
        {
            if (market is not null && m != market) continue;
            m.Bids.CollectOrders(orders);
            m.Asks.CollectOrders(orders);
        }

        return orders;
    }

    private static BookLevel[] Levels(BookSide side, int depth)
    {
        var n = Math.Clamp(depth, 0, side.LevelCount);
        var levels = new BookLevel[n];
        for (var rank = 0; rank < n; rank++)
        {
            var level = side.LevelFromBest(rank);
            levels[rank] = new BookLevel(level.Price, level.TotalRemaining());
        }

        return levels;
    }

    private static MarketSummary Summary(SimMarket m)
    {
        if (!m.HasPrice) return new MarketSummary(m.Info.Symbol, 0m, 0m, 0m, 0m, 0m);
        var (high, low, volume, open) = m.Tape.Window(m.LastTime);
        var change = open > 0m ? decimal.Round((m.Last - open) / open * 100m, 2) : 0m;
        return new MarketSummary(m.Info.Symbol, m.Last, high, low, change, volume);
    }
}
