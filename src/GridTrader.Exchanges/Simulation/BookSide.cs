namespace GridTrader.Exchanges.Simulation;

/// <summary>
/// One side of a market's resting orders: price levels in a sorted array with the best level last,
/// so the best price is a field read and consuming the best level is O(1). Adding or removing a
/// level is a binary search plus a short array move; emptied levels are pooled.
/// </summary>
internal sealed class BookSide
{
    private readonly bool _isBid;
    private readonly decimal _emptyBest;
    private readonly decimal _through;
    private readonly Stack<PriceLevel> _pool = new();
    private PriceLevel[] _levels = new PriceLevel[16];
    private int _count;

    /// <param name="isBid">Bids (best = highest) or asks (best = lowest).</param>
    /// <param name="through">How far beyond the best price the market must trade to fill it: 0 (touch) or a tick.</param>
    public BookSide(bool isBid, decimal through = 0m)
    {
        _isBid = isBid;
        _emptyBest = isBid ? decimal.MinValue : decimal.MaxValue;
        _through = through;
        Trigger = _emptyBest;
    }

    /// <summary>
    /// The price at which the best level (highest bid, lowest ask) fills: its price moved away from the market by the
    /// fill model's distance (best bid − tick, best ask + tick; the best price itself for touch fills). Updated when the
    /// best level changes, so "is anything crossed?" is one comparison whatever the model. When the side is empty it is
    /// <see cref="decimal.MinValue"/> for bids and <see cref="decimal.MaxValue"/> for asks.
    /// </summary>
    public decimal Trigger { get; private set; }

    public int LevelCount => _count;

    public PriceLevel BestLevel => _levels[_count - 1];

    /// <summary>The level <paramref name="rank"/> places from the best (0 = best).</summary>
    public PriceLevel LevelFromBest(int rank) => _levels[_count - 1 - rank];

    /// <summary>Appends every resting order of this side to <paramref name="orders"/>.</summary>
    public void CollectOrders(List<SimOrder> orders)
    {
        for (var i = 0; i < _count; i++)
        {
            for (var o = _levels[i].Head; o is not null; o = o.Next) orders.Add(o);
        }
    }

    public void Add(SimOrder order)
    {
        var index = Find(order.Price);
        PriceLevel level;
        if (index >= 0)
        {
            level = _levels[index];
        }
        else
        {
            index = ~index;
            level = _pool.Count > 0 ? _pool.Pop() : new PriceLevel();
            level.Price = order.Price;
            if (_count == _levels.Length) Array.Resize(ref _levels, _count * 2);
            Array.Copy(_levels, index, _levels, index + 1, _count - index);
            _levels[index] = level;
            _count++;
            SetBest(_levels[_count - 1].Price);
        }

        level.Enqueue(order);
    }

    public void Remove(SimOrder order)
    {
        var level = order.Level ?? throw new InvalidOperationException($"Order {order.Id} is not resting.");
        level.Remove(order);
        if (!level.IsEmpty) return;
        var index = Find(level.Price);
        Array.Copy(_levels, index + 1, _levels, index, _count - index - 1);
        _count--;
        Release(level);
    }

    /// <summary>Removes the head order of the best level (the next in price-time priority).</summary>
    public void RemoveBestHead()
    {
        var level = _levels[_count - 1];
        level.Remove(level.Head!);
        if (!level.IsEmpty) return;
        _count--;
        Release(level);
    }

    private void Release(PriceLevel level)
    {
        _levels[_count] = null!;
        _pool.Push(level);
        if (_count > 0) SetBest(_levels[_count - 1].Price);
        else Trigger = _emptyBest;
    }

    private void SetBest(decimal price) => Trigger = _isBid ? price - _through : price + _through;

    /// <summary>Binary search in ascending order of worse-to-better: bids ascend, asks descend.</summary>
    private int Find(decimal price)
    {
        int lo = 0, hi = _count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var c = _isBid ? _levels[mid].Price.CompareTo(price) : price.CompareTo(_levels[mid].Price);
            if (c == 0) return mid;
            if (c < 0) lo = mid + 1;
            else hi = mid - 1;
        }

        return ~lo;
    }
}
