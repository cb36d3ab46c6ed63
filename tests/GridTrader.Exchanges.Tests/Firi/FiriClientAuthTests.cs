using System.Text;
using GridTrader.Core.Markets;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Exchanges.Firi;
using GridTrader.Exchanges.Tests.Firi.Support;
using static GridTrader.Exchanges.Tests.Firi.Support.ScriptedResponse;

namespace GridTrader.Exchanges.Tests.Firi;

/// <summary>Golden request checks of the signing scheme against the worked requests of docs/firi-api.md ("Signing", Worked requests).</summary>
public class FiriClientAuthTests
{
    private const string Vector1 = "21818f40878aad8ed30373d01ea7c5068f53ad47861a84dd3e6891f074ab681b";
    private const string Vector3 = "1da5c7560763e46977eae217d2d7be0e45bd8db17f9d36acc8b7a8425f54f883";

    [Fact]
    public async Task PrivateGet_AtVectorTime_SendsReferenceQueryAndSignatureUnderBothPrefixes()
    {
        await using var h = await FiriHarness.StartAsync(credentials: FiriHarness.Credentials(withApiKey: false));
        h.Server.Enqueue(Json(FiriSamples.Balances));

        await h.Client.GetBalancesAsync();

        var request = h.Server.Requests.Single();
        Assert.Equal("timestamp=1632954488&validity=2000", request.Query);
        foreach (var prefix in new[] { "firi-", "miraiex-" })
        {
            Assert.Equal(FiriHarness.TestClientId, request.Header(prefix + "user-clientid"));
            Assert.Equal(Vector1, request.Header(prefix + "user-signature"));
            Assert.Null(request.Header(prefix + "access-key"));
        }

        Assert.Empty(request.Body);
    }

    [Fact]
    public async Task PrivateCall_WithApiKey_SendsAccessKeyUnderBothPrefixes()
    {
        await using var h = await FiriHarness.StartAsync();
        h.Server.Enqueue(Json("[]"));

        await h.Client.GetOpenOrdersAsync(null);

        var request = h.Server.Requests.Single();
        Assert.Equal(FiriHarness.TestApiKey, request.Header("firi-access-key"));
        Assert.Equal(FiriHarness.TestApiKey, request.Header("miraiex-access-key"));
    }

    [Fact]
    public async Task PlaceOrder_ReferenceOrder_BodyBytesAndSignatureMatchVector3()
    {
        // Amount precision 4 reproduces the reference's body ("0.0001") byte for byte.
        await using var h = await FiriHarness.StartAsync(o => o.Markets["BTCNOK"] = new() { PriceDecimals = 2, AmountDecimals = 4 });
        h.Server.Enqueue(Json(FiriSamples.OrderCreated, 201));

        var id = await h.Client.PlaceOrderAsync(new("BTCNOK", Side.Buy, 300000m, 0.0001m));

        Assert.Equal(12345678, id.Value);
        var request = h.Server.Requests.Single();
        Assert.Equal(
            """{"timestamp":"1632954488","validity":"2000","market":"BTCNOK","type":"bid","price":"300000.00","amount":"0.0001"}""",
            Encoding.UTF8.GetString(request.Body));
        Assert.Equal("timestamp=1632954488&validity=2000", request.Query);
        Assert.Equal(Vector3, request.Header("firi-user-signature"));
        Assert.Equal(Vector3, request.Header("miraiex-user-signature"));
        Assert.True(FiriSigner.Verify(FiriHarness.VectorSecret, request.Body, request.Header("firi-user-signature")));
    }

    [Fact]
    public async Task PrivateCalls_AnyRoute_SignatureVerifiesOverTheQueryTimestamp()
    {
        await using var h = await FiriHarness.StartAsync();
        h.Server.Enqueue(Json("[]"), Json(FiriSamples.Matched), Empty(), Json(FiriSamples.TradeRecords));
        h.Time.Advance(TimeSpan.FromSeconds(77));

        await h.Client.GetOrderHistoryAsync("BTCNOK", 5);
        await h.Client.CancelOrderAsync(9, "BTCNOK");
        await h.Client.CancelAllOrdersAsync(null);
        await h.Client.GetTradeHistoryAsync(null, 5);

        Assert.Equal(4, h.Server.Requests.Count);
        foreach (var request in h.Server.Requests)
        {
            Assert.Equal("1632954565", request.QueryValue("timestamp"));
            var payload = FiriSigner.AuthPayload(request.QueryValue("timestamp")!, request.QueryValue("validity")!);
            Assert.True(FiriSigner.Verify(FiriHarness.VectorSecret, payload, request.Header("miraiex-user-signature")));
        }
    }

    [Fact]
    public async Task PrivateCall_ValidityConfigured_SignsAndSendsIt()
    {
        await using var h = await FiriHarness.StartAsync(o => o.ValidityMs = 5000);
        h.Server.Enqueue(Json("[]"));

        await h.Client.GetBalancesAsync();

        var request = h.Server.Requests.Single();
        Assert.Equal("5000", request.QueryValue("validity"));
        Assert.True(FiriSigner.Verify(FiriHarness.VectorSecret, FiriSigner.AuthPayload("1632954488", "5000"), request.Header("firi-user-signature")));
    }

    [Fact]
    public async Task PublicCall_WithCredentials_SendsNoAuthHeadersOrQuery()
    {
        await using var h = await FiriHarness.StartAsync();
        h.Server.Enqueue(Json(FiriSamples.Markets));

        await h.Client.GetMarketsAsync();

        var request = h.Server.Requests.Single();
        Assert.Equal(string.Empty, request.Query);
        Assert.DoesNotContain(request.Headers.Keys, k => k.StartsWith("firi-", StringComparison.Ordinal) || k.StartsWith("miraiex-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PrivateCalls_WithoutCredentials_UnauthorizedAndNothingSent()
    {
        await using var h = await FiriHarness.StartAsync(o => o.AutoSyncClock = true, anonymous: true);

        Assert.Equal(ExchangeErrorKind.Unauthorized, (await h.Client.GetBalancesAsync()).Error?.Kind);
        Assert.Equal(ExchangeErrorKind.Unauthorized, (await h.Client.PlaceOrderAsync(new("BTCNOK", Side.Buy, 1m, 1m))).Error?.Kind);
        Assert.Equal(ExchangeErrorKind.Unauthorized, (await h.Client.CancelAllOrdersAsync(null)).Error?.Kind);
        Assert.Equal(ExchangeErrorKind.Unauthorized, (await h.Client.GetOrderAsync(1)).Error?.Kind);
        Assert.Empty(h.Server.Requests);
    }

    [Fact]
    public async Task SyncClock_ServerAhead_LaterSignaturesUseServerTime()
    {
        await using var h = await FiriHarness.StartAsync();
        h.Server.Enqueue(Json("""{"time":1632954600}"""), Json("[]"));

        var offset = await h.Client.SyncClockAsync();
        await h.Client.GetBalancesAsync();

        Assert.Equal(TimeSpan.FromSeconds(112), offset.Value);
        Assert.Equal("1632954600", h.Server.Requests[1].QueryValue("timestamp"));
    }

    [Fact]
    public async Task AutoSyncClock_FirstPrivateCall_ReadsTimeOnceThenSigns()
    {
        await using var h = await FiriHarness.StartAsync(o => o.AutoSyncClock = true);
        h.Server.Enqueue(Json("""{"time":1632954400}"""), Json("[]"), Json("[]"));

        await h.Client.GetBalancesAsync();
        await h.Client.GetBalancesAsync();

        Assert.Equal(["/time", "/v2/balances", "/v2/balances"], h.Server.Requests.Select(r => r.Path));
        Assert.Equal("1632954400", h.Server.Requests[1].QueryValue("timestamp"));
        Assert.Single(h.Log.Named("firi.clock"));
    }

    [Theory]
    [InlineData("balances")]
    [InlineData("place")]
    [InlineData("cancel")]
    [InlineData("cancel-all")]
    [InlineData("open")]
    [InlineData("order")]
    [InlineData("order-history")]
    [InlineData("trade-history")]
    public async Task AutoSyncClock_AnyPrivateCallFirst_ReadsTimeBeforeIt(string first)
    {
        await using var h = await FiriHarness.StartAsync(o => o.AutoSyncClock = true);
        h.Server.Enqueue(Json("""{"time":1632954400}"""));
        h.Server.Fallback = _ => Json("[]");
        var client = h.Client;

        _ = first switch
        {
            "balances" => (object)await client.GetBalancesAsync(),
            "place" => await client.PlaceOrderAsync(new("BTCNOK", Side.Buy, 1m, 1m)),
            "cancel" => await client.CancelOrderAsync(1, "BTCNOK"),
            "cancel-all" => await client.CancelAllOrdersAsync(null),
            "open" => await client.GetOpenOrdersAsync(null),
            "order" => await client.GetOrderAsync(1),
            "order-history" => await client.GetOrderHistoryAsync(null, 1),
            _ => await client.GetTradeHistoryAsync(null, 1),
        };

        Assert.Equal("/time", h.Server.Requests[0].Path);
        Assert.Equal("1632954400", h.Server.Requests[1].QueryValue("timestamp"));
    }

    [Fact]
    public async Task AutoSyncClock_PublicCall_DoesNotReadTime()
    {
        await using var h = await FiriHarness.StartAsync(o => o.AutoSyncClock = true);
        h.Server.Enqueue(Json(FiriSamples.Ticker), Json(FiriSamples.Market));

        await h.Client.GetTickerAsync("BTCNOK");

        Assert.DoesNotContain(h.Server.Requests, r => r.Path == "/time");
    }

    [Fact]
    public async Task AutoSyncClock_TimeEndpointDown_SignsWithLocalClockAndLogs()
    {
        await using var h = await FiriHarness.StartAsync(o =>
        {
            o.AutoSyncClock = true;
            o.MaxRetries = 0;
        });
        h.Server.Enqueue(Html(500, FiriSamples.HtmlInternalServerError), Json("[]"));

        var balances = await h.Client.GetBalancesAsync();

        Assert.True(balances.IsSuccess);
        Assert.Equal("1632954488", h.Server.Requests[1].QueryValue("timestamp"));
        Assert.Single(h.Log.Named("firi.clock_failed"));
    }

    [Fact]
    public async Task ExpiredSignature_WithAutoSync_NextPrivateCallResyncsFirst()
    {
        await using var h = await FiriHarness.StartAsync(o => o.AutoSyncClock = true);
        h.Server.Enqueue(
            Json("""{"time":1632954488}"""),
            Json("""{"name":"Expired Signature","message":"Make sure the timestamp was not made in the past"}""", 401),
            Json("""{"time":1632954530}"""),
            Json("[]"));

        var first = await h.Client.GetBalancesAsync();
        var second = await h.Client.GetBalancesAsync();

        Assert.Equal(ExchangeErrorKind.ExpiredSignature, first.Error?.Kind);
        Assert.True(second.IsSuccess);
        Assert.Equal(["/time", "/v2/balances", "/time", "/v2/balances"], h.Server.Requests.Select(r => r.Path));
        Assert.Equal("1632954530", h.Server.Requests[3].QueryValue("timestamp"));
    }
}
