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

    [Theory]
    [InlineData(0.2, 100_000, 20_000)]
    [InlineData(0.35, 12_345.60, 4_320.96)]
    [InlineData(1.0, 5_000, 5_000)]
    public void Allocate_PositiveEquity_IsTheBudgetsShareOfIt(decimal fraction, decimal equity, decimal expected)
    {
        Assert.Equal(expected, CapitalAllocator.Allocate(MarketBudget.Fraction(fraction), equity));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1_000)]
    public void Allocate_EquityNotPositive_GivesNothing(decimal equity)
    {
        Assert.Equal(0m, CapitalAllocator.Allocate(MarketBudget.Fraction(0.5m), equity));
    }

    [Fact]
    public void Allocate_NoBudget_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => CapitalAllocator.Allocate(null!, 1_000m));
    }

    [Fact]
    public void EquityOf_QuoteAndBase_CountsBaseAtThePrice()
    {
        // 1,000 NOK plus 0.015 BTC at 1,000,000 NOK.
        Assert.Equal(16_000m, CapitalAllocator.EquityOf(1_000m, 0.015m, 1_000_000m));
        Assert.Equal(1_000m, CapitalAllocator.EquityOf(1_000m, 0m, 1_000_000m));
    }

    [Fact]
    public void AllocateOfEquityOf_HeldBase_GivesTheGridAShareOfQuotePlusBase()
    {
        // What plan, backtest and live all do: equity counts held base, then the budget takes its share.
        var capital = CapitalAllocator.Allocate(MarketBudget.Fraction(0.25m), CapitalAllocator.EquityOf(10_000m, 0.01m, 1_000_000m));

        Assert.Equal(5_000m, capital);
    }
}
