namespace GridTrader.Exchanges.Simulation;

/// <summary>The orders resting at one price, oldest first (time priority), as an intrusive linked list.</summary>
internal sealed class PriceLevel
{
    public decimal Price;
    public SimOrder? Head;
    public SimOrder? Tail;

    public bool IsEmpty => Head is null;

    public void Enqueue(SimOrder order)
    {
        order.Level = this;
        order.Previous = Tail;
        order.Next = null;
        if (Tail is null) Head = order;
        else Tail.Next = order;
        Tail = order;
    }

    public void Remove(SimOrder order)
    {
        if (order.Previous is null) Head = order.Next;
        else order.Previous.Next = order.Next;
        if (order.Next is null) Tail = order.Previous;
        else order.Next.Previous = order.Previous;
        order.Level = null;
        order.Previous = null;
        order.Next = null;
    }

    public decimal TotalRemaining()
    {
        var total = 0m;
        for (var o = Head; o is not null; o = o.Next) total += o.Remaining;
        return total;
    }
}
