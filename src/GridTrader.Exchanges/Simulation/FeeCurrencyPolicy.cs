namespace GridTrader.Exchanges.Simulation;

/// <summary>Which currency a fill's fee is charged in.</summary>
public enum FeeCurrencyPolicy
{
    /// <summary>Both sides pay the fee in the quote currency (Firi: a <c>MatchFee</c> in NOK on buys and sells).</summary>
    Quote = 0,

    /// <summary>The fee is taken from what the order receives: a buyer pays in base, a seller in quote.</summary>
    Received = 1,
}
