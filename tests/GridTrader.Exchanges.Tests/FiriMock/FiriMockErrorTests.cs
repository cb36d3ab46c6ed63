using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Exchanges.Firi;
using GridTrader.FiriMock.Faults;

namespace GridTrader.Exchanges.Tests.FiriMock;

/// <summary>Every error the mock produces, as the client sees it over HTTP.</summary>
public class FiriMockErrorTests
{
    private static readonly OrderRequest SmallBid = new("BTCNOK", Side.Buy, 950_000m, 0.001m);

    private static void NoRetries(FiriClientOptions o) => o.MaxRetries = 0;

    [Fact]
    public async Task PlaceOrder_MoreThanAvailable_400InsufficientFunds()
    {
        await using var h = await MockHarness.StartAsync();

        var result = await h.Client.PlaceOrderAsync(new OrderRequest("BTCNOK", Side.Buy, 990_000m, 1m));
        var sell = await h.Client.PlaceOrderAsync(new OrderRequest("ETHNOK", Side.Sell, 40_000m, 10.001m));

        Assert.Equal((ExchangeErrorKind.InsufficientFunds, 400), (result.Error?.Kind, result.Error?.HttpStatus));
        Assert.Equal(ExchangeErrorKind.InsufficientFunds, sell.Error?.Kind);
        Assert.Equal(0, (await h.StateAsync()).OrdersCreated);
    }

    [Fact]
    public async Task PlaceOrder_BelowMinimumAmount_400VolumeTooLow()
    {
        await using var h = await MockHarness.StartAsync();

        var btc = await h.Client.PlaceOrderAsync(SmallBid with { Amount = 0.00009m });
        var eth = await h.Client.PlaceOrderAsync(new OrderRequest("ETHNOK", Side.Buy, 29_000m, 0.0009m));

        Assert.Equal((ExchangeErrorKind.InvalidRequest, 400), (btc.Error?.Kind, btc.Error?.HttpStatus));
        Assert.Contains("Volume too low", btc.Error?.Message, StringComparison.Ordinal);
        Assert.Equal(ExchangeErrorKind.InvalidRequest, eth.Error?.Kind);
    }

    [Fact]
    public async Task AnyPrivateCall_WrongSecret_401InvalidSignature()
    {
        await using var h = await MockHarness.StartAsync(client: NoRetries,
            credentials: new FiriCredentials(MockHarness.ApiKey, MockHarness.ClientId, "not-the-secret"));

        var balances = await h.Client.GetBalancesAsync();
        var order = await h.Client.PlaceOrderAsync(SmallBid);

        Assert.Equal((ExchangeErrorKind.InvalidSignature, 401), (balances.Error?.Kind, balances.Error?.HttpStatus));
        Assert.Equal(ExchangeErrorKind.InvalidSignature, order.Error?.Kind);
        Assert.Equal(0, (await h.StateAsync()).OrdersCreated);
    }

    [Fact]
    public async Task PrivateCall_UnknownClientId_401ApiKeyNotFound()
    {
        await using var h = await MockHarness.StartAsync(client: NoRetries,
            credentials: new FiriCredentials(null, "cid-nobody", MockHarness.Secret));

        var result = await h.Client.GetBalancesAsync();
        var (status, body) = await h.SendAsync(new HttpRequestMessage(HttpMethod.Get, "v2/balances")
        {
            Headers = { { "miraiex-access-key", "ak-unknown" } },
        });

        Assert.Equal((ExchangeErrorKind.Unauthorized, 401), (result.Error?.Kind, result.Error?.HttpStatus));
        Assert.Equal((401, "ApiKeyNotFound"), (status, MockHarness.ErrorName(body)));
    }

    [Fact]
    public async Task PrivateRoute_NoAuthAtAll_401NotAuthenticated()
    {
        await using var h = await MockHarness.StartAsync();

        var (status, body) = await h.SendAsync(new HttpRequestMessage(HttpMethod.Get, "v2/orders"));

        Assert.Equal(401, status);
        Assert.Equal("""{"name":"NotAuthenticated","message":"Not authenticated"}""", body);
    }

    [Fact]
    public async Task MockClockAhead_ClientWithoutClockSync_401ExpiredSignature()
    {
        await using var h = await MockHarness.StartAsync(m => m.Faults = FaultSpec.Parse("skew=+30s"), NoRetries);

        var result = await h.Client.GetBalancesAsync();

        Assert.Equal((ExchangeErrorKind.ExpiredSignature, 401), (result.Error?.Kind, result.Error?.HttpStatus));
    }

    [Fact]
    public async Task MockClockAhead_ClientSyncingFromTime_Succeeds()
    {
        await using var h = await MockHarness.StartAsync(m => m.Faults = FaultSpec.Parse("skew=+30s"), o => o.AutoSyncClock = true);

        var result = await h.Client.GetBalancesAsync();

        Assert.True(result.IsSuccess, result.ToString());
        Assert.InRange(h.Client.ClockOffset, TimeSpan.FromSeconds(29), TimeSpan.FromSeconds(31));
    }

    [Fact]
    public async Task ReadOnlyKey_PlaceOrCancel_401SecurityLevelTooLowButReadsWork()
    {
        await using var h = await MockHarness.StartAsync(credentials: MockHarness.ReadOnlyCredentials);

        var place = await h.Client.PlaceOrderAsync(SmallBid);
        var cancel = await h.Client.CancelAllOrdersAsync(null);
        var read = await h.Client.GetBalancesAsync();

        Assert.Equal((ExchangeErrorKind.SecurityLevelTooLow, 401), (place.Error?.Kind, place.Error?.HttpStatus));
        Assert.Equal(ExchangeErrorKind.SecurityLevelTooLow, cancel.Error?.Kind);
        Assert.True(read.IsSuccess);
    }

    [Fact]
    public async Task UnknownOrder_GetOrCancel_404OrderNotFound()
    {
        await using var h = await MockHarness.StartAsync(client: NoRetries);

        var get = await h.Client.GetOrderAsync(2_147_483_000L);
        var cancel = await h.Client.CancelOrderAsync(2_147_483_000L, "BTCNOK");
        var (status, body) = await h.SendAsync(MockHarness.Signed(HttpMethod.Get, "v2/order/12"));

        Assert.Equal((ExchangeErrorKind.NotFound, 404), (get.Error?.Kind, get.Error?.HttpStatus));
        Assert.Equal(ExchangeErrorKind.NotFound, cancel.Error?.Kind);
        Assert.Equal("""{"name":"OrderNotFound","message":"The specified order does not exist or has been canceled"}""", body);
        Assert.Equal(404, status);
    }

    [Fact]
    public async Task UnknownMarket_OpenOrdersOrHistory_404MarketNotFound()
    {
        await using var h = await MockHarness.StartAsync(client: NoRetries);

        var open = await h.Client.GetOpenOrdersAsync("XRPNOK");
        var history = await h.Client.GetOrderHistoryAsync("XRPNOK", 5);
        var order = await h.Client.PlaceOrderAsync(SmallBid with { Market = "XRPNOK" });

        Assert.Equal((ExchangeErrorKind.NotFound, 404), (open.Error?.Kind, open.Error?.HttpStatus));
        Assert.Equal(ExchangeErrorKind.NotFound, history.Error?.Kind);
        Assert.Equal(ExchangeErrorKind.NotFound, order.Error?.Kind);
    }

    [Theory]
    [InlineData("""{"market":"BTCNOK","type":"bid","price":"950000.001","amount":"0.001"}""", 400, "TooHighPriceAccuracy")]
    [InlineData("""{"market":"BTCNOK","type":"bid","price":"950000","amount":"0.000000001"}""", 400, "TooHighVolumeAccuracy")]
    [InlineData("""{"market":"BTCNOK","type":"bid","price":"9.5e5","amount":"0.001"}""", 400, "BadRequest")]
    [InlineData("""{"market":"BTCNOK","type":"bid","price":"950000","amount":"-1"}""", 400, "InvalidAmount")]
    [InlineData("""{"market":"BTCNOK","type":"buy","price":"950000","amount":"0.001"}""", 400, "BadRequest")]
    [InlineData("""{"market":"XRPNOK","type":"bid","price":"5","amount":"1"}""", 404, "MarketNotFound")]
    [InlineData("""{"type":"bid","price":"5","amount":"1"}""", 400, "BadRequest")]
    [InlineData("""not json""", 400, "BadRequest")]
    public async Task RawCreate_InvalidOrder_FiriValidationError(string body, int status, string name)
    {
        await using var h = await MockHarness.StartAsync();

        var answer = await h.SendAsync(MockHarness.Signed(HttpMethod.Post, "v2/orders", body));

        Assert.Equal((status, name), (answer.Status, MockHarness.ErrorName(answer.Body)));
    }

    [Fact]
    public async Task RawCreate_CapitalisedTypeAndNumbers_Accepted()
    {
        await using var h = await MockHarness.StartAsync();

        var answer = await h.SendAsync(MockHarness.Signed(HttpMethod.Post, "v2/orders",
            """{"market":"btcnok","type":"Bid","price":950000,"amount":"0.001"}"""));

        Assert.Equal(201, answer.Status);
    }

    [Fact]
    public async Task Read_RateLimited_429WithRetryAfter()
    {
        await using var h = await MockHarness.StartAsync(client: NoRetries);
        await h.SetFaultsAsync("429:GET=1x;retry-after=2s");

        var result = await h.Client.GetBalancesAsync();
        using var raw = await h.Http.GetAsync("v2/markets");

        Assert.Equal((ExchangeErrorKind.RateLimited, 429), (result.Error?.Kind, result.Error?.HttpStatus));
        Assert.Equal(TimeSpan.FromSeconds(2), result.Error?.RetryAfter);
        Assert.Equal(200, (int)raw.StatusCode);
    }

    [Fact]
    public async Task Read_ServerError_503JsonBody()
    {
        await using var h = await MockHarness.StartAsync(client: NoRetries);
        await h.SetFaultsAsync("5xx=1x");

        var result = await h.Client.GetMarketsAsync();

        Assert.Equal((ExchangeErrorKind.ServerError, 503), (result.Error?.Kind, result.Error?.HttpStatus));
        Assert.Contains("ServiceUnavailable", result.Error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_HtmlErrorPage_ServerErrorFromNonJsonBody()
    {
        await using var h = await MockHarness.StartAsync(client: NoRetries);
        await h.SetFaultsAsync("html=1x");

        var result = await h.Client.GetOpenOrdersAsync(null);

        Assert.Equal((ExchangeErrorKind.ServerError, 500), (result.Error?.Kind, result.Error?.HttpStatus));
        Assert.Contains("<pre>Internal Server Error</pre>", result.Error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_LatencyBeyondClientTimeout_Timeout()
    {
        await using var h = await MockHarness.StartAsync(client: o =>
        {
            o.MaxRetries = 0;
            o.Timeout = TimeSpan.FromMilliseconds(200);
        });
        await h.SetFaultsAsync("latency:/v2/balances=5s");

        var result = await h.Client.GetBalancesAsync();
        var other = await h.Client.GetOpenOrdersAsync(null);

        Assert.Equal(ExchangeErrorKind.Timeout, result.Error?.Kind);
        Assert.True(other.IsSuccess);
    }

    [Fact]
    public async Task Read_DroppedConnection_Network()
    {
        await using var h = await MockHarness.StartAsync(client: NoRetries);
        await h.SetFaultsAsync("drop:/v2/markets=1x");

        var result = await h.Client.GetMarketsAsync();

        Assert.Equal(ExchangeErrorKind.Network, result.Error?.Kind);
    }

    [Fact]
    public async Task PlaceOrder_LostCreateDropped_OutcomeUnknownAndExactlyOneOrderExists()
    {
        await using var h = await MockHarness.StartAsync();
        await h.Client.GetMarketsAsync(); // a warm, pooled connection, as in a running bot
        await h.SetFaultsAsync("lost-create=1x");

        var result = await h.Client.PlaceOrderAsync(SmallBid);
        var state = await h.StateAsync();

        Assert.Equal(ExchangeErrorKind.OutcomeUnknown, result.Error?.Kind);
        Assert.Equal(1, state.OrdersCreated);
        Assert.Equal(1, state.RequestsByRoute["POST /v2/orders"]);
        var open = Assert.Single((await h.Client.GetOpenOrdersAsync("BTCNOK")).Value);
        Assert.Equal((950_000m, 0.001m), (open.Price, open.Amount));
    }

    [Fact]
    public async Task PlaceOrder_LostCreateDelayedPastTimeout_OutcomeUnknownAndExactlyOneOrderExists()
    {
        await using var h = await MockHarness.StartAsync(client: o => o.Timeout = TimeSpan.FromMilliseconds(300));
        await h.SetFaultsAsync("lost-create=1x;lost-create-delay=20s");

        var result = await h.Client.PlaceOrderAsync(SmallBid);
        var state = await h.StateAsync();

        Assert.Equal(ExchangeErrorKind.OutcomeUnknown, result.Error?.Kind);
        Assert.Contains("Timeout", result.Error?.Message, StringComparison.Ordinal);
        Assert.Equal(1, state.OrdersCreated);
        Assert.Single(state.OpenOrders);
    }

    [Fact]
    public async Task PlaceOrder_DroppedBeforeHandling_OutcomeUnknownAndNoOrder()
    {
        await using var h = await MockHarness.StartAsync();
        await h.Client.GetMarketsAsync();
        await h.SetFaultsAsync("drop:POST/v2/orders=1x");

        var result = await h.Client.PlaceOrderAsync(SmallBid);
        var state = await h.StateAsync();

        Assert.Equal(ExchangeErrorKind.OutcomeUnknown, result.Error?.Kind);
        Assert.Equal(0, state.OrdersCreated);
        Assert.Equal(1, state.RequestsByRoute["POST /v2/orders"]);
    }

    [Fact]
    public async Task PlaceOrder_ServerErrorBeforeHandling_OutcomeUnknownAndNoOrder()
    {
        await using var h = await MockHarness.StartAsync();
        await h.SetFaultsAsync("5xx:POST=1x");

        var result = await h.Client.PlaceOrderAsync(SmallBid);

        Assert.Equal((ExchangeErrorKind.OutcomeUnknown, 503), (result.Error?.Kind, result.Error?.HttpStatus));
        Assert.Equal(0, (await h.StateAsync()).OrdersCreated);
    }
}
