using GridTrader.Core.Markets;

namespace GridTrader.Exchanges.Simulation;

/// <summary>
/// One execution of one of the account's orders in the matching engine. <see cref="Amount"/> is this
/// fill only; <see cref="Matched"/> and <see cref="Remaining"/> are the order's totals right after it.
/// </summary>
public sealed record SimFill(
    long OrderId,
    string Market,
    Side Side,
    decimal Price,
    decimal Amount,
    decimal Fee,
    string FeeCurrency,
    bool IsMaker,
    DateTimeOffset Time,
    decimal Matched,
    decimal Remaining)
{
    /// <summary>Price × amount in quote currency, before fees.</summary>
    public decimal Cost => Price * Amount;
}
