namespace GridTrader.Core.Accounting;

/// <summary>
/// Balances per currency, FIFO cost lots per market, realized P&amp;L per round trip and fees per currency.
/// Invariant (tested): <c>Equity(P) = InitialValue + RealizedPnl + UnrealizedPnl(P)</c> exactly, where fees are
/// part of cost (buys) and of net proceeds (sells). Beside the FIFO view it keeps the <see cref="GridPairs"/>: every sell
/// matched to the buys of the line below it, which is what a grid earns per spacing.
/// </summary>
public sealed class Ledger
{
    private readonly Dictionary<string, decimal> _balances = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, decimal> _fees = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, MarketBook> _markets = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<RoundTrip> _roundTrips = [];
    private readonly Dictionary<long, int> _roundTripIndex = [];
    private readonly Dictionary<string, int> _roundTripsPerMarket = new(StringComparer.OrdinalIgnoreCase);
    private readonly GridPairBook _gridPairs = new();

    public Ledger(IEnumerable<KeyValuePair<string, decimal>>? initialBalances = null)
    {
        foreach (var (currency, amount) in initialBalances ?? [])
        {
            if (amount < 0) throw new ArgumentOutOfRangeException(nameof(initialBalances), $"Initial balance of {currency} is negative.");
            _balances[currency] = amount;
        }

        InitialQuote = new Dictionary<string, decimal>(_balances, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Value the ledger started with in quote terms: each quote currency's balance (counted when its first market
    /// registers) plus initial positions at their mark.
    /// </summary>
    public decimal InitialValue { get; private set; }

    private Dictionary<string, decimal> InitialQuote { get; }

    public IReadOnlyDictionary<string, decimal> Balances => _balances;

    /// <summary>Fees paid, per currency charged.</summary>
    public IReadOnlyDictionary<string, decimal> FeesPaid => _fees;

    public IReadOnlyList<RoundTrip> RoundTrips => _roundTrips;

    /// <summary>Grid pairs (a sell and the buys of the line below it) and their profit after both fees.</summary>
    public GridPairBook GridPairs => _gridPairs;

    public decimal Balance(string currency) => _balances.GetValueOrDefault(currency);

    /// <summary>Round trips (sell orders with fills) of one market, counted as they happen.</summary>
    public int RoundTripCountOf(string market) => _roundTripsPerMarket.GetValueOrDefault(market);

    /// <summary>Realized P&amp;L over all markets, in quote currency, net of fees.</summary>
    public decimal RealizedPnl => _markets.Values.Sum(m => m.Realized);

    public decimal RealizedPnlOf(string market) => _markets.TryGetValue(market, out var m) ? m.Realized : 0m;

    /// <summary>All fees valued in quote currency.</summary>
    public decimal FeesInQuote => _markets.Values.Sum(m => m.FeesInQuote);

    public decimal FeesInQuoteOf(string market) => _markets.TryGetValue(market, out var m) ? m.FeesInQuote : 0m;

    /// <summary>Base currently held in cost lots for a market.</summary>
    public decimal PositionOf(string market) => _markets.TryGetValue(market, out var m) ? m.LotAmount : 0m;

    /// <summary>Cost basis of the held lots of a market.</summary>
    public decimal CostBasisOf(string market) => _markets.TryGetValue(market, out var m) ? m.LotCost : 0m;

    /// <summary>
    /// Declares base already held at the start, valued at <paramref name="markPrice"/> as its cost.
    /// Call once per market before any fill.
    /// </summary>
    public void RegisterMarket(string market, string baseCurrency, string quoteCurrency, decimal markPrice)
    {
        if (_markets.ContainsKey(market)) return;
        var book = new MarketBook(baseCurrency, quoteCurrency);
        _markets[market] = book;
        var held = _balances.GetValueOrDefault(baseCurrency);
        if (held > 0 && markPrice > 0 && !_markets.Values.Any(m => m != book && string.Equals(m.Base, baseCurrency, StringComparison.OrdinalIgnoreCase)))
        {
            book.Lots.AddLast(new Lot(held, held * markPrice, DateTimeOffset.MinValue));
            InitialValue += held * markPrice;
        }

        if (InitialQuote.Remove(quoteCurrency, out var quote)) InitialValue += quote;
    }

    /// <summary>Applies a fill: moves balances, charges the fee, and updates FIFO lots. Returns realized P&amp;L of a sell.</summary>
    public decimal Apply(Fill fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        if (fill.Amount <= 0 || fill.Price <= 0 || fill.Fee < 0)
            throw new ArgumentException($"Invalid fill for order {fill.OrderId}: amount {fill.Amount}, price {fill.Price}, fee {fill.Fee}.", nameof(fill));
        if (!_markets.TryGetValue(fill.Market, out var book))
        {
            RegisterMarket(fill.Market, fill.BaseCurrency, fill.QuoteCurrency, 0m);
            book = _markets[fill.Market];
        }

        _gridPairs.Apply(fill);
        var baseCcy = fill.BaseCurrency;
        var quoteCcy = fill.QuoteCurrency;
        var value = fill.Price * fill.Amount;
        _fees[fill.FeeCurrency] = _fees.GetValueOrDefault(fill.FeeCurrency) + fill.Fee;
        book.FeesInQuote += fill.FeeInQuoteValue;

        if (fill.Side == Markets.Side.Buy)
        {
            Add(quoteCcy, -value);
            Add(baseCcy, fill.Amount);
            decimal lotAmount = fill.Amount, lotCost = value;
            if (fill.FeeInQuote)
            {
                Add(quoteCcy, -fill.Fee);
                lotCost += fill.Fee;
            }
            else
            {
                Add(fill.FeeCurrency, -fill.Fee);
                lotAmount -= fill.Fee;
            }

            if (lotAmount > 0) book.Lots.AddLast(new Lot(lotAmount, lotCost, fill.Time));
            return 0m;
        }

        Add(baseCcy, -fill.Amount);
        Add(quoteCcy, value);
        var proceeds = value;
        var consume = fill.Amount;
        if (fill.FeeInQuote)
        {
            Add(quoteCcy, -fill.Fee);
            proceeds -= fill.Fee;
        }
        else
        {
            Add(fill.FeeCurrency, -fill.Fee);
            consume += fill.Fee;
        }

        var (cost, openedAt) = book.Consume(consume, fill.Price);
        var realized = proceeds - cost;
        book.Realized += realized;
        RecordRoundTrip(fill, cost, proceeds, realized, openedAt);
        return realized;
    }

    /// <summary>Unrealized P&amp;L of a market's held lots at <paramref name="price"/>.</summary>
    public decimal UnrealizedPnl(string market, decimal price) =>
        _markets.TryGetValue(market, out var m) ? m.LotAmount * price - m.LotCost : 0m;

    /// <summary>Total value in quote currency given a price per market (single quote currency assumed).</summary>
    public decimal Equity(IReadOnlyDictionary<string, decimal> prices)
    {
        var quoteCurrencies = _markets.Values.Select(m => m.Quote).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var equity = quoteCurrencies.Sum(Balance);
        foreach (var (symbol, book) in _markets)
        {
            if (prices.TryGetValue(symbol, out var p)) equity += Balance(book.Base) * p;
        }

        return equity;
    }

    /// <summary>Equity with one market priced at <paramref name="price"/>.</summary>
    public decimal Equity(string market, decimal price) =>
        _markets.TryGetValue(market, out var m) ? Balance(m.Quote) + Balance(m.Base) * price : 0m;

    private void Add(string currency, decimal delta) => _balances[currency] = _balances.GetValueOrDefault(currency) + delta;

    private void RecordRoundTrip(Fill fill, decimal cost, decimal proceeds, decimal realized, DateTimeOffset openedAt)
    {
        if (_roundTripIndex.TryGetValue(fill.OrderId, out var index))
        {
            var rt = _roundTrips[index];
            _roundTrips[index] = rt with
            {
                Amount = rt.Amount + fill.Amount,
                Cost = rt.Cost + cost,
                Proceeds = rt.Proceeds + proceeds,
                Fees = rt.Fees + fill.FeeInQuoteValue,
                RealizedPnl = rt.RealizedPnl + realized,
                ClosedAt = fill.Time,
            };
            return;
        }

        _roundTripIndex[fill.OrderId] = _roundTrips.Count;
        _roundTripsPerMarket[fill.Market] = _roundTripsPerMarket.GetValueOrDefault(fill.Market) + 1;
        _roundTrips.Add(new RoundTrip(fill.OrderId, fill.Market, fill.Level, fill.Amount, cost, proceeds, fill.FeeInQuoteValue,
            realized, openedAt, fill.Time));
    }

    private sealed record Lot(decimal Amount, decimal Cost, DateTimeOffset OpenedAt);

    private sealed class MarketBook(string baseCurrency, string quoteCurrency)
    {
        public string Base { get; } = baseCurrency;
        public string Quote { get; } = quoteCurrency;
        public LinkedList<Lot> Lots { get; } = new();
        public decimal Realized { get; set; }
        public decimal FeesInQuote { get; set; }
        public decimal LotAmount => Lots.Sum(l => l.Amount);
        public decimal LotCost => Lots.Sum(l => l.Cost);

        /// <summary>Takes <paramref name="amount"/> from the oldest lots; coins without a lot are costed at the sale price.</summary>
        public (decimal Cost, DateTimeOffset OpenedAt) Consume(decimal amount, decimal salePrice)
        {
            var cost = 0m;
            var openedAt = DateTimeOffset.MaxValue;
            while (amount > 0 && Lots.First is { } node)
            {
                var lot = node.Value;
                if (lot.OpenedAt < openedAt) openedAt = lot.OpenedAt;
                if (lot.Amount <= amount)
                {
                    cost += lot.Cost;
                    amount -= lot.Amount;
                    Lots.RemoveFirst();
                }
                else
                {
                    var part = lot.Cost * amount / lot.Amount;
                    cost += part;
                    node.Value = new Lot(lot.Amount - amount, lot.Cost - part, lot.OpenedAt);
                    amount = 0;
                }
            }

            if (amount > 0) cost += amount * salePrice;
            return (cost, openedAt == DateTimeOffset.MaxValue ? default : openedAt);
        }
    }
}
