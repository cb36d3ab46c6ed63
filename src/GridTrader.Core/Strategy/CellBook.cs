namespace GridTrader.Core.Strategy;

/// <summary>
/// What each cell of a grid holds: the base it bought and not yet sold, and the quote the grid paid for it (fees
/// included). The cost is what "never sell below cost" and "buy within the budget" are measured against; coins the
/// grid did not buy (base already on the account) carry no cost.
/// </summary>
internal sealed class CellBook
{
    private decimal[] _held = [];
    private decimal[] _cost = [];

    public int Count => _held.Length;

    public decimal TotalHeld { get; private set; }

    public decimal TotalCost { get; private set; }

    public decimal Held(int cell) => _held[cell];

    public decimal Cost(int cell) => _cost[cell];

    public decimal[] HeldSnapshot() => [.. _held];

    public decimal[] CostSnapshot() => [.. _cost];

    /// <summary>Starts over with <paramref name="cells"/> cells holding <paramref name="held"/>, at <paramref name="cost"/> (none when null).</summary>
    public void Reset(int cells, IReadOnlyList<decimal> held, IReadOnlyList<decimal>? cost)
    {
        _held = new decimal[cells];
        _cost = new decimal[cells];
        for (var i = 0; i < cells && i < held.Count; i++) _held[i] = held[i];
        for (var i = 0; cost is not null && i < cells && i < cost.Count; i++) _cost[i] = cost[i];
        Recount();
    }

    /// <summary>
    /// Carries coins into a new grid: <paramref name="held"/> as the planner placed them, the old grid's total cost spread
    /// over them in proportion (coins are alike; their average cost goes with them).
    /// </summary>
    public void Carry(int cells, IReadOnlyList<decimal> held, decimal totalCost)
    {
        Reset(cells, held, null);
        if (TotalHeld <= 0 || totalCost <= 0) return;
        for (var i = 0; i < _held.Length; i++) _cost[i] = totalCost * _held[i] / TotalHeld;
        Recount();
    }

    /// <summary>A buy of the cell filled: <paramref name="baseReceived"/> arrived for <paramref name="quotePaid"/>.</summary>
    public void Bought(int cell, decimal baseReceived, decimal quotePaid)
    {
        _held[cell] += baseReceived;
        _cost[cell] += quotePaid;
        TotalHeld += baseReceived;
        TotalCost += quotePaid;
    }

    /// <summary>The cell sold <paramref name="amount"/>: its cost falls in proportion to what it still holds.</summary>
    public void Sold(int cell, decimal amount)
    {
        var before = _held[cell];
        var after = Math.Max(0m, before - amount);
        var cost = before > 0 ? _cost[cell] * after / before : 0m;
        TotalHeld += after - before;
        TotalCost += cost - _cost[cell];
        _held[cell] = after;
        _cost[cell] = cost;
    }

    /// <summary>An exit sold <paramref name="amount"/> of the whole grid: taken from the top cell down.</summary>
    public void SoldAcross(decimal amount)
    {
        for (var i = _held.Length - 1; i >= 0 && amount > 0; i--)
        {
            var take = Math.Min(_held[i], amount);
            if (take <= 0) continue;
            Sold(i, take);
            amount -= take;
        }
    }

    /// <summary>
    /// The lowest price at which selling everything the cell holds returns what it cost after the sell fee; 0 when the
    /// coins carry no cost.
    /// </summary>
    public decimal BreakEven(int cell, decimal sellFeeRate)
    {
        var held = _held[cell];
        return held > 0 && _cost[cell] > 0 ? _cost[cell] / (held * (1 - sellFeeRate)) : 0m;
    }

    private void Recount()
    {
        TotalHeld = 0m;
        TotalCost = 0m;
        for (var i = 0; i < _held.Length; i++)
        {
            TotalHeld += _held[i];
            TotalCost += _cost[i];
        }
    }
}
