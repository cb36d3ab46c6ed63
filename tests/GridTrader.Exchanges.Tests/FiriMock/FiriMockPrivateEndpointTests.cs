using System.Text.Json;
using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Exchanges.Abstractions;

namespace GridTrader.Exchanges.Tests.FiriMock;

/// <summary>The client against the mock over HTTP: every private endpoint, backed by the matching engine.</summary>
public class FiriMockPrivateEndpointTests
{
    private static OrderRequest Bid(decimal price, decimal amount, string market = "BTCNOK") => new(market, Side.Buy, price, amount);

    private static OrderRequest Ask(decimal price, decimal amount, string market = "BTCNOK") => new(market, Side.Sell, price, amount);

    [Fact]
    public async Task GetBalances_Start_EveryCurrencyInItsPrecision()
    {
        await using var h = await MockHarness.StartAsync();

        var balances = (await h.Client.GetBalancesAsync()).Value;
        var (_, body) = await h.SendAsync(MockHarness.Signed(HttpMethod.Get, "v2/balances"));

        Assert.Equal(
            [new Balance("BTC", 1m, 0m, 1m), new Balance("ETH", 10m, 0m, 10m), new Balance("NOK", 100_000m, 0m, 100_000m)],
            balances);
        Assert.Contains("""{"currency":"NOK","balance":"100000.00","hold":"0.00","available":"100000.00"}""", body, StringComparison.Ordinal);
        Assert.Contains("""{"currency":"BTC","balance":"1.00000000","hold":"0.00000000","available":"1.00000000"}""", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlaceOrder_RestingBid_201WithInt64IdAndHoldsPricePlusFee()
    {
        await using var h = await MockHarness.StartAsync();

        var id = (await h.Client.PlaceOrderAsync(Bid(900_000m, 0.01m))).Value;
        var nok = (await h.Client.GetBalancesAsync()).Value.Single(b => b.Currency == "NOK");
        var (status, body) = await h.SendAsync(MockHarness.Signed(HttpMethod.Post, "v2/orders",
            """{"market":"BTCNOK","type":"ask","price":"1100000.00","amount":"0.00010000"}"""));

        Assert.True(id > int.MaxValue);
        Assert.Equal(new Balance("NOK", 100_000m, 9_045m, 90_955m), nok);
        Assert.Equal(201, status);
        Assert.Equal(id + 1, JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task GetOpenOrders_AllAndPerMarket_NewestFirstWithDocumentedFields()
    {
        await using var h = await MockHarness.StartAsync();
        var btc = (await h.Client.PlaceOrderAsync(Bid(950_000m, 0.001m))).Value;
        var eth = (await h.Client.PlaceOrderAsync(Ask(31_000m, 0.5m, "ETHNOK"))).Value;

        var all = (await h.Client.GetOpenOrdersAsync(null)).Value;
        var ethOnly = (await h.Client.GetOpenOrdersAsync("ETHNOK")).Value;
        var (_, body) = await h.SendAsync(MockHarness.Signed(HttpMethod.Get, "v2/orders/BTCNOK"));

        Assert.Equal([eth, btc], all.Select(o => o.Id));
        var order = Assert.Single(ethOnly);
        Assert.Equal((eth, "ETHNOK", Side.Sell, 31_000m, 0.5m, 0m, 0.5m, 0m), (order.Id, order.Market, order.Side, order.Price, order.Amount,
            order.Matched, order.Remaining, order.Cancelled));
        Assert.Matches(
            $$"""^\[\{"id":{{btc}},"market":"BTCNOK","type":"bid","price":"950000.00","amount":"0.00100000","remaining":"0.00100000","matched":"0.00000000","cancelled":"0.00000000","created_at":"[^"]+Z"\}\]$""",
            body);
    }

    [Fact]
    public async Task GetOrder_ById_OneElementArrayTheClientReads()
    {
        await using var h = await MockHarness.StartAsync();
        var id = (await h.Client.PlaceOrderAsync(Bid(950_000m, 0.001m))).Value;

        var order = (await h.Client.GetOrderAsync(id)).Value;
        var (_, body) = await h.SendAsync(MockHarness.Signed(HttpMethod.Get, $"v2/order/{id}"));

        Assert.Equal(id, order.Id);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(body).RootElement.ValueKind);
        Assert.Equal(1, JsonDocument.Parse(body).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task CancelOrder_Open_ReturnsMatchedAndReleasesHold()
    {
        await using var h = await MockHarness.StartAsync();
        var id = (await h.Client.PlaceOrderAsync(Bid(900_000m, 0.01m))).Value;

        var cancelled = (await h.Client.CancelOrderAsync(id, "BTCNOK")).Value;
        var again = await h.Client.CancelOrderAsync(id, "BTCNOK");

        Assert.Equal(new CancelResult(id, 0m), cancelled);
        Assert.Equal(ExchangeErrorKind.NotFound, again.Error?.Kind);
        Assert.Empty((await h.Client.GetOpenOrdersAsync(null)).Value);
        Assert.Equal(0m, (await h.Client.GetBalancesAsync()).Value.Single(b => b.Currency == "NOK").Hold);
    }

    [Fact]
    public async Task CancelDetailed_WithMarketSegment_200MatchedString()
    {
        await using var h = await MockHarness.StartAsync();
        var id = (await h.Client.PlaceOrderAsync(Bid(900_000m, 0.01m))).Value;

        var wrongMarket = await h.SendAsync(MockHarness.Signed(HttpMethod.Delete, $"v2/orders/{id}/ETHNOK/detailed"));
        var (status, body) = await h.SendAsync(MockHarness.Signed(HttpMethod.Delete, $"v2/orders/{id}/BTCNOK/detailed"));

        Assert.Equal((404, "OrderNotFound"), (wrongMarket.Status, MockHarness.ErrorName(wrongMarket.Body)));
        Assert.Equal((200, """{"matched":"0.00000000"}"""), (status, body));
    }

    [Fact]
    public async Task CancelAllOrders_PerMarketThenAll_204AndOnlyThoseCancelled()
    {
        await using var h = await MockHarness.StartAsync();
        await h.Client.PlaceOrderAsync(Bid(950_000m, 0.001m));
        var eth = (await h.Client.PlaceOrderAsync(Bid(29_000m, 0.01m, "ETHNOK"))).Value;

        Assert.True((await h.Client.CancelAllOrdersAsync("BTCNOK")).Value);
        var left = (await h.Client.GetOpenOrdersAsync(null)).Value;
        var (status, body) = await h.SendAsync(MockHarness.Signed(HttpMethod.Delete, "v2/orders"));

        Assert.Equal([eth], left.Select(o => o.Id));
        Assert.Equal((204, ""), (status, body));
        Assert.Empty((await h.Client.GetOpenOrdersAsync(null)).Value);
    }

    [Fact]
    public async Task DeleteOrdersSegment_OrderIdOrUnknown_CancelsOneOr404()
    {
        await using var h = await MockHarness.StartAsync();
        var id = (await h.Client.PlaceOrderAsync(Bid(950_000m, 0.001m))).Value;

        var byId = await h.SendAsync(MockHarness.Signed(HttpMethod.Delete, $"v2/orders/{id}"));
        var unknown = await h.SendAsync(MockHarness.Signed(HttpMethod.Delete, "v2/orders/XRPNOK"));

        Assert.Equal(204, byId.Status);
        Assert.Equal((404, "MarketNotFound"), (unknown.Status, MockHarness.ErrorName(unknown.Body)));
        Assert.Empty((await h.Client.GetOpenOrdersAsync(null)).Value);
    }

    [Fact]
    public async Task ScriptedMoveWithVolume_CrossesABid_PartialFillAsMatchedAndRemaining()
    {
        await using var h = await MockHarness.StartAsync();
        var id = (await h.Client.PlaceOrderAsync(Bid(990_000m, 0.01m))).Value;

        await h.MovePriceAsync("BTCNOK", 985_000m, volume: 0.004m);
        var order = (await h.Client.GetOrderAsync(id)).Value;
        var trades = (await h.Client.GetTradeHistoryAsync("BTCNOK", 10)).Value;
        var nok = (await h.Client.GetBalancesAsync()).Value.Single(b => b.Currency == "NOK");

        Assert.Equal((0.004m, 0.006m, 0m), (order.Matched, order.Remaining, order.Cancelled));
        Assert.Equal([id], (await h.Client.GetOpenOrdersAsync("BTCNOK")).Value.Select(o => o.Id));
        var trade = Assert.Single(trades);
        Assert.Equal(("BTCNOK", Side.Buy, 990_000m, 0.004m, 3_960m, true), (trade.Market, trade.Side, trade.Price, trade.Amount, trade.Cost, trade.IsMaker));
        // 3 960 NOK paid plus 0.5% fee; the rest of the order still holds 0.006 × 990 000 × 1.005.
        Assert.Equal(new Balance("NOK", 96_020.20m, 5_969.70m, 90_050.50m), nok);
        Assert.Equal(1.004m, (await h.Client.GetBalancesAsync()).Value.Single(b => b.Currency == "BTC").Total);
    }

    [Fact]
    public async Task ScriptedMoveWithoutVolume_CrossesAsks_FillInFullAndMoveToHistory()
    {
        await using var h = await MockHarness.StartAsync();
        var first = (await h.Client.PlaceOrderAsync(Ask(1_010_000m, 0.1m))).Value;
        var second = (await h.Client.PlaceOrderAsync(Ask(1_020_000m, 0.2m))).Value;
        var untouched = (await h.Client.PlaceOrderAsync(Ask(1_030_000m, 0.1m))).Value;

        await h.MovePriceAsync("BTCNOK", 1_025_000m);
        var history = (await h.Client.GetOrderHistoryAsync("BTCNOK", 10)).Value;
        var allHistory = (await h.Client.GetOrderHistoryAsync(null, 1)).Value;

        Assert.Equal([second, first], history.Select(o => o.Id));
        Assert.All(history, o => Assert.Equal((o.Amount, 0m), (o.Matched, o.Remaining)));
        Assert.Equal([second], allHistory.Select(o => o.Id));
        Assert.Equal([untouched], (await h.Client.GetOpenOrdersAsync(null)).Value.Select(o => o.Id));
        var trades = (await h.Client.GetTradeHistoryAsync(null, 10)).Value;
        Assert.Equal([1_020_000m, 1_010_000m], trades.Select(t => t.Price));
    }

    [Fact]
    public async Task TradeHistory_RawRoute_TradeRecordShape()
    {
        await using var h = await MockHarness.StartAsync();
        await h.Client.PlaceOrderAsync(Bid(1_000_000m, 0.001m));

        var (status, body) = await h.SendAsync(MockHarness.Signed(HttpMethod.Get, "v2/history/orders?count=5"));

        Assert.Equal(200, status);
        Assert.Matches(
            """^\[\{"id":"[0-9a-f-]{36}","market":"BTCNOK","price":"1000000.00","price_currency":"NOK","amount":"0.00100000","amount_currency":"BTC","cost":"1000.00","cost_currency":"NOK","side":"bid","isMaker":false,"date":"[^"]+Z"\}\]$""",
            body);
    }

    [Fact]
    public async Task ClientRestart_NewClientInstance_FindsTheSameOpenOrders()
    {
        await using var h = await MockHarness.StartAsync();
        var placed = new[]
        {
            (await h.Client.PlaceOrderAsync(Bid(950_000m, 0.001m))).Value,
            (await h.Client.PlaceOrderAsync(Ask(1_050_000m, 0.002m))).Value,
        };

        var restarted = h.NewClient();
        var seen = (await restarted.GetOpenOrdersAsync(null)).Value;
        var cancelled = await restarted.CancelOrderAsync(placed[0], "BTCNOK");

        Assert.Equal(placed.Reverse(), seen.Select(o => o.Id));
        Assert.True(cancelled.IsSuccess);
        Assert.Equal([placed[1]], (await h.Client.GetOpenOrdersAsync(null)).Value.Select(o => o.Id));
    }

    [Fact]
    public async Task AdminState_AfterOrders_CountsCreatesPerMarketSidePrice()
    {
        await using var h = await MockHarness.StartAsync();
        await h.Client.PlaceOrderAsync(Bid(950_000m, 0.001m));
        await h.Client.PlaceOrderAsync(Bid(950_000m, 0.002m));
        await h.Client.PlaceOrderAsync(Ask(1_050_000m, 0.002m));
        await h.Client.PlaceOrderAsync(Bid(99_000_000m, 0.002m)); // refused: insufficient funds, not counted

        var state = await h.StateAsync();

        Assert.Equal(3, state.OrdersCreated);
        Assert.Equal(
            [("BTCNOK", "bid", "950000.00", 2, "0.00300000"), ("BTCNOK", "ask", "1050000.00", 1, "0.00200000")],
            state.CreatedOrders.Select(c => (c.Market, c.Side, c.Price, c.Count, c.Amount)));
        Assert.Equal(3, state.OpenOrders.Count);
        Assert.Equal(4, state.RequestsByRoute["POST /v2/orders"]);
    }

    [Fact]
    public async Task AdminReset_AfterTrading_BackToTheStart()
    {
        await using var h = await MockHarness.StartAsync();
        await h.Client.PlaceOrderAsync(Bid(950_000m, 0.001m));
        await h.MovePriceAsync("BTCNOK", 900_000m);

        using var response = await h.Http.PostAsync("admin/reset", null);
        var state = await h.StateAsync();

        Assert.True(response.IsSuccessStatusCode);
        Assert.Empty(state.OpenOrders);
        Assert.Equal(0, state.OrdersCreated);
        Assert.Equal("1000000.00", state.Prices[0].Last);
        Assert.Equal("1.00000000", state.Balances.Single(b => b.Currency == "BTC").Balance);
    }
}
