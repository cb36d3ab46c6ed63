namespace GridTrader.Exchanges.Firi;

/// <summary>How many decimals Firi accepts for one market's prices and amounts (not published by the API).</summary>
public sealed class FiriMarketPrecision
{
    public int PriceDecimals { get; set; } = FiriClientOptions.DefaultPriceDecimals;

    public int AmountDecimals { get; set; } = FiriClientOptions.DefaultAmountDecimals;
}
