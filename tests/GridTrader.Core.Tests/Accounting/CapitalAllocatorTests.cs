using GridTrader.Core.Accounting;

namespace GridTrader.Core.Tests.Accounting;

public class CapitalAllocatorTests
{
    [Theory]
    [InlineData(0.2, 100_000, 20_000)]
    [InlineData(0.35, 12_345.60, 4_320.96)]
    [InlineData(1.0, 5_000, 5_000)]
    [InlineData(0.0, 5_000, 0)]
    public void Allocate_PositiveEquity_IsTheBudgetsShareOfIt(decimal fraction, decimal equity, decimal expected)
    {
        Assert.Equal(expected, CapitalAllocator.Allocate(new MarketBudget(fraction), equity));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1_000)]
    public void Allocate_EquityNotPositive_GivesNothing(decimal equity)
    {
        Assert.Equal(0m, CapitalAllocator.Allocate(new MarketBudget(0.5m), equity));
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
        var capital = CapitalAllocator.Allocate(new MarketBudget(0.25m), CapitalAllocator.EquityOf(10_000m, 0.01m, 1_000_000m));

        Assert.Equal(5_000m, capital);
    }
}
