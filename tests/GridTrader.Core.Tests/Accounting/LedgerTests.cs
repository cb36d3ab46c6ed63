using GridTrader.Core.Accounting;
using GridTrader.Core.Tests.TestSupport;

namespace GridTrader.Core.Tests.Accounting;

public class LedgerTests
{
    private const string Btc = TestMarkets.Symbol;

    [Fact]
    public void Apply_BuyWithQuoteFee_PaysValuePlusFeeAndCountsTheFeeAsCost()
    {
        var ledger = Fills.LedgerWith(nok: 10_000m);

        var realized = ledger.Apply(Fills.Buy(1000m, 0.5m, fee: 2.5m)); // 0.5% of 500

        Assert.Equal(0m, realized);
        Assert.Equal(9497.5m, ledger.Balance("NOK")); // 10 000 − 500 − 2.5
        Assert.Equal(0.5m, ledger.Balance("BTC"));
        Assert.Equal(0.5m, ledger.PositionOf(Btc));
        Assert.Equal(502.5m, ledger.CostBasisOf(Btc));
        Assert.Equal(2.5m, ledger.FeesPaid["NOK"]);
        Assert.Equal(2.5m, ledger.FeesInQuoteOf(Btc));
    }

    [Fact]
    public void Apply_SellWithQuoteFee_RealizesProceedsMinusFifoCost()
    {
        var ledger = Fills.LedgerWith(nok: 10_000m);
        ledger.Apply(Fills.Buy(1000m, 0.5m, fee: 2.5m, minute: 1));

        var realized = ledger.Apply(Fills.Sell(1100m, 0.5m, fee: 2.75m, orderId: 9, minute: 5));

        // proceeds 550 − 2.75 = 547.25; cost 502.5; realized 44.75
        Assert.Equal(44.75m, realized);
        Assert.Equal(10_044.75m, ledger.Balance("NOK"));
        Assert.Equal(0m, ledger.Balance("BTC"));
        Assert.Equal(0m, ledger.PositionOf(Btc));
        var trip = Assert.Single(ledger.RoundTrips);
        Assert.Equal(new RoundTrip(9, Btc, -1, 0.5m, 502.5m, 547.25m, 2.75m, 44.75m, TestMarkets.Start.AddMinutes(1),
            TestMarkets.Start.AddMinutes(5)), trip);
        Assert.Equal(5.25m, ledger.FeesInQuote);
    }

    [Fact]
    public void Apply_BuyWithBaseFee_HoldsOnlyWhatArrivedAndTheNextSellFits()
    {
        var ledger = Fills.LedgerWith(nok: 10_000m);

        ledger.Apply(Fills.Buy(1000m, 0.5m, fee: 0.0025m, feeCurrency: "BTC"));

        // Pays 500 NOK, receives 0.5 − 0.0025 = 0.4975 BTC whose cost is the full 500.
        Assert.Equal(9500m, ledger.Balance("NOK"));
        Assert.Equal(0.4975m, ledger.Balance("BTC"));
        Assert.Equal(0.4975m, ledger.PositionOf(Btc));
        Assert.Equal(500m, ledger.CostBasisOf(Btc));
        Assert.Equal(0.0025m, ledger.FeesPaid["BTC"]);
        Assert.Equal(2.5m, ledger.FeesInQuoteOf(Btc)); // 0.0025 BTC valued at the fill price

        var realized = ledger.Apply(Fills.Sell(1100m, 0.4975m, fee: 2.73625m));

        // 0.4975 × 1100 = 547.25; − 0.5% fee 2.73625 = 544.51375; − cost 500
        Assert.Equal(44.51375m, realized);
        Assert.Equal(0m, ledger.Balance("BTC"));
    }

    [Fact]
    public void Apply_SellWithBaseFee_ConsumesTheFeeCoinsToo()
    {
        var ledger = Fills.LedgerWith(nok: 10_000m);
        ledger.Apply(Fills.Buy(1000m, 1m, fee: 5m)); // lot: 1 BTC costing 1005

        var realized = ledger.Apply(Fills.Sell(1100m, 0.5m, fee: 0.0025m, feeCurrency: "BTC"));

        // 0.5025 BTC leave the lot (cost 1005 × 0.5025 = 505.0125); proceeds 550.
        Assert.Equal(44.9875m, realized);
        Assert.Equal(0.4975m, ledger.Balance("BTC"));
        Assert.Equal(0.4975m, ledger.PositionOf(Btc));
        Assert.Equal(499.9875m, ledger.CostBasisOf(Btc));
    }

    [Fact]
    public void Apply_SellsAcrossSeveralLots_ConsumeTheOldestFirst()
    {
        var ledger = Fills.LedgerWith(nok: 10_000m);
        ledger.Apply(Fills.Buy(1000m, 1m, fee: 5m, minute: 1)); // lot A: 1 @ 1005
        ledger.Apply(Fills.Buy(1200m, 1m, fee: 6m, minute: 2)); // lot B: 1 @ 1206
        ledger.Apply(Fills.Buy(900m, 1m, fee: 4.5m, minute: 3)); // lot C: 1 @ 904.5

        var first = ledger.Apply(Fills.Sell(1300m, 1.5m, fee: 9.75m, orderId: 10, minute: 4));

        // all of A (1005) + half of B (603) = 1608; proceeds 1950 − 9.75 = 1940.25
        Assert.Equal(332.25m, first);
        Assert.Equal(1.5m, ledger.PositionOf(Btc));
        Assert.Equal(1507.5m, ledger.CostBasisOf(Btc)); // 603 + 904.5
        Assert.Equal(TestMarkets.Start.AddMinutes(1), ledger.RoundTrips[0].OpenedAt);

        var second = ledger.Apply(Fills.Sell(1000m, 1m, fee: 5m, orderId: 11, minute: 5));

        // rest of B (603) + half of C (452.25) = 1055.25; proceeds 1000 − 5 = 995
        Assert.Equal(-60.25m, second);
        Assert.Equal(452.25m, ledger.CostBasisOf(Btc));
        Assert.Equal(272m, ledger.RealizedPnl); // 332.25 − 60.25
        Assert.Equal(TestMarkets.Start.AddMinutes(2), ledger.RoundTrips[1].OpenedAt);
    }

    [Fact]
    public void Apply_PartialFillsOfOneSellOrder_AggregateIntoOneRoundTrip()
    {
        var ledger = Fills.LedgerWith(nok: 10_000m);
        ledger.Apply(Fills.Buy(1000m, 0.5m, fee: 2.5m, minute: 1)); // lot 0.5 @ 502.5

        ledger.Apply(Fills.Sell(1100m, 0.2m, fee: 1.1m, orderId: 42, minute: 5));
        ledger.Apply(Fills.Sell(1100m, 0.3m, fee: 1.65m, orderId: 42, minute: 8));

        // cost 201 + 301.5; proceeds (220 − 1.1) + (330 − 1.65) = 547.25
        var trip = Assert.Single(ledger.RoundTrips);
        Assert.Equal(new RoundTrip(42, Btc, -1, 0.5m, 502.5m, 547.25m, 2.75m, 44.75m, TestMarkets.Start.AddMinutes(1),
            TestMarkets.Start.AddMinutes(8)), trip);
        Assert.Equal(1, ledger.RoundTripCountOf(Btc));
        Assert.Equal(0, ledger.RoundTripCountOf("ETHNOK"));
    }

    [Fact]
    public void UnrealizedAndEquity_OpenPosition_MarkToThePrice()
    {
        var ledger = Fills.LedgerWith(nok: 10_000m);
        ledger.Apply(Fills.Buy(1000m, 0.5m, fee: 2.5m));

        // 9497.5 NOK + 0.5 × 1200 = 10 097.5; unrealized 600 − 502.5 = 97.5
        Assert.Equal(97.5m, ledger.UnrealizedPnl(Btc, 1200m));
        Assert.Equal(10_097.5m, ledger.Equity(Btc, 1200m));
        Assert.Equal(10_097.5m, ledger.Equity(new Dictionary<string, decimal> { [Btc] = 1200m }));
        Assert.Equal(ledger.InitialValue + ledger.RealizedPnl + ledger.UnrealizedPnl(Btc, 1200m), ledger.Equity(Btc, 1200m));
        Assert.Equal(-2.5m, ledger.UnrealizedPnl(Btc, 1000m)); // only the fee is lost at the buy price
    }

    [Fact]
    public void RegisterMarket_BaseHeldAtTheStart_IsALotAtTheMarkPrice()
    {
        var ledger = Fills.LedgerWith(nok: 10_000m, btc: 1m, markPrice: 1000m);

        Assert.Equal(11_000m, ledger.InitialValue);
        Assert.Equal(1m, ledger.PositionOf(Btc));
        Assert.Equal(1000m, ledger.CostBasisOf(Btc));

        var realized = ledger.Apply(Fills.Sell(1100m, 1m, fee: 5.5m));

        Assert.Equal(94.5m, realized); // 1100 − 5.5 − 1000
    }

    [Fact]
    public void RegisterMarket_TwoMarketsSharingTheQuote_CountTheQuoteOnce()
    {
        var ledger = Fills.LedgerWith(nok: 10_000m);

        ledger.RegisterMarket("ETHNOK", "ETH", "NOK", 100m);

        Assert.Equal(10_000m, ledger.InitialValue);
    }

    [Theory]
    [InlineData(0, 1, 0)]
    [InlineData(1000, 0, 0)]
    [InlineData(1000, 1, -1)]
    public void Apply_InvalidFill_Throws(decimal price, decimal amount, decimal fee)
    {
        var ledger = Fills.LedgerWith(nok: 10_000m);

        Assert.Throws<ArgumentException>(() => ledger.Apply(Fills.Buy(price, amount, fee)));
    }
}
