namespace GridTrader.Exchanges.Simulation;

/// <summary>A bounded buffer that keeps the newest <c>capacity</c> items; adding never allocates.</summary>
internal sealed class RingBuffer<T>
{
    private readonly T[] _items;
    private int _next;

    public RingBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _items = new T[capacity];
    }

    public int Count { get; private set; }

    public void Add(in T item)
    {
        _items[_next] = item;
        if (++_next == _items.Length) _next = 0;
        if (Count < _items.Length) Count++;
    }

    /// <summary>Adds an item; returns true and the dropped item when the buffer was full.</summary>
    public bool Add(in T item, out T evicted)
    {
        var full = Count == _items.Length;
        evicted = full ? _items[_next] : default!;
        Add(item);
        return full;
    }

    /// <summary>The item <paramref name="age"/> places back from the newest (0 = newest).</summary>
    public ref readonly T Newest(int age)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)age, (uint)Count, nameof(age));
        var index = _next - 1 - age;
        if (index < 0) index += _items.Length;
        return ref _items[index];
    }
}
