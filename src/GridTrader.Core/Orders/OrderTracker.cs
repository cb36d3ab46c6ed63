using GridTrader.Core.Markets;

namespace GridTrader.Core.Orders;

/// <summary>
/// Every order the bot knows, indexed by local id and exchange id. Enforces the grid invariant that a
/// level carries at most one live order.
/// </summary>
public sealed class OrderTracker
{
    private readonly Dictionary<long, TrackedOrder> _byId = [];
    private readonly Dictionary<long, TrackedOrder> _byExchangeId = [];
    private readonly Dictionary<(string Market, int Level), TrackedOrder> _liveByLevel = [];
    private readonly HashSet<long> _knownExchangeIds = [];
    private long _nextId;

    // No live order expires before this (a lower bound, exact after a recount). Lets the frequent "anything due?"
    // question be one comparison; it goes stale when the order that set it leaves the live set.
    private DateTimeOffset _earliestExpiry = DateTimeOffset.MaxValue;
    private bool _earliestExpiryStale;

    public OrderTracker(long firstId = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(firstId);
        _nextId = firstId;
    }

    public int Count => _byId.Count;

    public IEnumerable<TrackedOrder> All => _byId.Values;

    /// <summary>Live orders (at most one per level), without scanning final ones.</summary>
    public IEnumerable<TrackedOrder> Live => _liveByLevel.Values;

    public IEnumerable<TrackedOrder> LiveIn(string market)
    {
        foreach (var order in _liveByLevel.Values)
        {
            if (string.Equals(order.Market, market, StringComparison.OrdinalIgnoreCase)) yield return order;
        }
    }

    public int LiveCount => _liveByLevel.Count;

    /// <summary>The next local id that <see cref="CreateIntent"/> will use.</summary>
    public long NextId => _nextId;

    public bool TryGet(long id, out TrackedOrder order) => _byId.TryGetValue(id, out order!);

    public TrackedOrder? FindByExchangeId(long exchangeId) => _byExchangeId.GetValueOrDefault(exchangeId);

    /// <summary>
    /// True for every exchange id any of the bot's orders ever had, including final orders no longer held in memory.
    /// Reconciliation uses it so an old filled order is never mistaken for a lost create or a foreign order.
    /// </summary>
    public bool IsKnownExchangeId(long exchangeId) => _knownExchangeIds.Contains(exchangeId);

    /// <summary>Remembers exchange ids of stored orders that are not loaded (final ones) after a restart.</summary>
    public void RememberExchangeIds(IEnumerable<long> exchangeIds) => _knownExchangeIds.UnionWith(exchangeIds);

    public TrackedOrder? LiveAt(string market, int level) => _liveByLevel.GetValueOrDefault((market, level));

    /// <summary>Records a new intent. Refuses a second live order on a level.</summary>
    public TrackedOrder CreateIntent(string market, Side side, decimal price, decimal amount, int level, int cell, int epoch,
        DateTimeOffset now, TimeSpan? timeToLive)
    {
        if (_liveByLevel.TryGetValue((market, level), out var existing))
            throw new InvalidOperationException($"Level {level} of {market} already has live order {existing}.");
        var order = new TrackedOrder(_nextId++, market, side, price, amount, level, cell, epoch, now,
            timeToLive is { } ttl && ttl > TimeSpan.Zero ? now + ttl : null);
        Add(order);
        return order;
    }

    /// <summary>Adds a restored order (from storage).</summary>
    public void Add(TrackedOrder order)
    {
        if (!_byId.TryAdd(order.Id, order)) throw new InvalidOperationException($"Order {order.Id} is already tracked.");
        if (order.ExchangeId is { } x)
        {
            _byExchangeId[x] = order;
            _knownExchangeIds.Add(x);
        }
        if (!order.IsFinal)
        {
            if (!_liveByLevel.TryAdd((order.Market, order.Level), order))
                throw new InvalidOperationException($"Level {order.Level} of {order.Market} already has a live order.");
            if (order.ExpiresAt is { } at && at < _earliestExpiry) _earliestExpiry = at;
        }

        if (order.Id >= _nextId) _nextId = order.Id + 1;
    }

    /// <summary>
    /// A released order stops being the bot's: its exchange id is forgotten, so the exchange's copy is foreign from now
    /// on (reported, never touched, never adopted as a lost create of the same id).
    /// </summary>
    public void Forget(TrackedOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.State != OrderState.Released) throw new InvalidOperationException($"Order {order.Id}: only a released order is forgotten (state {order.State}).");
        if (order.ExchangeId is not { } x) return;
        _knownExchangeIds.Remove(x);
        _byExchangeId.Remove(x);
    }

    /// <summary>Keeps the indexes current after an order changed; call after every state change.</summary>
    public void Updated(TrackedOrder order)
    {
        if (order.ExchangeId is { } x && order.State != OrderState.Released)
        {
            _byExchangeId[x] = order;
            _knownExchangeIds.Add(x);
        }
        if (order.IsFinal && _liveByLevel.TryGetValue((order.Market, order.Level), out var live) && live.Id == order.Id)
        {
            _liveByLevel.Remove((order.Market, order.Level));
            if (order.ExpiresAt == _earliestExpiry) _earliestExpiryStale = true;
        }
    }

    /// <summary>Live orders whose time-to-live has passed and that have no cancel requested yet.</summary>
    public List<TrackedOrder> DueForExpiry(DateTimeOffset now)
    {
        var due = new List<TrackedOrder>();
        foreach (var o in _liveByLevel.Values)
        {
            if (IsDueForExpiry(o, now)) due.Add(o);
        }

        return due;
    }

    /// <summary>True when <see cref="DueForExpiry"/> would return something; allocates nothing (checked often).</summary>
    public bool AnyDueForExpiry(DateTimeOffset now)
    {
        if (_earliestExpiryStale)
        {
            _earliestExpiry = DateTimeOffset.MaxValue;
            foreach (var o in _liveByLevel.Values)
            {
                if (o.ExpiresAt is { } at && at < _earliestExpiry) _earliestExpiry = at;
            }

            _earliestExpiryStale = false;
        }

        if (now < _earliestExpiry) return false;
        foreach (var o in _liveByLevel.Values)
        {
            if (IsDueForExpiry(o, now)) return true;
        }

        return false;
    }

    private static bool IsDueForExpiry(TrackedOrder o, DateTimeOffset now) => o.IsExpired(now) && o.CancelReason is null && o.ExchangeId is not null;

    /// <summary>Quote value (price × remaining) of the live buys of <paramref name="market"/>.</summary>
    public decimal OpenBuyValue(string market)
    {
        var value = 0m;
        foreach (var o in _liveByLevel.Values)
        {
            if (o.Side == Side.Buy && string.Equals(o.Market, market, StringComparison.OrdinalIgnoreCase)) value += o.Price * o.Remaining;
        }

        return value;
    }

    /// <summary>Removes final orders older than <paramref name="before"/> from memory (they stay in storage).</summary>
    public int PruneFinal(DateTimeOffset before)
    {
        var old = _byId.Values.Where(o => o.IsFinal && o.UpdatedAt < before).Select(o => o.Id).ToList();
        foreach (var id in old)
        {
            var order = _byId[id];
            _byId.Remove(id);
            if (order.ExchangeId is { } x) _byExchangeId.Remove(x);
        }

        return old.Count;
    }
}
