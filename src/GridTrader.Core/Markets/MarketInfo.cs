namespace GridTrader.Core.Markets;

/// <summary>
/// What the bot must know about a market to place valid orders. Firi publishes no tick or
/// minimum size, so these come from configuration with Firi's observed defaults
/// (NOK prices 2 decimals, amounts 8 decimals).
/// </summary>
public sealed record MarketInfo
{
    public MarketInfo(string symbol, string baseCurrency, string quoteCurrency,
        int priceDecimals = 2, int amountDecimals = 8, decimal minAmount = 0.0001m, decimal minOrderValue = 0m)
    {
        if (string.IsNullOrWhiteSpace(symbol)) throw new ArgumentException("Market symbol is required.", nameof(symbol));
        if (string.IsNullOrWhiteSpace(baseCurrency)) throw new ArgumentException("Base currency is required.", nameof(baseCurrency));
        if (string.IsNullOrWhiteSpace(quoteCurrency)) throw new ArgumentException("Quote currency is required.", nameof(quoteCurrency));
        ArgumentOutOfRangeException.ThrowIfNegative(priceDecimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(priceDecimals, 18);
        ArgumentOutOfRangeException.ThrowIfNegative(amountDecimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(amountDecimals, 18);
        ArgumentOutOfRangeException.ThrowIfNegative(minAmount);
        ArgumentOutOfRangeException.ThrowIfNegative(minOrderValue);
        Symbol = symbol.ToUpperInvariant();
        BaseCurrency = baseCurrency.ToUpperInvariant();
        QuoteCurrency = quoteCurrency.ToUpperInvariant();
        PriceDecimals = priceDecimals;
        AmountDecimals = amountDecimals;
        MinAmount = minAmount;
        MinOrderValue = minOrderValue;
        PriceTick = Quantizer.Step(priceDecimals);
        AmountStep = Quantizer.Step(amountDecimals);
    }

    public string Symbol { get; }
    public string BaseCurrency { get; }
    public string QuoteCurrency { get; }
    public int PriceDecimals { get; }
    public int AmountDecimals { get; }

    /// <summary>Smallest order amount in base currency.</summary>
    public decimal MinAmount { get; }

    /// <summary>Smallest order value (price × amount) in quote currency.</summary>
    public decimal MinOrderValue { get; }

    public decimal PriceTick { get; }
    public decimal AmountStep { get; }

    /// <summary>
    /// Rounds a price to the tick. Buys round down and sells round up, so quantising never makes
    /// an order more aggressive (or more expensive) than the grid asked for.
    /// </summary>
    public decimal RoundPrice(decimal price, Side side) =>
        side == Side.Buy ? Quantizer.Floor(price, PriceDecimals) : Quantizer.Ceiling(price, PriceDecimals);

    /// <summary>Rounds an amount toward zero: an order is never rounded up past what the balance allows.</summary>
    /// <remarks>Toward zero rather than down, so a negative difference (more held than a cell targets) shrinks in size
    /// too instead of growing by a step.</remarks>
    public decimal RoundAmount(decimal amount) => Quantizer.TowardZero(amount, AmountDecimals);

    /// <summary>True when the amount and its value at <paramref name="price"/> meet the market's minimums.</summary>
    public bool MeetsMinimum(decimal price, decimal amount) =>
        amount > 0 && amount >= MinAmount && price * amount >= MinOrderValue;

    /// <summary>Builds a market from a concatenated symbol such as BTCNOK, assuming a 3-letter quote currency.</summary>
    public static MarketInfo FromSymbol(string symbol, int priceDecimals = 2, int amountDecimals = 8,
        decimal minAmount = 0.0001m, decimal minOrderValue = 0m)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        var s = symbol.Trim().ToUpperInvariant();
        if (s.Length < 6) throw new ArgumentException($"Cannot split market symbol '{symbol}' into base and quote.", nameof(symbol));
        var quoteLength = s.EndsWith("USDT", StringComparison.Ordinal) || s.EndsWith("USDC", StringComparison.Ordinal) ? 4 : 3;
        return new MarketInfo(s, s[..^quoteLength], s[^quoteLength..], priceDecimals, amountDecimals, minAmount, minOrderValue);
    }
}
