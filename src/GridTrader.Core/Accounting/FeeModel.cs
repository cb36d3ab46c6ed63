using GridTrader.Core.Markets;

namespace GridTrader.Core.Accounting;

/// <summary>In which currency an exchange charges its trading fee.</summary>
public enum FeeCurrencyPolicy
{
    /// <summary>Always the quote currency (Firi: fees show up as NOK <c>MatchFee</c> rows).</summary>
    Quote,
    /// <summary>The currency the side receives: base on a buy, quote on a sell.</summary>
    Received,
}

/// <summary>Fee rate and currency rule of an exchange; computes the fee of a fill.</summary>
public sealed record FeeModel(decimal Rate, FeeCurrencyPolicy Policy = FeeCurrencyPolicy.Quote)
{
    public static FeeModel Firi { get; } = new(0.005m);

    public (decimal Fee, string Currency) FeeFor(MarketInfo market, Side side, decimal price, decimal amount) =>
        Policy == FeeCurrencyPolicy.Received && side == Side.Buy
            ? (amount * Rate, market.BaseCurrency)
            : (price * amount * Rate, market.QuoteCurrency);

    /// <summary>Base a buy of <paramref name="amount"/> actually delivers after fees.</summary>
    public decimal NetBaseReceived(Side side, decimal amount) =>
        side == Side.Buy && Policy == FeeCurrencyPolicy.Received ? amount - amount * Rate : amount;
}
