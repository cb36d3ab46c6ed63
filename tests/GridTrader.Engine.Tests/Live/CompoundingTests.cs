using GridTrader.Core.Accounting;
using GridTrader.Core.Markets;
using GridTrader.Engine.Live;

namespace GridTrader.Engine.Tests.Live;

/// <summary>
/// A fixed NOK budget, and compounding: realized grid profit raises the budget of the grid's next plan, the same after a
/// restart. The grid: 6 levels, 1.5% fixed spacing around 1,000,000 NOK on an account of 100,000 NOK.
/// </summary>
public sealed class CompoundingTests
{
    private static async Task<LiveHarness> WithOnePairAsync(MarketBudget budget)
    {
        var h = new LiveHarness { Budget = budget };
        await h.StartAsync();
        await h.StepUntilAsync(() => h.OpenOnExchange().Count == 3, "the starting buys rest");
        h.MoveTo(984_000m);
        await h.StepUntilAsync(() => h.OpenOnExchange().Any(o => o.Side == Side.Sell), "the counter-sell rests");
        h.MoveTo(1_001_000m);
        await h.StepUntilAsync(() => h.Engine!.Snapshot!.GridPairs == 1, "the sell closes a grid pair");
        return h;
    }

    private static Core.Strategy.GridStrategy Strategy(LiveHarness h) => h.Engine!.Core!.Market(LiveHarness.Symbol)!.Strategy;

    [Fact]
    public async Task FixedBudget_FirstPlan_SplitsTheSumOverTheCells()
    {
        await using var h = new LiveHarness { Budget = MarketBudget.Fixed(15_000m) };
        await h.StartAsync();
        await h.StepUntilAsync(() => h.OpenOnExchange().Count == 3, "the starting buys rest");

        Assert.Equal(15_000m, Strategy(h).Plan!.CapitalQuote);
        var market = h.Engine!.Snapshot!.Markets[0];
        Assert.Equal(15_000m, market.Capital);
        Assert.Equal(15_000m, market.BudgetNok);
        Assert.Null(market.BudgetFraction);
        // 15,000 over 6 cells, the buy at 985,000 with its fee: 2,500 / (985,000 × 1.005) BTC.
        Assert.Equal(Strategy(h).Market.RoundAmount(2_500m / (985_000m * 1.005m)), h.OpenOnExchange().Single(o => o.Price == 985_000m).Amount);
    }

    [Fact]
    public async Task Compounding_GridPair_RaisesTheNextPlansCapitalByItsProfit()
    {
        await using var h = await WithOnePairAsync(MarketBudget.Fixed(15_000m) with { CompoundGridProfit = true });
        var profit = h.Engine!.Snapshot!.GridProfit;
        Assert.True(profit > 0);

        // The grid in place keeps its sizes; the next plan gets the profit.
        Assert.Equal(15_000m, Strategy(h).Plan!.CapitalQuote);
        Assert.Equal(15_000m + profit, Strategy(h).CapitalQuote);
        Assert.Equal(15_000m + profit, h.Engine.Snapshot.Markets[0].NextCapital);

        await h.CommandAsync(new RecenterCommand(LiveHarness.Symbol, "operator"));
        await h.StepUntilAsync(() => Strategy(h).Epoch == 1 && Strategy(h).Plan is not null, "grid #1 is planned");
        Assert.Equal(15_000m + profit, Strategy(h).Plan!.CapitalQuote);
    }

    [Fact]
    public async Task Compounding_Restart_GivesTheSameCapitalFromTheStoredFills()
    {
        await using var h = await WithOnePairAsync(MarketBudget.Fixed(15_000m) with { CompoundGridProfit = true });
        var before = Strategy(h).CapitalQuote;
        var plan = Strategy(h).Plan!.CapitalQuote;

        await h.StopAsync();
        await h.StartAsync();
        await h.StepAsync();

        Assert.Equal(before, Strategy(h).CapitalQuote);
        Assert.Equal(plan, Strategy(h).Plan!.CapitalQuote);
        Assert.True(before > 15_000m);
    }

    [Fact]
    public async Task NotCompounding_GridPair_LeavesTheBudgetAsConfigured()
    {
        await using var h = await WithOnePairAsync(MarketBudget.Fixed(15_000m));

        Assert.True(h.Engine!.Snapshot!.GridProfit > 0);
        Assert.Equal(15_000m, Strategy(h).CapitalQuote);
    }
}
