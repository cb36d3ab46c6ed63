using GridTrader.Core.Accounting;
using GridTrader.Core.Tests.TestSupport;

namespace GridTrader.Core.Tests.Accounting;

/// <summary>Grid pairs: a sell matched to the buys of the line below it in the same grid, with its profit after both fees.</summary>
public class GridPairBookTests
{
    private const string Btc = TestMarkets.Symbol;

    [Fact]
    public void Apply_SellOneLineAboveABuy_BooksOnePairWithItsProfitAfterBothFees()
    {
        var ledger = Fills.LedgerWith(nok: 10_000m);
        ledger.Apply(Fills.Buy(1000m, 0.5m, fee: 2.5m, orderId: 1, minute: 1) with { Level = 3 });

        ledger.Apply(Fills.Sell(1100m, 0.5m, fee: 2.75m, orderId: 2, minute: 5) with { Level = 4 });

        // proceeds 550 − 2.75 = 547.25; cost 500 + 2.5 = 502.5
        Assert.Equal(44.75m, ledger.GridPairs.Profit);
        Assert.Equal(1, ledger.GridPairs.Count);
        Assert.Equal(new GridPair(2, Btc, 0, 4, 0.5m, 502.5m, 547.25m, 44.75m, TestMarkets.Start.AddMinutes(5)), Assert.Single(ledger.GridPairs.Pairs));
        Assert.Equal(44.75m, ledger.GridPairs.ProfitOf(Btc));
        Assert.Equal(1, ledger.GridPairs.CountOf(Btc));
    }

    [Fact]
    public void Apply_SellAfterAHigherBuy_FifoShowsALossWhileTheGridPairEarnedItsSpacing()
    {
        var ledger = Fills.LedgerWith(nok: 10_000m);
        // The grid bought at line 5 (1100) first, then the price fell and it bought at line 2 (1000).
        ledger.Apply(Fills.Buy(1100m, 0.1m, fee: 0.55m, orderId: 1, minute: 1) with { Level = 5 });
        ledger.Apply(Fills.Buy(1000m, 0.1m, fee: 0.5m, orderId: 2, minute: 2) with { Level = 2 });

        // The sell one line above the second buy fills.
        ledger.Apply(Fills.Sell(1030m, 0.1m, fee: 0.515m, orderId: 3, minute: 3) with { Level = 3 });

        // FIFO takes the oldest coins (bought at 1100): a loss. The grid pair (1000 → 1030) earned its step.
        Assert.Equal(102.485m - 110.55m, ledger.RealizedPnl);
        Assert.True(ledger.RealizedPnl < 0);
        Assert.Equal(102.485m - 100.5m, ledger.GridPairs.Profit);
        Assert.Equal(1, ledger.GridPairs.Count);
    }

    [Fact]
    public void Apply_SellWithoutABuyBelow_IsNoGridPair()
    {
        var ledger = Fills.LedgerWith(nok: 10_000m, btc: 0.5m, markPrice: 1000m);
        ledger.Apply(Fills.Buy(900m, 0.1m, fee: 0.45m, orderId: 1) with { Level = 1 });

        // Coins held at the start are sold at line 6: no buy of line 5 explains them.
        ledger.Apply(Fills.Sell(1100m, 0.2m, fee: 1.1m, orderId: 2, minute: 1) with { Level = 6 });

        Assert.Equal(0m, ledger.GridPairs.Profit);
        Assert.Equal(0, ledger.GridPairs.Count);
        Assert.NotEqual(0m, ledger.RealizedPnl);
    }

    [Fact]
    public void Apply_SellOfARebuiltGrid_IsNotPairedWithTheOldGridsBuys()
    {
        var ledger = Fills.LedgerWith(nok: 10_000m);
        ledger.Apply(Fills.Buy(1000m, 0.1m, fee: 0.5m, orderId: 1) with { Level = 2, Epoch = 0 });

        ledger.Apply(Fills.Sell(1200m, 0.1m, fee: 0.6m, orderId: 2, minute: 1) with { Level = 3, Epoch = 1 });

        Assert.Equal(0, ledger.GridPairs.Count);
    }

    [Fact]
    public void Apply_PartialSellsOfOneOrderAcrossTwoBuys_AreOnePairWithTheMatchedPartOnly()
    {
        var ledger = Fills.LedgerWith(nok: 10_000m);
        ledger.Apply(Fills.Buy(1000m, 0.1m, fee: 0.5m, orderId: 1) with { Level = 2 });
        ledger.Apply(Fills.Buy(1000m, 0.05m, fee: 0.25m, orderId: 4, minute: 1) with { Level = 2 });

        ledger.Apply(Fills.Sell(1030m, 0.1m, fee: 0.515m, orderId: 3, minute: 2) with { Level = 3 });
        ledger.Apply(Fills.Sell(1030m, 0.1m, fee: 0.515m, orderId: 3, minute: 3) with { Level = 3 });

        // 0.15 of the 0.2 sold came from line 2; the last 0.05 has no buy below it.
        var pair = Assert.Single(ledger.GridPairs.Pairs);
        Assert.Equal(0.15m, pair.Amount);
        Assert.Equal(150.75m, pair.Cost);
        Assert.Equal(102.485m + 102.485m * 0.5m, pair.Proceeds);
        Assert.Equal(pair.Proceeds - pair.Cost, ledger.GridPairs.Profit);
        Assert.Equal(TestMarkets.Start.AddMinutes(3), pair.ClosedAt);
    }

    [Fact]
    public void Apply_FeeInBase_PairsTheCoinsThatArrivedAndCountsTheSellersFee()
    {
        var ledger = Fills.LedgerWith(nok: 10_000m);
        // 0.1 bought, 0.0005 BTC fee: 0.0995 arrive, costing 100.
        ledger.Apply(Fills.Buy(1000m, 0.1m, fee: 0.0005m, feeCurrency: "BTC", orderId: 1) with { Level = 2 });

        // Sells 0.099 and pays 0.000495 BTC: 0.099495 coins leave, proceeds 101.97.
        ledger.Apply(Fills.Sell(1030m, 0.099m, fee: 0.000495m, feeCurrency: "BTC", orderId: 2, minute: 1) with { Level = 3 });

        var pair = Assert.Single(ledger.GridPairs.Pairs);
        Assert.Equal(0.099495m, pair.Amount);
        Assert.Equal(100m * 0.099495m / 0.0995m, pair.Cost);
        Assert.Equal(101.97m, pair.Proceeds);
    }

    [Fact]
    public void Apply_FillsOfUnknownLevel_AreIgnored()
    {
        var ledger = Fills.LedgerWith(nok: 10_000m);
        ledger.Apply(Fills.Buy(1000m, 0.1m, fee: 0.5m, orderId: 1));
        ledger.Apply(Fills.Sell(1030m, 0.1m, fee: 0.515m, orderId: 2, minute: 1));

        Assert.Equal(0, ledger.GridPairs.Count);
        Assert.Single(ledger.RoundTrips);
    }
}
