namespace GridTrader.Core.Accounting;

/// <summary>How much of the account one market's grid may use.</summary>
/// <param name="CapitalFraction">The grid's share of equity.</param>
public sealed record MarketBudget(decimal CapitalFraction);

/// <summary>
/// The one rule for the capital a market's grid is given, used by <c>plan</c>, backtests, paper and live alike, so
/// what <c>plan</c> shows is what the bot places. Equity is valued the same way everywhere: quote balances plus held
/// base at the market price.
/// </summary>
public static class CapitalAllocator
{
    /// <summary>The capital (quote currency) for a grid with <paramref name="budget"/> on an account worth <paramref name="equity"/>.</summary>
    public static decimal Allocate(MarketBudget budget, decimal equity)
    {
        ArgumentNullException.ThrowIfNull(budget);
        return equity <= 0m ? 0m : equity * budget.CapitalFraction;
    }

    /// <summary>Equity of a one-market account: quote plus base valued at <paramref name="price"/>.</summary>
    public static decimal EquityOf(decimal quote, decimal baseAmount, decimal price) => quote + baseAmount * price;
}
