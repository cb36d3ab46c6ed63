namespace GridTrader.Core.Accounting;

/// <summary>
/// A completed (or partly completed) sell and the FIFO cost of the coins it sold: one grid round trip.
/// Amounts accumulate over the sell order's partial fills.
/// </summary>
public sealed record RoundTrip(
    long SellOrderId,
    string Market,
    int Level,
    decimal Amount,
    decimal Cost,
    decimal Proceeds,
    decimal Fees,
    decimal RealizedPnl,
    DateTimeOffset OpenedAt,
    DateTimeOffset ClosedAt);
