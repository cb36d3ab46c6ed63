using GridTrader.Core.Markets;
using GridTrader.Exchanges.Simulation;
using static GridTrader.Exchanges.Tests.Simulation.Sim;

namespace GridTrader.Exchanges.Tests.Simulation;

/// <summary>The price path and price-time priority, with touch fills (the engine's default); the other models: MatchingEngineFillModelTests.</summary>
public class MatchingEngineFillTests
{
    private static readonly MatchingEngineOptions Touch = new() { FillModel = FillModel.Touch };

    [Fact]
    public void ProcessCandle_BullishCandleCrossingBidAndAsk_FillsBidOnTheWayDownFirst()
    {
        var engine = Engine();
        var bid = engine.Buy(99_000m, 0.01m);
        var ask = engine.Sell(101_000m, 0.01m);

        engine.ProcessCandle(Market, Candle(0, 100_000m, 101_500m, 98_500m, 100_500m));

        var fills = engine.Drain();
        Assert.Equal([bid, ask], fills.Select(f => f.OrderId));
        Assert.Equal(OpenTime(0).AddSeconds(20), fills[0].Time);
        Assert.Equal(OpenTime(0).AddSeconds(40), fills[1].Time);
    }

    [Fact]
    public void ProcessCandle_BearishCandleCrossingBidAndAsk_FillsAskOnTheWayUpFirst()
    {
        var engine = Engine();
        var bid = engine.Buy(99_000m, 0.01m);
        var ask = engine.Sell(101_000m, 0.01m);

        engine.ProcessCandle(Market, Candle(0, 100_000m, 101_500m, 98_500m, 99_500m));

        Assert.Equal([ask, bid], engine.Drain().Select(f => f.OrderId));
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void AdvanceCandle_CounterOrderAfterFirstFill_FillsOnlyWhenThePathStillReachesIt(bool bullish, bool counterFills)
    {
        // Same high and low; only the path order differs. A grid's counter-sell placed after its bid
        // fills can still fill in a bullish candle (low first) but not in a bearish one (high first).
        var engine = Engine();
        engine.Buy(99_000m, 0.01m);
        var candle = Candle(0, 100_000m, 101_500m, 98_500m, bullish ? 100_500m : 99_500m);

        engine.BeginCandle(Market, candle, OpenTime(0));
        for (var step = 1; engine.PendingFillCount == 0; step++) engine.AdvanceCandle(Market, step / 20d, OpenTime(0));
        Assert.True(engine.IsCandleActive(Market));
        var counter = engine.Sell(101_000m, 0.01m);
        engine.AdvanceCandle(Market, 1d, OpenTime(1));

        Assert.Equal(counterFills, engine.GetOrder(counter).Value.Remaining == 0m);
    }

    [Fact]
    public void AdvanceCandle_OrderPlacedMidPath_FillsOnlyOnTheRestOfThePath()
    {
        var engine = Engine();
        // Bullish path 100 000 → 98 000 → 102 000 → 101 000, length 2 000 + 4 000 + 1 000 = 7 000.
        engine.BeginCandle(Market, Candle(0, 100_000m, 102_000m, 98_000m, 101_000m), OpenTime(0));
        engine.AdvanceCandle(Market, 0.5, OpenTime(0).AddSeconds(30));
        Assert.True(engine.TryGetLastPrice(Market, out var mid));
        Assert.Equal(99_500m, mid);

        var passedBid = engine.Buy(98_500m, 0.01m);
        var aheadAsk = engine.Sell(101_500m, 0.01m);
        engine.AdvanceCandle(Market, 1d, OpenTime(1));

        Assert.Equal(0m, engine.GetOrder(passedBid).Value.Matched);
        var fill = Assert.Single(engine.Drain());
        Assert.Equal(aheadAsk, fill.OrderId);
        Assert.Equal(101_500m, fill.Price);
        Assert.False(engine.IsCandleActive(Market));
    }

    [Fact]
    public void ProcessCandle_LowTouchesBidExactly_FillsAtTheLimit()
    {
        var engine = Engine(Touch);
        var bid = engine.Buy(99_000m, 0.01m);
        var below = engine.Buy(98_999.99m, 0.01m);

        engine.ProcessCandle(Market, Candle(0, 100_000m, 100_200m, 99_000m, 100_100m));

        var fill = Assert.Single(engine.Drain());
        Assert.Equal(bid, fill.OrderId);
        Assert.Equal(99_000m, fill.Price);
        Assert.True(fill.IsMaker);
        Assert.Equal(0.01m, engine.GetOrder(below).Value.Remaining);
    }

    [Fact]
    public void ProcessCandle_HighTouchesAskExactly_FillsAtTheLimit()
    {
        var engine = Engine(Touch);
        var ask = engine.Sell(101_000m, 0.01m);

        engine.ProcessCandle(Market, Candle(0, 100_000m, 101_000m, 99_900m, 100_500m));

        var fill = Assert.Single(engine.Drain());
        Assert.Equal((ask, 101_000m, Side.Sell), (fill.OrderId, fill.Price, fill.Side));
    }

    [Fact]
    public void ProcessCandle_OpenGapsThroughBid_FillsAtTheLimitNotTheOpen()
    {
        var engine = Engine();
        var bid = engine.Buy(99_000m, 0.01m);

        engine.ProcessCandle(Market, Candle(0, 97_000m, 97_500m, 96_500m, 97_200m));

        var fill = Assert.Single(engine.Drain());
        Assert.Equal((bid, 99_000m, true), (fill.OrderId, fill.Price, fill.IsMaker));
        Assert.Equal(OpenTime(0), fill.Time);
    }

    [Fact]
    public void ProcessCandle_SeveralBidsCrossed_FillsBestPriceFirstThenOldest()
    {
        var engine = Engine();
        var older = engine.Buy(99_000m, 0.01m);
        var best = engine.Buy(99_500m, 0.01m);
        var newer = engine.Buy(99_000m, 0.02m);

        engine.ProcessCandle(Market, Candle(0, 100_000m, 100_000m, 98_000m, 98_500m));

        Assert.Equal([best, older, newer], engine.Drain().Select(f => f.OrderId));
    }

    [Fact]
    public void ProcessCandle_NothingCrossed_FillsNothingAndMovesLastToClose()
    {
        var engine = Engine();
        engine.Buy(90_000m, 0.01m);
        engine.Sell(110_000m, 0.01m);

        engine.ProcessCandle(Market, Candle(0, 100_000m, 101_000m, 99_000m, 100_700m));

        Assert.Equal(0, engine.PendingFillCount);
        Assert.True(engine.TryGetLastPrice(Market, out var last));
        Assert.Equal(100_700m, last);
        Assert.Equal(2, engine.OpenOrderCount);
    }

    [Fact]
    public void MoveTo_DownThroughBids_FillsEveryBidAtOrAboveTheNewPrice()
    {
        var engine = Engine(Touch);
        var a = engine.Buy(99_000m, 0.01m);
        var b = engine.Buy(98_000m, 0.01m);
        engine.Buy(97_000m, 0.01m);

        engine.MoveTo(Market, 98_000m, T0.AddSeconds(1));

        Assert.Equal([a, b], engine.Drain().Select(f => f.OrderId));
        Assert.Equal(1, engine.OpenOrderCount);
    }

    [Fact]
    public void PlaceOrder_BuyAtOrAboveLastPrice_ExecutesAtOnceAsTakerAtTheLastPrice()
    {
        var engine = Engine();

        var id = engine.Buy(100_500m, 0.01m);

        var fill = Assert.Single(engine.Drain());
        Assert.Equal((id, 100_000m, false, 0.01m, 0m), (fill.OrderId, fill.Price, fill.IsMaker, fill.Matched, fill.Remaining));
        var order = engine.GetOrder(id).Value;
        Assert.True(order.IsClosed);
        Assert.Equal(0.01m, order.Matched);
        Assert.Equal(0, engine.OpenOrderCount);
    }

    [Fact]
    public void PlaceOrder_SellAtLastPrice_ExecutesAsTakerAtTheLastPrice()
    {
        var engine = Engine();

        engine.Sell(StartPrice, 0.01m);

        var fill = Assert.Single(engine.Drain());
        Assert.Equal((StartPrice, false), (fill.Price, fill.IsMaker));
    }
}
