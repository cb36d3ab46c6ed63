using GridTrader.Core.Markets;

namespace GridTrader.Core.Orders;

/// <summary>Something that happened to a tracked order. Immutable; journaled and logged as is.</summary>
public abstract record OrderEvent(long OrderId, string Market, DateTimeOffset Time);

/// <summary>The order moved from one state to another.</summary>
public sealed record OrderStateChanged(long OrderId, string Market, OrderState From, OrderState To, string? Reason, DateTimeOffset Time)
    : OrderEvent(OrderId, Market, Time);

/// <summary>
/// New quantity matched on an order. <see cref="CumulativeFilled"/> is the order's total matched amount after this
/// fill, which makes applying the same exchange snapshot twice a no-op.
/// </summary>
public sealed record OrderFilled(
    long OrderId,
    long? ExchangeOrderId,
    string Market,
    Side Side,
    int Level,
    int Cell,
    decimal Price,
    decimal Amount,
    decimal CumulativeFilled,
    decimal Remaining,
    bool IsComplete,
    DateTimeOffset Time) : OrderEvent(OrderId, Market, Time)
{
    public decimal Value => Price * Amount;
}
