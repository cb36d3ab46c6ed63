namespace GridTrader.Research;

/// <summary>The best <c>capacity</c> items seen so far by a comparer (smallest first): O(capacity) memory however many are offered.</summary>
internal sealed class TopList<T>(int capacity, IComparer<T> order)
{
    private readonly List<T> _items = new(capacity + 1);

    public IReadOnlyList<T> Items => _items;

    public void Offer(T item)
    {
        if (_items.Count == capacity && order.Compare(item, _items[^1]) >= 0) return;
        var at = _items.BinarySearch(item, order);
        _items.Insert(at < 0 ? ~at : at, item);
        if (_items.Count > capacity) _items.RemoveAt(_items.Count - 1);
    }
}
