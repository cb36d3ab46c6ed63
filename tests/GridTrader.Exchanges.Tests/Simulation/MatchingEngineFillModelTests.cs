using GridTrader.Core.Markets;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Exchanges.Simulation;
using static GridTrader.Exchanges.Tests.Simulation.Sim;

namespace GridTrader.Exchanges.Tests.Simulation;

/// <summary>
/// The three fill models on hand-made candles and moves. BTCNOK has 2 price decimals, so one tick is 0.01 NOK:
/// with trade-through a bid at 99 000 needs a price of 98 999.99 or lower, an ask at 101 000 one of 101 000.01 or higher.
/// </summary>
public class MatchingEngineFillModelTests
{
    private static readonly MatchingEngineOptions Touch = new() { FillModel = FillModel.Touch };
    private static readonly MatchingEngineOptions TradeThrough = new() { FillModel = FillModel.TradeThrough };
    private static readonly MatchingEngineOptions TenPercent = new() { FillModel = FillModel.VolumeShare, VolumeParticipation = 0.1m };

    [Fact]
    public void ProcessCandle_TradeThroughAndLowTouchingTheBid_FillsNothing()
    {
        var engine = Engine(TradeThrough);
        var bid = engine.Buy(99_000m, 0.01m);

        engine.ProcessCandle(Market, Candle(0, 100_000m, 100_200m, 99_000m, 100_100m));

        Assert.Equal(0, engine.PendingFillCount);
        Assert.Equal(0.01m, engine.GetOrder(bid).Value.Remaining);
    }

    [Fact]
    public void ProcessCandle_TouchAndLowTouchingTheBid_Fills()
    {
        // The same candle as above: only the model differs.
        var engine = Engine(Touch);
        var bid = engine.Buy(99_000m, 0.01m);

        engine.ProcessCandle(Market, Candle(0, 100_000m, 100_200m, 99_000m, 100_100m));

        Assert.Equal(bid, Assert.Single(engine.Drain()).OrderId);
    }

    [Fact]
    public void ProcessCandle_TradeThroughAndLowOneTickBelowTheBid_FillsAtTheLimitAsMaker()
    {
        var engine = Engine(TradeThrough);
        var bid = engine.Buy(99_000m, 0.01m);

        engine.ProcessCandle(Market, Candle(0, 100_000m, 100_200m, 98_999.99m, 100_100m));

        var fill = Assert.Single(engine.Drain());
        Assert.Equal((bid, 99_000m, true, 0.01m), (fill.OrderId, fill.Price, fill.IsMaker, fill.Amount));
        Assert.Equal(OpenTime(0).AddSeconds(20), fill.Time);
    }

    [Theory]
    [InlineData(101_000, false)]
    [InlineData(101_000.01, true)]
    public void ProcessCandle_TradeThroughAsk_FillsOnlyWhenTheHighIsATickAbove(double high, bool fills)
    {
        var engine = Engine(TradeThrough);
        var ask = engine.Sell(101_000m, 0.01m);

        engine.ProcessCandle(Market, Candle(0, 100_000m, (decimal)high, 99_900m, 100_500m));

        Assert.Equal(fills, engine.GetOrder(ask).Value.Remaining == 0m);
    }

    [Fact]
    public void ProcessCandle_TradeThroughAndOpenGappingThroughTheBid_FillsAtTheLimitNotTheOpen()
    {
        var engine = Engine(TradeThrough);
        var bid = engine.Buy(99_000m, 0.01m);

        engine.ProcessCandle(Market, Candle(0, 97_000m, 97_500m, 96_500m, 97_200m));

        var fill = Assert.Single(engine.Drain());
        Assert.Equal((bid, 99_000m, OpenTime(0)), (fill.OrderId, fill.Price, fill.Time));
    }

    [Fact]
    public void ProcessCandle_TradeThroughWithTwoBidLevels_FillsOnlyTheLevelTradedThrough()
    {
        // After the best level fills, the next one needs its own tick through: 98 999.99 is only touched.
        var engine = Engine(TradeThrough);
        var top = engine.Buy(99_000m, 0.01m);
        var next = engine.Buy(98_999.99m, 0.01m);

        engine.ProcessCandle(Market, Candle(0, 100_000m, 100_200m, 98_999.99m, 100_100m));

        Assert.Equal(top, Assert.Single(engine.Drain()).OrderId);
        Assert.Equal(0.01m, engine.GetOrder(next).Value.Remaining);
    }

    [Fact]
    public void ProcessCandle_TradeThroughAfterTheBestBidIsCancelled_UsesTheNextBidsPrice()
    {
        var engine = Engine(TradeThrough);
        var best = engine.Buy(99_000m, 0.01m);
        var lower = engine.Buy(98_000m, 0.01m);
        Assert.True(engine.CancelOrder(best).IsSuccess);

        engine.ProcessCandle(Market, Candle(0, 100_000m, 100_200m, 98_500m, 100_100m));
        Assert.Equal(0, engine.PendingFillCount);

        engine.ProcessCandle(Market, Candle(1, 100_100m, 100_200m, 97_999.99m, 100_000m));
        Assert.Equal(lower, Assert.Single(engine.Drain()).OrderId);
    }

    [Fact]
    public void ProcessCandle_TradeThroughOnAMarketOfWholeUnits_NeedsAWholeUnitThrough()
    {
        // The tick is the market's price step: with 0 decimals a buy at 99 000 needs 98 999 or lower.
        var market = new MarketInfo("BTCSEK", "BTC", "SEK", priceDecimals: 0, amountDecimals: 8, minAmount: 0.0001m);
        var engine = new MatchingEngine(TradeThrough);
        engine.AddMarket(market);
        engine.Deposit("SEK", 10_000m);
        engine.MoveTo("BTCSEK", 100_000m, T0);
        var bid = engine.PlaceOrder("BTCSEK", Side.Buy, 99_000m, 0.01m, T0).Value;

        engine.ProcessCandle("BTCSEK", Candle(0, 100_000m, 100_000m, 98_999.5m, 99_500m));
        Assert.Equal(0, engine.PendingFillCount);

        engine.ProcessCandle("BTCSEK", Candle(1, 99_500m, 99_800m, 98_999m, 99_700m));
        Assert.Equal(bid, Assert.Single(engine.Drain()).OrderId);
    }

    [Theory]
    [InlineData(99_000, false)]
    [InlineData(98_999.99, true)]
    public void MoveTo_TradeThrough_FillsOnlyAPriceATickThroughTheBid(double price, bool fills)
    {
        var engine = Engine(TradeThrough);
        var bid = engine.Buy(99_000m, 0.01m);

        engine.MoveTo(Market, (decimal)price, T0.AddSeconds(1));

        Assert.Equal(fills, engine.GetOrder(bid).Value.Remaining == 0m);
    }

    [Fact]
    public void AdvanceCandle_TradeThroughAndAPathThatOnlyReachesTheAsk_FillsNothing()
    {
        var engine = Engine(TradeThrough);
        var ask = engine.Sell(101_000m, 0.01m);

        engine.BeginCandle(Market, Candle(0, 100_000m, 101_000m, 99_500m, 100_800m), OpenTime(0));
        for (var step = 1; step <= 20; step++) engine.AdvanceCandle(Market, step / 20d, OpenTime(0).AddSeconds(step * 3));

        Assert.False(engine.IsCandleActive(Market));
        Assert.Equal(0.01m, engine.GetOrder(ask).Value.Remaining);
    }

    [Fact]
    public void PlaceOrder_TradeThroughAndABuyAtTheLastPrice_StillExecutesAtOnceAsTaker()
    {
        // The model is about resting orders; a marketable order crosses the spread whatever the model.
        var engine = Engine(TradeThrough);

        engine.Buy(StartPrice, 0.01m);

        var fill = Assert.Single(engine.Drain());
        Assert.Equal((StartPrice, false), (fill.Price, fill.IsMaker));
    }

    [Fact]
    public void ProcessCandle_VolumeShare_FillsAtMostTheShareOfTheCandleAndLeavesTheRestResting()
    {
        var engine = Engine(TenPercent);
        var bid = engine.Buy(99_000m, 0.25m);

        // Volume 1 BTC: 0.1 BTC may fill; 0.15 keeps resting at the same price.
        engine.ProcessCandle(Market, Candle(0, 100_000m, 100_000m, 98_000m, 98_500m, volume: 1m));

        var fill = Assert.Single(engine.Drain());
        Assert.Equal((0.1m, 0.1m, 0.15m), (fill.Amount, fill.Matched, fill.Remaining));
        var order = engine.GetOrder(bid).Value;
        Assert.Equal((0.15m, 0m), (order.Remaining, order.Cancelled));
        Assert.Equal([new BookLevel(99_000m, 0.15m)], engine.GetOrderBook(Market, 5).Value.Bids);
    }

    [Fact]
    public void ProcessCandle_VolumeShareWithAmpleVolume_StillNeedsTheTickThrough()
    {
        var engine = Engine(TenPercent);
        var bid = engine.Buy(99_000m, 0.01m);

        engine.ProcessCandle(Market, Candle(0, 100_000m, 100_000m, 99_000m, 99_500m, volume: 1_000m));

        Assert.Equal(0, engine.PendingFillCount);
        Assert.Equal(0.01m, engine.GetOrder(bid).Value.Remaining);
    }

    [Fact]
    public void MoveTo_VolumeShareWithATradeOfVolume_FillsAtMostTheShareOfThatTrade()
    {
        var engine = Engine(TenPercent);
        var bid = engine.Buy(99_000m, 0.05m);

        engine.MoveTo(Market, 98_990m, T0.AddSeconds(1), volume: 0.2m);
        engine.MoveTo(Market, 98_980m, T0.AddSeconds(2), volume: 0.4m);

        Assert.Equal([0.02m, 0.03m], engine.Drain().Select(f => f.Amount));
        Assert.True(engine.GetOrder(bid).Value.IsClosed);
    }

    [Fact]
    public void MoveTo_VolumeShareWithoutVolume_OnlyMovesThePrice()
    {
        // A ticker says where the price is, not how much traded there: it cannot prove a fill.
        var engine = Engine(TenPercent);
        var bid = engine.Buy(99_000m, 0.05m);

        engine.MoveTo(Market, 98_000m, T0.AddSeconds(1));

        Assert.Equal(0, engine.PendingFillCount);
        Assert.Equal(0.05m, engine.GetOrder(bid).Value.Remaining);
        Assert.True(engine.TryGetLastPrice(Market, out var last));
        Assert.Equal(98_000m, last);
    }

    [Fact]
    public void MoveTo_TouchWithACandleCap_IsNotCappedAsBefore()
    {
        // The Firi mock's setting: touch fills with a cap along candles; moves stay uncapped.
        var engine = Engine(new MatchingEngineOptions { FillModel = FillModel.Touch, VolumeParticipation = 0.1m });
        engine.Buy(99_000m, 0.5m);

        engine.MoveTo(Market, 99_000m, T0.AddSeconds(1), volume: 0.1m);

        Assert.Equal(0.5m, Assert.Single(engine.Drain()).Amount);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0.0)]
    [InlineData(1.5)]
    public void Constructor_VolumeShareWithoutAShareInZeroToOne_Throws(double? share)
    {
        var options = new MatchingEngineOptions { FillModel = FillModel.VolumeShare, VolumeParticipation = (decimal?)share };

        Assert.Throws<ArgumentOutOfRangeException>(() => new MatchingEngine(options));
    }

    [Fact]
    public void Constructor_TradeThroughWithAVolumeCap_Throws()
    {
        var options = new MatchingEngineOptions { FillModel = FillModel.TradeThrough, VolumeParticipation = 0.1m };

        Assert.Throws<ArgumentException>(() => new MatchingEngine(options));
    }
}
