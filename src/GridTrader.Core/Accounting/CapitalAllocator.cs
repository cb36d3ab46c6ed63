namespace GridTrader.Core.Accounting;

/// <summary>
/// How much of the account one market's grid may use: a share of equity (<see cref="CapitalFraction"/>) or a fixed sum
/// in the market's quote currency (<see cref="InvestmentNok"/>), exactly one of the two. With
/// <see cref="CompoundGridProfit"/> the grid's realized grid profit is added to it (see <see cref="CapitalBasis"/>).
/// </summary>
public sealed record MarketBudget
{
    private MarketBudget(decimal? capitalFraction, decimal? investmentNok)
    {
        CapitalFraction = capitalFraction;
        InvestmentNok = investmentNok;
    }

    /// <summary>The grid's share of equity (0–1]; null for a fixed budget.</summary>
    public decimal? CapitalFraction { get; }

    /// <summary>A fixed budget in the market's quote currency (NOK on Firi); null for a share of equity.</summary>
    public decimal? InvestmentNok { get; }

    /// <summary>Realized grid profit raises the budget at the grid's next plan (off by default).</summary>
    public bool CompoundGridProfit { get; init; }

    public static MarketBudget Fraction(decimal capitalFraction)
    {
        if (capitalFraction is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(capitalFraction), capitalFraction, "A capital fraction is in (0, 1].");
        return new MarketBudget(capitalFraction, null);
    }

    public static MarketBudget Fixed(decimal investmentNok)
    {
        if (investmentNok <= 0) throw new ArgumentOutOfRangeException(nameof(investmentNok), investmentNok, "A fixed budget is positive.");
        return new MarketBudget(null, investmentNok);
    }

    /// <summary>The budget a market's configuration states: exactly one of the two (the validator has checked it).</summary>
    public static MarketBudget Of(decimal? capitalFraction, decimal? investmentNok, bool compoundGridProfit = false)
    {
        if (capitalFraction is not null == investmentNok is not null)
            throw new ArgumentException("A market's budget is either a capital fraction or a fixed investment, exactly one of the two.");
        return (investmentNok is { } nok ? Fixed(nok) : Fraction(capitalFraction!.Value)) with { CompoundGridProfit = compoundGridProfit };
    }

    /// <summary>The budget in both currencies of thought, e.g. "20000 NOK (20 % of equity 100000 NOK)".</summary>
    public string Describe(decimal equity, string quoteCurrency)
    {
        var capital = CapitalAllocator.Allocate(this, equity);
        var share = CapitalAllocator.FractionOf(capital, equity);
        var text = InvestmentNok is { } nok
            ? FormattableString.Invariant($"{nok:0.##} {quoteCurrency} ({share:P1} of equity {equity:0.##} {quoteCurrency})")
            : FormattableString.Invariant($"{CapitalFraction:P1} of equity = {capital:0.##} {quoteCurrency}");
        return CompoundGridProfit ? text + ", compounding grid profit" : text;
    }
}

/// <summary>
/// The one rule for the capital a market's grid is given, used by <c>plan</c>, backtests, paper and live alike, so
/// what <c>plan</c> shows is what the bot places. Equity is valued the same way everywhere: quote balances plus held
/// base at the market price.
/// </summary>
public static class CapitalAllocator
{
    /// <summary>
    /// The capital (quote currency) for a grid with <paramref name="budget"/> on an account worth <paramref name="equity"/>:
    /// the fixed budget, or the share of equity; plus <paramref name="compounded"/> grid profit when the budget compounds;
    /// never more than <paramref name="maxFraction"/> of equity (the per-market cap) and never below zero. An account
    /// worth nothing (or not read yet) allocates nothing.
    /// </summary>
    public static decimal Allocate(MarketBudget budget, decimal equity, decimal maxFraction = 1m, decimal compounded = 0m)
    {
        ArgumentNullException.ThrowIfNull(budget);
        if (equity <= 0m) return 0m;
        var capital = budget.InvestmentNok ?? equity * budget.CapitalFraction!.Value;
        if (budget.CompoundGridProfit) capital += compounded;
        return Math.Clamp(capital, 0m, equity * maxFraction);
    }

    /// <summary>Capital as a share of equity (0 when equity is not positive).</summary>
    public static decimal FractionOf(decimal capital, decimal equity) => equity > 0m ? capital / equity : 0m;

    /// <summary>Equity of a one-market account: quote plus base valued at <paramref name="price"/>.</summary>
    public static decimal EquityOf(decimal quote, decimal baseAmount, decimal price) => quote + baseAmount * price;
}

/// <summary>
/// What a market's capital was measured from when the engine started it, so it can be measured again at every plan.
/// </summary>
/// <remarks>
/// Compounding, exactly: at every grid plan (the first one, each rebuild and each recentre) the capital is
/// <c>base + grid profit realized since the base was measured</c>, capped by the per-market cap of the start equity.
/// A fixed budget's base never changes, so all the market's grid profit counts (<see cref="GridProfitAtStart"/> is 0);
/// a fraction's base is measured from equity at start, which already holds every profit realized before, so only
/// the grid profit since this start counts. Grid profit is rebuilt from the stored fills, so the capital after a
/// restart is the same number.
/// </remarks>
/// <param name="Budget">The market's budget.</param>
/// <param name="Equity">Equity when the market was started (the base of a fraction and of the cap).</param>
/// <param name="MaxFraction">The per-market cap as a share of equity.</param>
/// <param name="GridProfitAtStart">The market's grid profit that is already part of the base.</param>
public sealed record CapitalBasis(MarketBudget Budget, decimal Equity, decimal MaxFraction, decimal GridProfitAtStart)
{
    /// <summary>A basis for <paramref name="budget"/> started on <paramref name="equity"/> with the market's grid profit so far.</summary>
    public static CapitalBasis Start(MarketBudget budget, decimal equity, decimal maxFraction, decimal gridProfitSoFar)
    {
        ArgumentNullException.ThrowIfNull(budget);
        return new CapitalBasis(budget, equity, maxFraction, budget.InvestmentNok is null ? gridProfitSoFar : 0m);
    }

    /// <summary>The capital of the next plan, given the market's grid profit now.</summary>
    public decimal Capital(decimal gridProfit) => CapitalAllocator.Allocate(Budget, Equity, MaxFraction, gridProfit - GridProfitAtStart);

    /// <summary>The per-market cap in quote currency.</summary>
    public decimal Cap => Equity * MaxFraction;
}
