using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Exchanges.MarketData;
using GridTrader.FiriMock;
using GridTrader.FiriMock.Market;
using GridTrader.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace GridTrader.Exchanges.Tests.FiriMock;

/// <summary>Prices driven by a seeded random walk or a replayed candle file, walked through the engine in real time.</summary>
public class FiriMockPriceFeedTests
{
    private static readonly string WeekFile = TestRepository.SampleData("BTCUSDT-5m-2023-03-20_26.csv.gz");

    [Fact]
    public void RandomWalk_SameSeed_SameCandlesAndDifferentSeedOthers()
    {
        static List<GridTrader.Core.MarketData.Candle> Walk(int seed)
        {
            using var source = new RandomWalkCandleSource(1_000_000m, 2, SplitMix64.For(seed, 0));
            return Enumerable.Range(0, 500).Select(_ => source.Next()).ToList();
        }

        var walk = Walk(3);

        Assert.Equal(walk, Walk(3));
        Assert.NotEqual(walk, Walk(4));
        Assert.All(walk, c => Assert.True(c.IsValid && c.Volume > 0 && decimal.Round(c.Low, 2) == c.Low));
        Assert.All(walk.Zip(walk.Skip(1)), pair => Assert.Equal(pair.First.Close, pair.Second.Open));
        // Pulled back toward the anchor: stays within a band around it.
        Assert.All(walk, c => Assert.InRange(c.Close, 850_000m, 1_150_000m));
    }

    [Fact]
    public async Task RandomWalkFeed_ShortCandles_PriceMovesAndPrintsTrades()
    {
        await using var h = await MockHarness.StartAsync(m =>
        {
            m.PriceSource = MockPriceSource.RandomWalk;
            m.CandleDuration = TimeSpan.FromMilliseconds(40);
        });
        var first = (await h.Client.GetMarketAsync("BTCNOK")).Value.Last;

        var moved = false;
        for (var i = 0; i < 100 && !moved; i++)
        {
            await Task.Delay(20);
            moved = (await h.Client.GetMarketAsync("BTCNOK")).Value.Last != first;
        }

        Assert.True(moved);
        Assert.NotEmpty((await h.Client.GetRecentTradesAsync("ETHNOK", 5)).Value);
        Assert.False((await h.StateAsync()).Prices[0].Scripted);
    }

    [Fact]
    public async Task CandleReplay_Start_PricesAreTheFirstOpenScaledAndEthFollowsByRatio()
    {
        var firstCandle = new CandleCsvReader(WeekFile).Read().First();
        await using var h = await MockHarness.StartAsync(m =>
        {
            m.PriceSource = MockPriceSource.CandleFile;
            m.DataFile = WeekFile;
            m.CandleDuration = TimeSpan.FromHours(1);
        });

        var markets = (await h.Client.GetMarketsAsync()).Value;

        Assert.Equal(firstCandle.Open * 10m, markets[0].Last);
        Assert.Equal(decimal.Round(firstCandle.Open * 10m * 0.03m, 2), markets[1].Last);
    }

    [Fact]
    public async Task CandleReplay_ClockAdvancesThroughACandle_RestingOrdersInsideItFill()
    {
        // First candle (×10): open 279 728.70, high 280 382.80, low 279 419.70, close 279 538.30; bearish, so
        // the path goes up to the high, down to the low, then to the close.
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        await using var h = await MockHarness.StartAsync(m =>
        {
            m.PriceSource = MockPriceSource.CandleFile;
            m.DataFile = WeekFile;
            m.CandleDuration = TimeSpan.FromSeconds(2);
            m.Time = time;
        });
        var client = h.NewClient(time: time);
        var bid = (await client.PlaceOrderAsync(new OrderRequest("BTCNOK", Side.Buy, 279_500m, 0.01m))).Value;
        var ask = (await client.PlaceOrderAsync(new OrderRequest("BTCNOK", Side.Sell, 280_300m, 0.01m))).Value;
        var outside = (await client.PlaceOrderAsync(new OrderRequest("BTCNOK", Side.Buy, 279_000m, 0.01m))).Value;

        for (var step = 0; step < 200 && (await client.GetOpenOrdersAsync("BTCNOK")).Value.Count > 1; step++)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(5);
        }

        Assert.Equal([outside], (await client.GetOpenOrdersAsync("BTCNOK")).Value.Select(o => o.Id));
        var trades = (await client.GetTradeHistoryAsync("BTCNOK", 10)).Value;
        Assert.Equal(new[] { bid, ask }.Order(), (await client.GetOrderHistoryAsync("BTCNOK", 10)).Value.Select(o => o.Id).Order());
        Assert.Equal([279_500m, 280_300m], trades.Select(t => t.Price));
    }

    [Fact]
    public async Task ScriptedMoves_OnAFeedMarket_PauseThatMarketOnly()
    {
        await using var h = await MockHarness.StartAsync(m =>
        {
            m.PriceSource = MockPriceSource.RandomWalk;
            m.CandleDuration = TimeSpan.FromMilliseconds(40);
        });

        await h.MovePriceAsync("BTCNOK", 1_200_000m, volume: 0.5m); // a candle, even while the feed walks one
        await h.MovePriceAsync("BTCNOK", 1_234_567.89m);
        await Task.Delay(200);
        var state = await h.StateAsync();

        Assert.Equal("1234567.89", state.Prices[0].Last);
        Assert.True(state.Prices[0].Scripted);
        Assert.False(state.Prices[1].Scripted);
    }
}
