using GridTrader.Core.MarketData;
using GridTrader.Core.Markets;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Exchanges.Simulation;
using static GridTrader.Exchanges.Tests.Simulation.Sim;

namespace GridTrader.Exchanges.Tests.Simulation;

public class MatchingEngineMarketDataTests
{
    [Fact]
    public void GetTicker_HalfSpreadInTicks_QuotesAroundTheLastPrice()
    {
        var engine = Engine(new MatchingEngineOptions { TickerHalfSpread = TickerSpread.Ticks(5) });

        var ticker = engine.GetTicker(Market, T0).Value;

        Assert.Equal(new Ticker(Market, 99_999.95m, 100_000.05m, 100_000m, T0), ticker);
    }

    [Fact]
    public void GetTicker_HalfSpreadInPercent_RoundsOutwardsToTheTick()
    {
        var engine = Engine(new MatchingEngineOptions { TickerHalfSpread = TickerSpread.Percent(0.1m) });
        engine.MoveTo(Market, 12_345.67m, T0);

        var ticker = engine.GetTicker(Market, T0).Value;

        Assert.Equal((12_333.32m, 12_358.02m), (ticker.Bid, ticker.Ask));
    }

    [Fact]
    public void GetTicker_NoPriceYet_IsAllZeros()
    {
        var engine = new MatchingEngine();
        engine.AddMarket(BtcNok);

        Assert.Equal(new Ticker(Market, 0m, 0m, 0m, T0), engine.GetTicker(Market, T0).Value);
        Assert.Equal(ExchangeErrorKind.NotFound, engine.GetTicker("ETHNOK", T0).Error?.Kind);
    }

    [Fact]
    public void GetOrderBook_OwnOrders_AggregatesPerPriceBestFirst()
    {
        var engine = Engine();
        engine.Buy(99_000m, 0.01m);
        engine.Buy(98_000m, 0.02m);
        engine.Buy(99_000m, 0.03m);
        engine.Sell(101_000m, 0.01m);
        engine.Sell(102_000m, 0.01m);

        var book = engine.GetOrderBook(Market, 10).Value;

        Assert.Equal([new BookLevel(99_000m, 0.04m), new BookLevel(98_000m, 0.02m)], book.Bids);
        Assert.Equal([new BookLevel(101_000m, 0.01m), new BookLevel(102_000m, 0.01m)], book.Asks);
        Assert.Single(engine.GetOrderBook(Market, 1).Value.Bids);
    }

    [Fact]
    public void GetPublicTrades_AfterCandleAndFill_ListsPathPointsAndFillNewestFirst()
    {
        var engine = Engine();
        engine.Sell(101_000m, 0.01m);

        engine.ProcessCandle(Market, Candle(0, 100_000m, 101_500m, 99_500m, 100_800m, volume: 2m));

        var trades = engine.GetPublicTrades(Market, 10).Value;
        var open = OpenTime(0);
        Assert.Equal(
            [
                new PublicTrade(Market, Side.Sell, 100_800m, 0.5m, open.AddMinutes(1)),
                new PublicTrade(Market, Side.Buy, 101_500m, 0.5m, open.AddSeconds(40)),
                new PublicTrade(Market, Side.Buy, 101_000m, 0.01m, open.AddSeconds(40)),
                new PublicTrade(Market, Side.Sell, 99_500m, 0.5m, open.AddSeconds(20)),
                new PublicTrade(Market, Side.Buy, 100_000m, 0.5m, open),
            ],
            trades);
        Assert.Equal(2, engine.GetPublicTrades(Market, 2).Value.Count);
    }

    [Fact]
    public void GetPublicTrades_StepwiseCandle_PrintsEachCornerAtTheTimeItWasReached()
    {
        var engine = Engine();
        var open = OpenTime(0);

        engine.BeginCandle(Market, Candle(0, 100_000m, 101_000m, 99_000m, 100_500m, volume: 4m), open);
        engine.AdvanceCandle(Market, 0.5, open.AddSeconds(25));
        engine.AdvanceCandle(Market, 1d, open.AddSeconds(59));

        // Bullish path 100 000 → 99 000 → 101 000 → 100 500 (length 3 500): half way (1 750) is past the low, at 99 750.
        Assert.Equal(
            [
                (Side.Sell, 100_500m, open.AddSeconds(59)),
                (Side.Buy, 101_000m, open.AddSeconds(59)),
                (Side.Sell, 99_000m, open.AddSeconds(25)),
                (Side.Buy, 100_000m, open),
            ],
            engine.GetPublicTrades(Market, 10).Value.Select(t => (t.TakerSide, t.Price, t.Time)));
        Assert.All(engine.GetPublicTrades(Market, 10).Value, t => Assert.Equal(1m, t.Amount));
    }

    [Fact]
    public void MoveTo_WithVolumeOutsideCandles_PrintsATradeAndFeedsTheSummary()
    {
        var engine = Engine();

        engine.MoveTo(Market, 101_000m, T0.AddMinutes(1), volume: 0.5m);
        engine.MoveTo(Market, 99_500m, T0.AddMinutes(2), volume: 0.25m);

        Assert.Equal([(Side.Sell, 99_500m, 0.25m), (Side.Buy, 101_000m, 0.5m)],
            engine.GetPublicTrades(Market, 10).Value.Select(t => (t.TakerSide, t.Price, t.Amount)));
        Assert.Equal(new MarketSummary(Market, 99_500m, 101_000m, 99_500m, -0.50m, 0.75m), engine.GetMarketSummary(Market).Value);
    }

    [Fact]
    public void GetPublicTrades_BeyondCapacity_KeepsTheNewest()
    {
        var engine = Engine(new MatchingEngineOptions { PublicTradeCapacity = 3 });

        engine.ProcessCandle(Market, Candle(0, 100_000m, 101_500m, 99_500m, 100_800m, volume: 2m));

        Assert.Equal([100_800m, 101_500m, 99_500m], engine.GetPublicTrades(Market, 10).Value.Select(t => t.Price));
    }

    [Fact]
    public void GetMarketSummary_Candles_ReportsHighLowVolumeAndChangeOverTheLastDay()
    {
        var engine = Engine();
        engine.ProcessCandle(Market, Candle(0, 100_000m, 100_500m, 99_000m, 100_200m, volume: 1m));
        engine.ProcessCandle(Market, Candle(1, 100_200m, 102_000m, 100_100m, 101_000m, volume: 2m));

        var summary = engine.GetMarketSummary(Market).Value;

        Assert.Equal(new MarketSummary(Market, 101_000m, 102_000m, 99_000m, 1.00m, 3m), summary);
    }

    [Fact]
    public void GetMarketSummary_CandlesOlderThanADay_AreLeftOut()
    {
        var engine = Engine();
        engine.ProcessCandle(Market, Candle(0, 100_000m, 120_000m, 80_000m, 100_000m, volume: 5m));

        engine.ProcessCandle(Market, Candle(25 * 60, 100_000m, 100_100m, 99_900m, 100_050m, volume: 1m));

        var summary = engine.GetMarketSummary(Market).Value;
        Assert.Equal((100_100m, 99_900m, 1m), (summary.High, summary.Low, summary.Volume));
    }
}
