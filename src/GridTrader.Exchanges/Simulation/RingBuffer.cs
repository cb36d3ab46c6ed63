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

    public int Capacity => _items.Length;

    /// <summary>Adds an item; returns true and the dropped item when the buffer was full.</summary>
    public bool Add(T item, out T evicted)
    {
        var full = Count == _items.Length;
        evicted = full ? _items[_next] : default!;
        _items[_next] = item;
        _next = _next + 1 == _items.Length ? 0 : _next + 1;
        if (!full) Count++;
        return full;
    }

    public void Add(T item) => Add(item, out _);

    /// <summary>The item <paramref name="age"/> places back from the newest (0 = newest).</summary>
    public ref readonly T Newest(int age)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)age, (uint)Count, nameof(age));
        var index = _next - 1 - age;
        if (index < 0) index += _items.Length;
        return ref _items[index];
    }
}
