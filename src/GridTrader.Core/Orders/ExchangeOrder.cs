using GridTrader.Core.Markets;

namespace GridTrader.Core.Orders;

/// <summary>
/// The exchange's view of one order at one moment, in Firi's terms: <c>amount = matched + remaining + cancelled</c>.
/// Fills are derived from the growth of <see cref="Matched"/> between snapshots.
/// </summary>
public sealed record ExchangeOrder(
    long Id,
    string Market,
    Side Side,
    decimal Price,
    decimal Amount,
    decimal Matched,
    decimal Remaining,
    decimal Cancelled,
    DateTimeOffset CreatedAt)
{
    /// <summary>Nothing remains: the order is filled, cancelled, or both.</summary>
    public bool IsClosed => Remaining <= 0;

    public bool IsConsistent =>
        Id > 0 && Price > 0 && Amount > 0 && Matched >= 0 && Remaining >= 0 && Cancelled >= 0
        && Matched + Remaining + Cancelled == Amount;
}
