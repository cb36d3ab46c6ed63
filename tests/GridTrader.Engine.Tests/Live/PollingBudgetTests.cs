using GridTrader.Engine.Live;

namespace GridTrader.Engine.Tests.Live;

public sealed class PollingBudgetTests
{
    private static readonly TimeSpan Five = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Thirty = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(40)]
    public void Plan_AnyNumberOfMarkets_StaysWithinThePollingShareOfTheBudget(int markets)
    {
        var plan = PollingBudget.Plan(1.0, markets, Five, Five, Thirty, privateCallsRemote: true);

        Assert.True(plan.RequestsPerMinute <= 60 * PollingBudget.PollingShare + 1e-9, plan.ToString());
        // Recount from the intervals: ticker 2 + trades 1 + orders 1 per market, balances once.
        var recount = markets * ((3 * 60 / plan.TickerInterval.TotalSeconds) + (60 / plan.OrderPollInterval.TotalSeconds)) + (60 / plan.BalanceInterval.TotalSeconds);
        Assert.Equal(recount, plan.RequestsPerMinute, 6);
    }

    [Fact]
    public void Plan_ThreeMarketsAtOneRequestASecond_StretchesEveryIntervalByTheSameFactor()
    {
        var plan = PollingBudget.Plan(1.0, 3, Five, Five, Thirty, privateCallsRemote: true);

        Assert.True(plan.Stretched);
        Assert.Equal(plan.TickerInterval, plan.OrderPollInterval);
        Assert.Equal(plan.TickerInterval, plan.TradePollInterval);
        Assert.Equal(45, plan.RequestsPerMinute, 6);
        Assert.Equal(14.8, plan.PerMarketPerMinute, 1);
        Assert.Equal(16.2, plan.TickerInterval.TotalSeconds, 1);
    }

    [Fact]
    public void Plan_AmpleBudget_KeepsTheConfiguredIntervals()
    {
        var plan = PollingBudget.Plan(100, 3, Five, Five, Thirty, privateCallsRemote: true);

        Assert.False(plan.Stretched);
        Assert.Equal((Five, Five, Thirty), (plan.TickerInterval, plan.OrderPollInterval, plan.BalanceInterval));
    }

    [Fact]
    public void Plan_PaperMode_CountsOnlyThePublicCalls()
    {
        var live = PollingBudget.Plan(1.0, 1, Five, Five, Thirty, privateCallsRemote: true);
        var paper = PollingBudget.Plan(1.0, 1, Five, Five, Thirty, privateCallsRemote: false);

        Assert.Equal(36, paper.PerMarketPerMinute, 6);
        Assert.False(paper.Stretched);
        Assert.True(live.Stretched);
    }
}
