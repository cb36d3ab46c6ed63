using System.Text.Json;
using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Exchanges.Abstractions;

namespace GridTrader.Exchanges.Tests.FiriMock;

/// <summary>The client against the mock over HTTP: every public endpoint, in the documented shapes.</summary>
public class FiriMockPublicEndpointTests
{
    [Fact]
    public async Task GetServerTime_Mock_ReturnsItsClockInSeconds()
    {
        await using var h = await MockHarness.StartAsync();

        var time = await h.Client.GetServerTimeAsync();

        Assert.InRange(time.Value, DateTimeOffset.UtcNow.AddSeconds(-5), DateTimeOffset.UtcNow.AddSeconds(5));
        var (status, body) = await h.SendAsync(new HttpRequestMessage(HttpMethod.Get, "time"));
        Assert.Equal(200, status);
        Assert.Equal(JsonValueKind.Number, JsonDocument.Parse(body).RootElement.GetProperty("time").ValueKind);
    }

    [Fact]
    public async Task GetMarkets_Mock_ListsBtcAndEthWithStringNumbersInDocsOrder()
    {
        await using var h = await MockHarness.StartAsync();

        var markets = (await h.Client.GetMarketsAsync()).Value;

        Assert.Equal(["BTCNOK", "ETHNOK"], markets.Select(m => m.Market));
        Assert.Equal(new MarketSummary("BTCNOK", 1_000_000m, 1_000_000m, 1_000_000m, 0m, 0m), markets[0]);
        var (_, body) = await h.SendAsync(new HttpRequestMessage(HttpMethod.Get, "v2/markets"));
        Assert.StartsWith("""[{"id":"BTCNOK","last":"1000000.00","high":"1000000.00","change":"0.00","low":"1000000.00","volume":"0.00"}""", body);
    }

    [Fact]
    public async Task GetMarket_KnownAndV1Twin_SameObject()
    {
        await using var h = await MockHarness.StartAsync();

        var market = (await h.Client.GetMarketAsync("ETHNOK")).Value;
        var (v2Status, v2) = await h.SendAsync(new HttpRequestMessage(HttpMethod.Get, "v2/markets/ETHNOK"));
        var (v1Status, v1) = await h.SendAsync(new HttpRequestMessage(HttpMethod.Get, "v1/markets/ETHNOK"));

        Assert.Equal(30_000m, market.Last);
        Assert.Equal((200, 200), (v2Status, v1Status));
        Assert.Equal(v2, v1);
    }

    [Fact]
    public async Task GetTicker_Mock_BidAskOneTickAroundLastWith16Decimals()
    {
        await using var h = await MockHarness.StartAsync();

        var ticker = (await h.Client.GetTickerAsync("BTCNOK")).Value;
        var (_, body) = await h.SendAsync(new HttpRequestMessage(HttpMethod.Get, "v2/markets/BTCNOK/ticker"));

        Assert.Equal((999_999.99m, 1_000_000.01m, 1_000_000m), (ticker.Bid, ticker.Ask, ticker.Last));
        Assert.Equal("""{"bid":"999999.9900000000000000","ask":"1000000.0100000000000000","spread":"0.0200000000000000"}""", body);
    }

    [Fact]
    public async Task GetTickers_Mock_OneTickerPerMarketWithMarketField()
    {
        await using var h = await MockHarness.StartAsync();

        var tickers = (await h.Client.GetTickersAsync()).Value;
        var (_, body) = await h.SendAsync(new HttpRequestMessage(HttpMethod.Get, "v2/markets/tickers"));

        Assert.Equal(["BTCNOK", "ETHNOK"], tickers.Select(t => t.Market));
        Assert.Equal((29_999.99m, 30_000.01m, 30_000m), (tickers[1].Bid, tickers[1].Ask, tickers[1].Last));
        Assert.Contains("""{"market":"ETHNOK","bid":"29999.9900000000000000","ask":"30000.0100000000000000","spread":"0.02"}""", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetOrderBook_RestingOrders_AggregatedPerPriceBestFirstAndCapped()
    {
        await using var h = await MockHarness.StartAsync();
        foreach (var (side, price, amount) in new[]
                 {
                     (Side.Buy, 990_000m, 0.01m), (Side.Buy, 980_000m, 0.02m), (Side.Buy, 990_000m, 0.02m),
                     (Side.Buy, 970_000m, 0.01m), (Side.Sell, 1_020_000m, 0.3m), (Side.Sell, 1_010_000m, 0.5m),
                 })
            Assert.True((await h.Client.PlaceOrderAsync(new OrderRequest("BTCNOK", side, price, amount))).IsSuccess);

        var book = (await h.Client.GetOrderBookAsync("BTCNOK", 2)).Value;
        var (_, body) = await h.SendAsync(new HttpRequestMessage(HttpMethod.Get, "v2/markets/BTCNOK/depth?bids=1&asks=1"));

        Assert.Equal([new BookLevel(990_000m, 0.03m), new BookLevel(980_000m, 0.02m)], book.Bids);
        Assert.Equal([new BookLevel(1_010_000m, 0.5m), new BookLevel(1_020_000m, 0.3m)], book.Asks);
        Assert.Equal("""{"bids":[["990000.00","0.03000000"]],"asks":[["1010000.00","0.50000000"]]}""", body);
    }

    [Fact]
    public async Task GetRecentTrades_AfterATakerBuy_NewestFirstWithTakerSideAndTotal()
    {
        await using var h = await MockHarness.StartAsync();
        Assert.True((await h.Client.PlaceOrderAsync(new OrderRequest("BTCNOK", Side.Buy, 1_000_500m, 0.002m))).IsSuccess);

        var trades = (await h.Client.GetRecentTradesAsync("BTCNOK", 10)).Value;
        var (_, body) = await h.SendAsync(new HttpRequestMessage(HttpMethod.Get, "v2/markets/BTCNOK/history?count=1"));

        var trade = Assert.Single(trades);
        Assert.Equal((Side.Buy, 1_000_000m, 0.002m), (trade.TakerSide, trade.Price, trade.Amount));
        Assert.Matches("""^\[\{"type":"bid","amount":"0.00200000","price":"1000000.00","created_at":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z","total":"2000.00"\}\]$""", body);
    }

    [Theory]
    [InlineData("v2/markets/XRPNOK")]
    [InlineData("v2/markets/XRPNOK/ticker")]
    [InlineData("v2/markets/XRPNOK/depth")]
    [InlineData("v2/markets/XRPNOK/history")]
    public async Task PublicRoute_UnknownMarket_404MarketNotFound(string path)
    {
        await using var h = await MockHarness.StartAsync();

        var (status, body) = await h.SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

        Assert.Equal(404, status);
        Assert.Equal("""{"name":"MarketNotFound","message":"Market not found"}""", body);
    }

    [Fact]
    public async Task ClientRead_UnknownMarket_NotFound()
    {
        await using var h = await MockHarness.StartAsync();

        var result = await h.Client.GetMarketAsync("XRPNOK");

        Assert.Equal((ExchangeErrorKind.NotFound, 404), (result.Error?.Kind, result.Error?.HttpStatus));
    }

    [Fact]
    public async Task UnknownRoute_Any_404JsonError()
    {
        await using var h = await MockHarness.StartAsync();

        var (status, body) = await h.SendAsync(new HttpRequestMessage(HttpMethod.Get, "v3/everything"));

        Assert.Equal(404, status);
        Assert.Equal("NotFound", MockHarness.ErrorName(body));
    }

    [Fact]
    public async Task PublicRoute_CountNotANumber_400BadRequest()
    {
        await using var h = await MockHarness.StartAsync();

        var (status, body) = await h.SendAsync(new HttpRequestMessage(HttpMethod.Get, "v2/markets/BTCNOK/history?count=many"));

        Assert.Equal((400, "BadRequest"), (status, MockHarness.ErrorName(body)));
    }
}
