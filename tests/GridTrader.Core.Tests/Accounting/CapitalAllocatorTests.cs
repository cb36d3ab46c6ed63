using GridTrader.Core.Accounting;

namespace GridTrader.Core.Tests.Accounting;

/// <summary>The one rule for a market's capital: a share of equity or a fixed sum, within the cap, optionally compounding.</summary>
public class CapitalAllocatorTests
{
    [Fact]
    public void Allocate_Fraction_IsThatShareOfEquity()
    {
        Assert.Equal(20_000m, CapitalAllocator.Allocate(MarketBudget.Fraction(0.2m), 100_000m, 0.2m));
        Assert.Equal(40_000m, CapitalAllocator.Allocate(MarketBudget.Fraction(0.2m), 200_000m, 0.2m));
    }

    [Fact]
    public void Allocate_FixedBudget_IsTheSumWhateverTheEquity()
    {
        Assert.Equal(15_000m, CapitalAllocator.Allocate(MarketBudget.Fixed(15_000m), 100_000m, 0.2m));
        Assert.Equal(15_000m, CapitalAllocator.Allocate(MarketBudget.Fixed(15_000m), 500_000m, 0.2m));
    }

    [Fact]
    public void Allocate_FixedBudgetAboveTheCap_IsCappedAtTheCap()
    {
        Assert.Equal(10_000m, CapitalAllocator.Allocate(MarketBudget.Fixed(15_000m), 50_000m, 0.2m));
    }

    [Fact]
    public void Allocate_AccountWorthNothing_AllocatesNothing()
    {
        Assert.Equal(0m, CapitalAllocator.Allocate(MarketBudget.Fixed(15_000m), 0m, 0.2m));
        Assert.Equal(0m, CapitalAllocator.Allocate(MarketBudget.Fraction(0.2m), -5m));
    }

    [Fact]
    public void Allocate_CompoundingBudget_AddsTheGridProfitAndAPlainOneDoesNot()
    {
        var plain = MarketBudget.Fixed(15_000m);
        var compounding = plain with { CompoundGridProfit = true };

        Assert.Equal(15_000m, CapitalAllocator.Allocate(plain, 100_000m, 0.2m, compounded: 250m));
        Assert.Equal(15_250m, CapitalAllocator.Allocate(compounding, 100_000m, 0.2m, compounded: 250m));
        Assert.Equal(20_000m, CapitalAllocator.Allocate(compounding, 100_000m, 0.2m, compounded: 9_000m)); // still within the cap
    }

    [Fact]
    public void CapitalBasis_FixedBudget_CompoundsAllTheMarketsGridProfit()
    {
        var basis = CapitalBasis.Start(MarketBudget.Fixed(15_000m) with { CompoundGridProfit = true }, 100_000m, 0.2m, gridProfitSoFar: 300m);

        // The base never moves, so profit earned before this start counts too.
        Assert.Equal(15_300m, basis.Capital(300m));
        Assert.Equal(15_450m, basis.Capital(450m));
    }

    [Fact]
    public void CapitalBasis_Fraction_CompoundsOnlyTheGridProfitSinceItsEquityWasMeasured()
    {
        // Equity at start already holds the 300 earned before it.
        var basis = CapitalBasis.Start(MarketBudget.Fraction(0.1m) with { CompoundGridProfit = true }, 100_000m, 0.2m, gridProfitSoFar: 300m);

        Assert.Equal(10_000m, basis.Capital(300m));
        Assert.Equal(10_150m, basis.Capital(450m));
        Assert.Equal(20_000m, basis.Cap);
    }

    [Fact]
    public void Of_BothOrNeither_IsMisuse()
    {
        Assert.Throws<ArgumentException>(() => MarketBudget.Of(0.2m, 15_000m));
        Assert.Throws<ArgumentException>(() => MarketBudget.Of(null, null));
        Assert.Equal(15_000m, MarketBudget.Of(null, 15_000m, compoundGridProfit: true).InvestmentNok);
        Assert.Throws<ArgumentOutOfRangeException>(() => MarketBudget.Fixed(0m));
        Assert.Throws<ArgumentOutOfRangeException>(() => MarketBudget.Fraction(1.5m));
    }

    [Fact]
    public void Describe_SpeaksInBothUnits()
    {
        Assert.Equal("15000 NOK (15.0 % of equity 100000 NOK)", MarketBudget.Fixed(15_000m).Describe(100_000m, "NOK"));
        Assert.Equal("20.0 % of equity = 20000 NOK, compounding grid profit",
            (MarketBudget.Fraction(0.2m) with { CompoundGridProfit = true }).Describe(100_000m, "NOK"));
    }
}
