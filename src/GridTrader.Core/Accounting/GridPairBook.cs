using GridTrader.Core.Markets;

namespace GridTrader.Core.Accounting;

/// <summary>
/// Grid profit: every sell matched to the buys of the line below it in the same grid, each pair with its profit after
/// both fees. The FIFO ledger pairs a sell with the oldest coins of the market, whatever line bought them, so it can
/// show a losing round trip while every grid pair earned its spacing; this book answers "what did the grid itself earn".
/// </summary>
/// <remarks>
/// <para>
/// A buy at line L (grid <c>e</c>) opens a lot of the coins it received (after a fee in base) at its cost (with a fee
/// in quote). A sell at line L+1 of grid <c>e</c> takes from those lots, oldest first, and books the part it matched:
/// its share of the sell's proceeds (after a fee in quote) minus the cost of the coins taken. Coins that no buy of the
/// line below explains (inventory held at the start, coins carried into a rebuilt grid) are no grid pair: their sale
/// counts in FIFO P&amp;L only.
/// </para>
/// <para>
/// Deterministic: the book is a function of the fills in the order applied, so replaying the stored fills after a
/// restart rebuilds it exactly. It costs one dictionary lookup per fill and nothing per candle.
/// </para>
/// </remarks>
public sealed class GridPairBook
{
    private readonly Dictionary<LineKey, Queue<BuyLot>> _open = [];
    private readonly Dictionary<string, Totals> _markets = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<GridPair> _pairs = [];
    private readonly Dictionary<long, int> _pairIndex = [];

    /// <summary>Every grid pair, one per sell order that matched a buy of the line below, in the order they closed.</summary>
    public IReadOnlyList<GridPair> Pairs => _pairs;

    /// <summary>Grid profit over all markets, in quote currency, after both fees.</summary>
    public decimal Profit { get; private set; }

    /// <summary>Grid pairs over all markets.</summary>
    public int Count => _pairs.Count;

    public decimal ProfitOf(string market) => _markets.TryGetValue(market, out var t) ? t.Profit : 0m;

    public int CountOf(string market) => _markets.TryGetValue(market, out var t) ? t.Count : 0;

    /// <summary>Books one fill; returns the grid profit it realized (zero for buys and for sells no buy below explains).</summary>
    public decimal Apply(Fill fill)
    {
        ArgumentNullException.ThrowIfNull(fill);
        if (fill.Level < 0) return 0m;
        var feeInQuote = fill.FeeInQuote;
        var value = fill.Price * fill.Amount;
        if (fill.Side == Side.Buy)
        {
            var amount = feeInQuote ? fill.Amount : fill.Amount - fill.Fee;
            if (amount <= 0) return 0m;
            var key = new LineKey(fill.Market, fill.Epoch, fill.Level);
            if (!_open.TryGetValue(key, out var lots)) _open[key] = lots = new Queue<BuyLot>();
            lots.Enqueue(new BuyLot(amount, feeInQuote ? value + fill.Fee : value));
            return 0m;
        }

        if (!_open.TryGetValue(new LineKey(fill.Market, fill.Epoch, fill.Level - 1), out var below) || below.Count == 0) return 0m;
        // The coins this sell gave up: with a fee in base, the fee left the account too.
        var consumed = feeInQuote ? fill.Amount : fill.Amount + fill.Fee;
        var proceeds = feeInQuote ? value - fill.Fee : value;
        var wanted = consumed;
        var cost = 0m;
        while (wanted > 0 && below.TryPeek(out var lot))
        {
            if (lot.Amount <= wanted)
            {
                cost += lot.Cost;
                wanted -= lot.Amount;
                below.Dequeue();
            }
            else
            {
                var part = lot.Cost * wanted / lot.Amount;
                cost += part;
                lot.Amount -= wanted;
                lot.Cost -= part;
                wanted = 0;
            }
        }

        var matched = consumed - wanted;
        if (matched <= 0) return 0m;
        var share = matched == consumed ? proceeds : proceeds * matched / consumed;
        var profit = share - cost;
        Book(fill, matched, cost, share, profit);
        return profit;
    }

    private void Book(Fill fill, decimal amount, decimal cost, decimal proceeds, decimal profit)
    {
        Profit += profit;
        if (!_markets.TryGetValue(fill.Market, out var totals)) _markets[fill.Market] = totals = new Totals();
        totals.Profit += profit;
        if (_pairIndex.TryGetValue(fill.OrderId, out var index))
        {
            var pair = _pairs[index];
            _pairs[index] = pair with
            {
                Amount = pair.Amount + amount, Cost = pair.Cost + cost, Proceeds = pair.Proceeds + proceeds, Profit = pair.Profit + profit,
                ClosedAt = fill.Time,
            };
            return;
        }

        totals.Count++;
        _pairIndex[fill.OrderId] = _pairs.Count;
        _pairs.Add(new GridPair(fill.OrderId, fill.Market, fill.Epoch, fill.Level, amount, cost, proceeds, profit, fill.Time));
    }

    private readonly record struct LineKey(string Market, int Epoch, int Level);

    private sealed class BuyLot(decimal amount, decimal cost)
    {
        public decimal Amount { get; set; } = amount;
        public decimal Cost { get; set; } = cost;
    }

    private sealed class Totals
    {
        public decimal Profit { get; set; }
        public int Count { get; set; }
    }
}
