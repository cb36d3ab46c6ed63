using GridTrader.Core.Markets;

namespace GridTrader.Core.Accounting;

/// <summary>
/// An execution of one of the bot's orders, with the fee in the currency the exchange charged it in, and the grid line
/// (<see cref="Level"/>, −1 when unknown) and grid generation (<see cref="Epoch"/>) of its order: the grid-pair book
/// pairs a sell with the buys of the line below in the same grid.
/// </summary>
public sealed record Fill(
    long OrderId,
    string Market,
    string BaseCurrency,
    string QuoteCurrency,
    Side Side,
    decimal Price,
    decimal Amount,
    decimal Fee,
    string FeeCurrency,
    DateTimeOffset Time,
    int Level = -1,
    int Epoch = 0)
{
    public decimal Value => Price * Amount;

    public bool FeeInQuote => string.Equals(FeeCurrency, QuoteCurrency, StringComparison.OrdinalIgnoreCase);

    /// <summary>Fee expressed in quote currency (base fees valued at the fill price).</summary>
    public decimal FeeInQuoteValue => FeeInQuote ? Fee : Fee * Price;
}
