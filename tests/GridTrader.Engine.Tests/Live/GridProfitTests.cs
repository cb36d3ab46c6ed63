using GridTrader.Core.Accounting;
using GridTrader.Core.Markets;
using GridTrader.Engine.Live;

namespace GridTrader.Engine.Tests.Live;

/// <summary>
/// Grid profit in the live engine: each sell matched to the buy of the line below, shown beside FIFO P&amp;L, and rebuilt
/// exactly from the stored fills after a restart. The grid: 6 levels, 1.5% fixed spacing around 1,000,000 NOK.
/// </summary>
public sealed class GridProfitTests
{
    /// <summary>The price dips through the buy at 985,000 and comes back through its sell at 1,000,000: one grid pair.</summary>
    private static async Task CompleteOnePairAsync(LiveHarness h, decimal buyLine, decimal sellLine)
    {
        h.MoveTo(buyLine - 1_000m);
        await h.StepUntilAsync(() => h.OpenOnExchange().Any(o => o.Side == Side.Sell && o.Price == sellLine), $"the counter-sell at {sellLine} rests");
        var pairs = h.Engine!.Snapshot!.GridPairs;
        h.MoveTo(sellLine + 1_000m);
        await h.StepUntilAsync(() => h.Engine!.Snapshot!.GridPairs == pairs + 1, "the sell fills and closes a grid pair");
    }

    [Fact]
    public async Task Snapshot_BuyThenSellOneLineUp_ReportsOneGridPairWithItsProfitAfterFees()
    {
        await using var h = new LiveHarness();
        await h.StartAsync();
        await h.StepUntilAsync(() => h.OpenOnExchange().Count == 3, "the starting buys rest");

        await CompleteOnePairAsync(h, 985_000m, 1_000_000m);

        var s = h.Engine!.Snapshot!;
        var fills = await h.Store.LoadFillsAsync();
        var buy = Assert.Single(fills, f => f.Side == Side.Buy);
        var sell = Assert.Single(fills, f => f.Side == Side.Sell);
        var expected = sell.Price * sell.Amount - sell.Fee - (buy.Price * buy.Amount + buy.Fee);
        Assert.True(expected > 0);
        Assert.Equal(expected, s.GridProfit);
        Assert.Equal(1, s.GridPairs);
        var market = Assert.Single(s.Markets);
        Assert.Equal(expected, market.GridProfit);
        Assert.Equal(1, market.GridPairs);
    }

    [Fact]
    public async Task Restart_PairsOfTwoGrids_AreRebuiltExactlyFromTheStoredFills()
    {
        await using var h = new LiveHarness();
        await h.StartAsync();
        await h.StepUntilAsync(() => h.OpenOnExchange().Count == 3, "the starting buys rest");
        await CompleteOnePairAsync(h, 985_000m, 1_000_000m);

        // The operator rebuilds the grid around 1,001,000: the next pair belongs to grid #1.
        await h.CommandAsync(new RecenterCommand(LiveHarness.Symbol, "operator"));
        await h.StepUntilAsync(() => h.Engine!.Snapshot!.Markets[0] is { Epoch: 1, OpenOrders: > 0 }, "grid #1 rests its buys");
        var lines = h.Engine!.Snapshot!.Markets[0].GridLines;
        var center = lines.Count / 2;
        await CompleteOnePairAsync(h, lines[center - 1], lines[center]);
        var before = h.Engine!.Core!.Ledger.GridPairs;
        var pairsBefore = before.Pairs.ToList();
        Assert.Equal(2, pairsBefore.Count);
        Assert.Equal([0, 1], pairsBefore.Select(p => p.Epoch));

        await h.StopAsync();
        await h.StartAsync();
        await h.StepAsync();

        var after = h.Engine!.Core!.Ledger.GridPairs;
        Assert.Equal(pairsBefore, after.Pairs);
        Assert.Equal(before.Profit, after.Profit);
        Assert.Equal(before.Profit, h.Engine.Snapshot!.GridProfit);
        Assert.Equal(2, h.Engine.Snapshot.GridPairs);
        Assert.Equal([0, 0, 1, 1], (await h.Store.LoadFillsAsync()).Select(f => f.Epoch));
    }

    [Fact]
    public async Task StoredFills_ReplayedIntoAFreshLedger_GiveTheEnginesGridProfit()
    {
        // Replaying stored fills into a fresh ledger gives the same grid figures the engine reports.
        await using var h = new LiveHarness();
        await h.StartAsync();
        await h.StepUntilAsync(() => h.OpenOnExchange().Count == 3, "the starting buys rest");
        await CompleteOnePairAsync(h, 985_000m, 1_000_000m);

        var replay = new Ledger();
        foreach (var fill in await h.Store.LoadFillsAsync()) replay.Apply(fill);

        Assert.Equal(h.Engine!.Snapshot!.GridProfit, replay.GridPairs.Profit);
        Assert.Equal(h.Engine.Snapshot.RealizedPnl, replay.RealizedPnl);
    }
}
