using GridTrader.Core.Markets;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Exchanges.Tests.Firi.Support;
using static GridTrader.Exchanges.Tests.Firi.Support.ScriptedResponse;

namespace GridTrader.Exchanges.Tests.Firi;

/// <summary>Each endpoint against the reference's sample bodies, with the request it must produce.</summary>
public class FiriClientEndpointTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(FiriHarness.VectorTimestamp);

    [Fact]
    public async Task GetServerTime_TimeSample_ReturnsEpochSecondsAndLearnsOffset()
    {
        await using var h = await FiriHarness.StartAsync();
        h.Server.Enqueue(Json("""{"time": 1632954500}"""));

        var time = await h.Client.GetServerTimeAsync();

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1632954500), time.Value);
        Assert.Equal(TimeSpan.FromSeconds(12), h.Client.ClockOffset);
        var request = Assert.Single(h.Server.Requests);
        Assert.Equal(("GET", "/time", ""), (request.Method, request.Path, request.Query));
        Assert.Null(request.Header("firi-user-signature"));
    }

    [Fact]
    public async Task GetMarkets_MarketsSample_ParsesEveryMarket()
    {
        await using var h = await FiriHarness.StartAsync();
        h.Server.Enqueue(Json(FiriSamples.Markets));

        var markets = (await h.Client.GetMarketsAsync()).Value;

        Assert.Equal(
            [
                new MarketSummary("BTCNOK", 827301.99m, 839994.22m, 813881.71m, -0.57m, 3.13m),
                new MarketSummary("BTCDKK", 566966.12m, 0m, 0m, 0m, 0m),
            ],
            markets);
        Assert.Equal("/v2/markets", h.Server.Requests.Single().Path);
    }

    [Fact]
    public async Task GetMarket_MarketSample_ParsesSummary()
    {
        await using var h = await FiriHarness.StartAsync();
        h.Server.Enqueue(Json(FiriSamples.Market));

        var market = (await h.Client.GetMarketAsync("btcnok")).Value;

        Assert.Equal(827301.99m, market.Last);
        Assert.Equal("/v2/markets/BTCNOK", h.Server.Requests.Single().Path);
    }

    [Fact]
    public async Task GetTicker_TickerSample_Parses16DigitDecimalsAndTakesLastFromMarket()
    {
        await using var h = await FiriHarness.StartAsync();
        h.Server.Enqueue(Json(FiriSamples.Ticker), Json(FiriSamples.Market));

        var ticker = (await h.Client.GetTickerAsync("BTCNOK")).Value;

        Assert.Equal("BTCNOK", ticker.Market);
        Assert.Equal(334803.06m, ticker.Bid);
        Assert.Equal(342523.04m, ticker.Ask);
        Assert.Equal(827301.99m, ticker.Last);
        Assert.Equal(Now, ticker.Time);
        Assert.Equal(["/v2/markets/BTCNOK/ticker", "/v2/markets/BTCNOK"], h.Server.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task GetTicker_LastFromMarketOff_OneRequestAndLastZero()
    {
        await using var h = await FiriHarness.StartAsync(o => o.TickerLastFromMarket = false);
        h.Server.Enqueue(Json(FiriSamples.Ticker));

        var ticker = (await h.Client.GetTickerAsync("BTCNOK")).Value;

        Assert.Equal(0m, ticker.Last);
        Assert.Equal((334803.06m + 342523.04m) / 2, ticker.Reference);
        Assert.Single(h.Server.Requests);
    }

    [Fact]
    public async Task GetTicker_MarketRequestFails_FailsTheCall()
    {
        await using var h = await FiriHarness.StartAsync(o => o.MaxRetries = 0);
        h.Server.Enqueue(Json(FiriSamples.Ticker), Json("""{"name":"MarketNotFound","message":"Market not found"}""", 404));

        var ticker = await h.Client.GetTickerAsync("BTCNOK");

        Assert.Equal(ExchangeErrorKind.NotFound, ticker.Error?.Kind);
    }

    [Fact]
    public async Task GetTickers_TickersSample_JoinsLastFromMarkets()
    {
        await using var h = await FiriHarness.StartAsync();
        h.Server.Enqueue(Json(FiriSamples.Tickers), Json(FiriSamples.Markets));

        var ticker = Assert.Single((await h.Client.GetTickersAsync()).Value);

        Assert.Equal(("BTCNOK", 822000m, 827756.56m, 827301.99m), (ticker.Market, ticker.Bid, ticker.Ask, ticker.Last));
        Assert.Equal(["/v2/markets/tickers", "/v2/markets"], h.Server.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task GetOrderBook_DepthSample_BestFirstWithDepthInQuery()
    {
        await using var h = await FiriHarness.StartAsync();
        h.Server.Enqueue(Json(FiriSamples.Depth));

        var book = (await h.Client.GetOrderBookAsync("BTCNOK", 2)).Value;

        Assert.Equal([new BookLevel(826500.00m, 0.01m), new BookLevel(826000.00m, 0.25m)], book.Bids);
        Assert.Equal([new BookLevel(827756.56m, 0.00523m), new BookLevel(828000.00m, 1m)], book.Asks);
        var request = h.Server.Requests.Single();
        Assert.Equal(("/v2/markets/BTCNOK/depth", "bids=2&asks=2"), (request.Path, request.Query));
    }

    [Fact]
    public async Task GetOrderBook_ServerSendsMoreLevels_TruncatesToDepth()
    {
        await using var h = await FiriHarness.StartAsync();
        h.Server.Enqueue(Json(FiriSamples.Depth));

        var book = (await h.Client.GetOrderBookAsync("BTCNOK", 1)).Value;

        Assert.Single(book.Bids);
        Assert.Single(book.Asks);
    }

    [Fact]
    public async Task GetRecentTrades_HistorySample_TakerSideAndTimeWithCount()
    {
        await using var h = await FiriHarness.StartAsync();
        h.Server.Enqueue(Json(FiriSamples.PublicTrades));

        var trade = Assert.Single((await h.Client.GetRecentTradesAsync("BTCNOK", 50)).Value);

        Assert.Equal(new PublicTrade("BTCNOK", Side.Buy, 827301.99m, 0.0012m, new DateTimeOffset(2026, 10, 5, 20, 59, 12, 345, TimeSpan.Zero)), trade);
        var request = h.Server.Requests.Single();
        Assert.Equal(("/v2/markets/BTCNOK/history", "count=50"), (request.Path, request.Query));
    }

    [Fact]
    public async Task GetRecentTrades_OldestFirstFromServer_ReturnsNewestFirst()
    {
        await using var h = await FiriHarness.StartAsync();
        h.Server.Enqueue(Json("""
            [{"type":"ask","amount":"1","price":"1.00","created_at":"2026-10-05T20:00:00.000Z","total":"1"},
             {"type":"bid","amount":"2","price":"2.00","created_at":"2026-10-05T21:00:00.000Z","total":"4"}]
            """));

        var trades = (await h.Client.GetRecentTradesAsync("BTCNOK", 2)).Value;

        Assert.Equal([2m, 1m], trades.Select(t => t.Price));
    }

    [Fact]
    public async Task GetBalances_BalancesSample_SignedGetWithTotalsHoldAndAvailable()
    {
        await using var h = await FiriHarness.StartAsync();
        h.Server.Enqueue(Json(FiriSamples.Balances));

        var balances = (await h.Client.GetBalancesAsync()).Value;

        Assert.Equal(
            [new Balance("BTC", 0.00044521m, 0m, 0.00044521m), new Balance("NOK", 896.76m, 0m, 896.76m)],
            balances);
        var request = h.Server.Requests.Single();
        Assert.Equal(("GET", "/v2/balances", "timestamp=1632954488&validity=2000"), (request.Method, request.Path, request.Query));
    }

    [Fact]
    public async Task PlaceOrder_Created201_ReturnsInt64IdAndPostsFormattedBody()
    {
        await using var h = await FiriHarness.StartAsync();
        h.Server.Enqueue(Json("""{"id":5000000001}""", 201));

        var id = await h.Client.PlaceOrderAsync(new(Market: "btcnok", Side: Side.Sell, Price: 827301.9m, Amount: 0.0012m));

        Assert.Equal(5_000_000_001L, id.Value);
        var request = h.Server.Requests.Single();
        Assert.Equal(("POST", "/v2/orders", "timestamp=1632954488&validity=2000"), (request.Method, request.Path, request.Query));
        Assert.Equal(
            """{"timestamp":"1632954488","validity":"2000","market":"BTCNOK","type":"ask","price":"827301.90","amount":"0.00120000"}""",
            request.BodyText);
        Assert.Equal("application/json", request.Header("content-type"));
    }

    [Fact]
    public async Task PlaceOrder_MarketPrecisionConfigured_FormatsWithIt()
    {
        await using var h = await FiriHarness.StartAsync(o => o.Markets["XRPNOK"] = new() { PriceDecimals = 4, AmountDecimals = 2 });
        h.Server.Enqueue(Json(FiriSamples.OrderCreated, 201));

        await h.Client.PlaceOrderAsync(new("XRPNOK", Side.Buy, 5.1234m, 100m));

        Assert.Contains("\"price\":\"5.1234\",\"amount\":\"100.00\"", h.Server.Requests.Single().BodyText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(300000.001, 0.0001)]
    [InlineData(300000, 0.000000001)]
    [InlineData(0, 0.0001)]
    [InlineData(300000, -1)]
    public async Task PlaceOrder_ValuesBeyondPrecisionOrNotPositive_InvalidRequestWithoutRequest(double price, double amount)
    {
        await using var h = await FiriHarness.StartAsync();

        var id = await h.Client.PlaceOrderAsync(new("BTCNOK", Side.Buy, (decimal)price, (decimal)amount));

        Assert.Equal(ExchangeErrorKind.InvalidRequest, id.Error?.Kind);
        Assert.Empty(h.Server.Requests);
    }

    [Fact]
    public async Task CancelOrder_Detailed200_ReturnsMatchedBeforeCancel()
    {
        await using var h = await FiriHarness.StartAsync();
        h.Server.Enqueue(Json("""{"matched":"0.25000000"}"""));

        var result = (await h.Client.CancelOrderAsync(5_000_000_001L, "BTCNOK")).Value;

        Assert.Equal(new CancelResult(5_000_000_001L, 0.25m), result);
        var request = h.Server.Requests.Single();
        Assert.Equal(("DELETE", "/v2/orders/5000000001/detailed"), (request.Method, request.Path));
        Assert.NotNull(request.Header("firi-user-signature"));
    }

    [Fact]
    public async Task CancelOrder_OrderNotFound404_IsNotFound()
    {
        await using var h = await FiriHarness.StartAsync();
        h.Server.Enqueue(Json(FiriSamples.OrderNotFound, 404));

        var result = await h.Client.CancelOrderAsync(42, "BTCNOK");

        Assert.Equal(ExchangeErrorKind.NotFound, result.Error?.Kind);
        Assert.Single(h.Server.Requests);
    }

    [Theory]
    [InlineData(null, "/v2/orders")]
    [InlineData("btcnok", "/v2/orders/BTCNOK")]
    public async Task CancelAllOrders_204_TrueOnTheRightRoute(string? market, string path)
    {
        await using var h = await FiriHarness.StartAsync();
        h.Server.Enqueue(Empty(204));

        var result = await h.Client.CancelAllOrdersAsync(market);

        Assert.True(result.Value);
        Assert.Equal(("DELETE", path), (h.Server.Requests.Single().Method, h.Server.Requests.Single().Path));
    }

    [Fact]
    public async Task CancelAllOrders_200WithBody_StillTrue()
    {
        await using var h = await FiriHarness.StartAsync();
        h.Server.Enqueue(Json("[]"));

        Assert.True((await h.Client.CancelAllOrdersAsync(null)).Value);
    }

    [Theory]
    [InlineData(null, "/v2/orders")]
    [InlineData("BTCNOK", "/v2/orders/BTCNOK")]
    public async Task GetOpenOrders_OrdersSample_ParsesOrder(string? market, string path)
    {
        await using var h = await FiriHarness.StartAsync();
        h.Server.Enqueue(Json(FiriSamples.Orders));

        var order = Assert.Single((await h.Client.GetOpenOrdersAsync(market)).Value);

        Assert.Equal(
            new GridTrader.Core.Orders.ExchangeOrder(2610958, "BTCNOK", Side.Buy, 50.00m, 1m, 0m, 1m, 0m,
                new DateTimeOffset(2020, 4, 27, 17, 38, 0, 776, TimeSpan.Zero)),
            order);
        Assert.True(order.IsConsistent);
        Assert.Equal(path, h.Server.Requests.Single().Path);
    }

    [Fact]
    public async Task GetOrder_OneElementArray_ReturnsTheOrder()
    {
        await using var h = await FiriHarness.StartAsync();
        h.Server.Enqueue(Json(FiriSamples.Orders));

        var order = (await h.Client.GetOrderAsync(2610958)).Value;

        Assert.Equal(2610958, order.Id);
        Assert.Equal("/v2/order/2610958", h.Server.Requests.Single().Path);
    }

    [Fact]
    public async Task GetOrder_PlainObjectWithInt64Id_ReturnsTheOrder()
    {
        await using var h = await FiriHarness.StartAsync();
        h.Server.Enqueue(Json("""
            {"id":3000000000,"market":"BTCNOK","type":"ask","price":"900000.00","amount":"0.50000000",
             "remaining":"0.00000000","matched":"0.30000000","cancelled":"0.20000000","created_at":"2026-10-05T20:00:00.000Z"}
            """));

        var order = (await h.Client.GetOrderAsync(3_000_000_000L)).Value;

        Assert.Equal((3_000_000_000L, Side.Sell, 0.3m, 0.2m, true), (order.Id, order.Side, order.Matched, order.Cancelled, order.IsClosed));
    }

    [Fact]
    public async Task GetOrder_EmptyArray_IsNotFound()
    {
        await using var h = await FiriHarness.StartAsync();
        h.Server.Enqueue(Json("[]"));

        Assert.Equal(ExchangeErrorKind.NotFound, (await h.Client.GetOrderAsync(7)).Error?.Kind);
    }

    [Fact]
    public async Task GetOrder_AnotherOrdersId_IsInvalidResponse()
    {
        await using var h = await FiriHarness.StartAsync();
        h.Server.Enqueue(Json(FiriSamples.Orders));

        Assert.Equal(ExchangeErrorKind.InvalidResponse, (await h.Client.GetOrderAsync(7)).Error?.Kind);
    }

    [Theory]
    [InlineData(null, "/v2/orders/history")]
    [InlineData("BTCNOK", "/v2/orders/BTCNOK/history")]
    public async Task GetOrderHistory_OrdersSample_ClosedOrdersRouteWithCount(string? market, string path)
    {
        await using var h = await FiriHarness.StartAsync();
        h.Server.Enqueue(Json(FiriSamples.Orders));

        var orders = (await h.Client.GetOrderHistoryAsync(market, 100)).Value;

        Assert.Equal(2610958, Assert.Single(orders).Id);
        var request = h.Server.Requests.Single();
        Assert.Equal(path, request.Path);
        Assert.Equal("100", request.QueryValue("count"));
        Assert.Equal("1632954488", request.QueryValue("timestamp"));
    }

    [Theory]
    [InlineData(null, "/v2/history/orders")]
    [InlineData("BTCNOK", "/v2/history/orders/BTCNOK")]
    public async Task GetTradeHistory_TradeRecordSample_MapsToAccountTrade(string? market, string path)
    {
        await using var h = await FiriHarness.StartAsync();
        h.Server.Enqueue(Json(FiriSamples.TradeRecords));

        var trade = Assert.Single((await h.Client.GetTradeHistoryAsync(market, 10)).Value);

        Assert.Equal(
            new AccountTrade("6f1f6b6e-1c2a-4f1e-9a55-0c6f2b6d9a11", "BTCNOK", Side.Buy, 342523.04m, 0.0001m, 34.25m, false,
                new DateTimeOffset(2021, 1, 14, 20, 25, 59, 123, TimeSpan.Zero)),
            trade);
        Assert.Equal((path, "10"), (h.Server.Requests.Single().Path, h.Server.Requests.Single().QueryValue("count")));
    }

    [Fact]
    public async Task GetTradeHistory_OlderShapeWithTypeAndCreatedAt_StillReads()
    {
        await using var h = await FiriHarness.StartAsync();
        h.Server.Enqueue(Json("""
            [{"id":"a1","market":"BTCNOK","type":"ask","price":"100.00","price_currency":"NOK","amount":"2.00000000",
              "amount_currency":"BTC","matched":"2.00000000","cancelled":"0.00000000","created_at":"2021-01-14T20:25:59.123Z"}]
            """));

        var trade = Assert.Single((await h.Client.GetTradeHistoryAsync(null, 10)).Value);

        Assert.Equal((Side.Sell, 200m, false), (trade.Side, trade.Cost, trade.IsMaker));
    }

    [Fact]
    public async Task Endpoints_MalformedMarketSymbol_ThrowArgumentException()
    {
        await using var h = await FiriHarness.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(async () => await h.Client.GetTickerAsync("BTC/NOK"));
        await Assert.ThrowsAsync<ArgumentException>(async () => await h.Client.GetOpenOrdersAsync("../v2"));
        Assert.Empty(h.Server.Requests);
    }
}
