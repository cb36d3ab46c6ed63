using GridTrader.Core.Markets;
using GridTrader.Core.Orders;

namespace GridTrader.Exchanges.Simulation;

/// <summary>
/// The engine's mutable record of one order. It is also a node of its price level's FIFO queue,
/// so resting, filling and cancelling move no memory.
/// </summary>
internal sealed class SimOrder(long id, SimMarket market, Side side, decimal price, decimal amount, DateTimeOffset createdAt)
{
    public long Id { get; } = id;
    public SimMarket Market { get; } = market;
    public Side Side { get; } = side;
    public decimal Price { get; } = price;
    public decimal Amount { get; } = amount;
    public DateTimeOffset CreatedAt { get; } = createdAt;

    public decimal Matched;
    public decimal Remaining = amount;
    public decimal Cancelled;

    /// <summary>What this order still reserves of its hold currency (quote for buys, base for sells).</summary>
    public decimal HoldRemaining;

    /// <summary>Hold per unit of amount: the limit price (plus the fee when held) for buys, 1 for sells.</summary>
    public decimal HoldPerUnit;

    public PriceLevel? Level;
    public SimOrder? Previous;
    public SimOrder? Next;

    public BalanceAccount HoldAccount => Side == Side.Buy ? Market.Quote : Market.Base;

    public ExchangeOrder ToSnapshot() =>
        new(Id, Market.Info.Symbol, Side, Price, Amount, Matched, Remaining, Cancelled, CreatedAt);
}
