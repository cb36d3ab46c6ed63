using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Exchanges.Firi;
using GridTrader.Exchanges.Tests.Firi.Support;
using Microsoft.Extensions.Time.Testing;
using static GridTrader.Exchanges.Tests.Firi.Support.ScriptedResponse;

namespace GridTrader.Exchanges.Tests.Firi;

/// <summary>Reads and cancels retry within a budget; order creation is sent once and never repeated.</summary>
public class FiriClientResilienceTests
{
    private static readonly OrderRequest Order = new("BTCNOK", Side.Buy, 300000m, 0.0001m);
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    private static Action<FiriClientOptions> OneRequestPerSecond(int burst) => o =>
    {
        o.RequestsPerSecond = 1;
        o.Burst = burst;
    };

    private static List<long> RetryDelaysMs(FiriHarness h) =>
        h.Log.Named("firi.retry").Select(e => long.Parse(e.Values.Single(v => v.StartsWith("DelayMs=", StringComparison.Ordinal))[8..],
            System.Globalization.CultureInfo.InvariantCulture)).ToList();

    [Fact]
    public async Task Read_TwoServerErrorsThenSuccess_RetriedAndSucceeds()
    {
        await using var h = await FiriHarness.StartAsync();
        h.Server.Enqueue(Html(503, "busy"), Html(500, FiriSamples.HtmlInternalServerError), Json(FiriSamples.Markets));

        var markets = await h.Client.GetMarketsAsync();

        Assert.True(markets.IsSuccess);
        Assert.Equal(3, h.Server.Requests.Count);
        Assert.Equal(2, h.Log.Named("firi.retry").Count);
    }

    [Fact]
    public async Task Read_DefaultBackoff_WaitsOneThenTwoSecondsOfVirtualTime()
    {
        await using var h = await FiriHarness.StartAsync(o => o.RetryBaseDelay = TimeSpan.FromSeconds(1));
        h.Server.Enqueue(Html(503, "busy"), Html(502, "bad gateway"), Json(FiriSamples.Markets));

        var call = h.Client.GetMarketsAsync().AsTask();
        var elapsed = await h.AdvanceUntilDoneAsync(call, Step, Limit);

        Assert.True((await call).IsSuccess);
        Assert.Equal([1000L, 2000L], RetryDelaysMs(h));
        Assert.InRange(elapsed, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Read_429WithRetryAfter_WaitsWhatTheServerAsked()
    {
        await using var h = await FiriHarness.StartAsync(o => o.RetryBaseDelay = TimeSpan.FromSeconds(1));
        h.Server.Enqueue(
            new ScriptedResponse(429, """{"name":"TooManyRequests","message":"slow down"}""",
                Headers: new Dictionary<string, string> { ["Retry-After"] = "7" }),
            Json(FiriSamples.Markets));

        var call = h.Client.GetMarketsAsync().AsTask();
        var elapsed = await h.AdvanceUntilDoneAsync(call, Step, Limit);

        Assert.True((await call).IsSuccess);
        Assert.Equal([7000L], RetryDelaysMs(h));
        Assert.InRange(elapsed, TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(9));
    }

    [Fact]
    public async Task Read_RetryAfterBeyondTotalBudget_NotRetriedAndCarriesTheDelay()
    {
        await using var h = await FiriHarness.StartAsync();
        h.Server.Enqueue(new ScriptedResponse(429, "", Headers: new Dictionary<string, string> { ["Retry-After"] = "120" }));

        var result = await h.Client.GetMarketsAsync();

        Assert.Equal(ExchangeErrorKind.RateLimited, result.Error?.Kind);
        Assert.Equal(TimeSpan.FromSeconds(120), result.Error?.RetryAfter);
        Assert.Single(h.Server.Requests);
        Assert.Single(h.Log.Named("firi.retry_budget"));
    }

    [Fact]
    public async Task Read_AlwaysFailing_StopsAfterMaxRetries()
    {
        await using var h = await FiriHarness.StartAsync();
        h.Server.Fallback = _ => Html(500, FiriSamples.HtmlInternalServerError);

        var result = await h.Client.GetMarketsAsync();

        Assert.Equal(ExchangeErrorKind.ServerError, result.Error?.Kind);
        Assert.Equal(1 + 3, h.Server.Requests.Count);
    }

    [Fact]
    public async Task Read_AlwaysFailing_StopsWhenTheTotalTimeBudgetWouldBeExceeded()
    {
        await using var h = await FiriHarness.StartAsync(o =>
        {
            o.MaxRetries = 10;
            o.RetryBaseDelay = TimeSpan.FromSeconds(1);
            o.RetryMaxTotalTime = TimeSpan.FromSeconds(5);
        });
        h.Server.Fallback = _ => Html(503, "busy");

        var call = h.Client.GetMarketsAsync().AsTask();
        await h.AdvanceUntilDoneAsync(call, Step, Limit);

        // Attempts at t=0, 1 s and 3 s; the next would wait 4 s more and end past 5 s.
        Assert.Equal(ExchangeErrorKind.ServerError, (await call).Error?.Kind);
        Assert.Equal(3, h.Server.Requests.Count);
    }

    [Fact]
    public async Task Read_ClientErrors_NotRetried()
    {
        await using var h = await FiriHarness.StartAsync();
        h.Server.Enqueue(Json("""{"name":"BadRequest","message":"Market is invalid"}""", 400));

        await h.Client.GetMarketsAsync();

        Assert.Single(h.Server.Requests);
    }

    [Fact]
    public async Task Read_TimeoutThenAnswer_RetriedAndSucceeds()
    {
        await using var h = await FiriHarness.StartAsync();
        h.Server.Enqueue(Hang(), Json(FiriSamples.Balances));

        var call = h.Client.GetBalancesAsync().AsTask();
        await h.Server.WaitForRequestsAsync(1);
        h.Time.Advance(TimeSpan.FromSeconds(10));
        var result = await call;

        Assert.True(result.IsSuccess);
        Assert.Equal(2, h.Server.Requests.Count);
    }

    [Fact]
    public async Task Read_ConnectionRefused_RetriedThenNetworkError()
    {
        using var http = new HttpClient { BaseAddress = ClosedPort.Address() };
        var log = new CapturingLogger<FiriClient>();
        var options = FiriHarness.FastOptions();
        options.MaxRetries = 2;
        var client = new FiriClient(http, new FakeTimeProvider(), log, options);

        var result = await client.GetMarketsAsync();

        Assert.Equal(ExchangeErrorKind.Network, result.Error?.Kind);
        Assert.Equal(3, log.Named("firi.request").Count);
    }

    [Fact]
    public async Task Cancel_ServerErrorThenAnswer_RetriedBecauseIdempotent()
    {
        await using var h = await FiriHarness.StartAsync();
        h.Server.Enqueue(Html(502, "bad gateway"), Json(FiriSamples.Matched));

        var result = await h.Client.CancelOrderAsync(77, "BTCNOK");

        Assert.True(result.IsSuccess);
        Assert.Equal(["DELETE", "DELETE"], h.Server.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task Read_Retried_EachAttemptSignedWithItsOwnTimestamp()
    {
        await using var h = await FiriHarness.StartAsync(o => o.RetryBaseDelay = TimeSpan.FromSeconds(2));
        h.Server.Enqueue(Html(503, "busy"), Json(FiriSamples.Balances));

        var call = h.Client.GetBalancesAsync().AsTask();
        await h.AdvanceUntilDoneAsync(call, TimeSpan.FromMilliseconds(500), Limit);

        var timestamps = h.Server.Requests.Select(r => long.Parse(r.QueryValue("timestamp")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(timestamps[1] >= timestamps[0] + 2);
    }

    [Theory]
    [InlineData(500, "<pre>Internal Server Error</pre>")]
    [InlineData(502, "")]
    [InlineData(503, """{"name":"Unavailable","message":"maintenance"}""")]
    [InlineData(400, "<html>400 Bad Request</html>")]
    public async Task PlaceOrder_ServerErrorOrUnexplainedRejection_OutcomeUnknownAndSentOnce(int status, string body)
    {
        await using var h = await FiriHarness.StartAsync();
        h.Server.Fallback = _ => new ScriptedResponse(status, body, "text/html");

        var result = await h.Client.PlaceOrderAsync(Order);

        Assert.Equal(ExchangeErrorKind.OutcomeUnknown, result.Error?.Kind);
        Assert.Equal(status, result.Error?.HttpStatus);
        Assert.Single(h.Server.Requests, r => r.Method == "POST");
        Assert.Single(h.Log.Named("firi.outcome_unknown"));
    }

    [Fact]
    public async Task PlaceOrder_Timeout_OutcomeUnknownAndSentOnce()
    {
        await using var h = await FiriHarness.StartAsync();
        h.Server.Fallback = _ => Hang();

        var call = h.Client.PlaceOrderAsync(Order).AsTask();
        await h.Server.WaitForRequestsAsync(1);
        h.Time.Advance(TimeSpan.FromSeconds(10));
        var result = await call;
        await Task.Delay(50);

        Assert.Equal(ExchangeErrorKind.OutcomeUnknown, result.Error?.Kind);
        Assert.Contains("Timeout", result.Error?.Message, StringComparison.Ordinal);
        Assert.Single(h.Server.Requests);
    }

    [Fact]
    public async Task PlaceOrder_ConnectionDroppedAfterSending_OutcomeUnknownAndSentOnce()
    {
        await using var h = await FiriHarness.StartAsync();
        h.Server.Enqueue(Json(FiriSamples.Markets));
        h.Server.Fallback = _ => Drop();

        await h.Client.GetMarketsAsync(); // a warm, pooled connection, as in a running bot
        var result = await h.Client.PlaceOrderAsync(Order);
        await Task.Delay(50);

        Assert.Equal(ExchangeErrorKind.OutcomeUnknown, result.Error?.Kind);
        Assert.Single(h.Server.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task PlaceOrder_CallerCancelsInFlight_OutcomeUnknown()
    {
        await using var h = await FiriHarness.StartAsync();
        h.Server.Fallback = _ => Hang();
        using var cts = new CancellationTokenSource();

        var call = h.Client.PlaceOrderAsync(Order, cts.Token).AsTask();
        await h.Server.WaitForRequestsAsync(1);
        await cts.CancelAsync();
        var result = await call;

        Assert.Equal(ExchangeErrorKind.OutcomeUnknown, result.Error?.Kind);
        Assert.Contains("Cancelled", result.Error?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlaceOrder_ConnectionRefused_NetworkBecauseNothingWasSent()
    {
        using var http = new HttpClient { BaseAddress = ClosedPort.Address() };
        var client = new FiriClient(http, new FakeTimeProvider(), new CapturingLogger<FiriClient>(), FiriHarness.FastOptions(),
            FiriHarness.Credentials());

        var result = await client.PlaceOrderAsync(Order);

        Assert.Equal(ExchangeErrorKind.Network, result.Error?.Kind);
    }

    [Theory]
    [InlineData(400, FiriSamples.InsufficientFunds, ExchangeErrorKind.InsufficientFunds)]
    [InlineData(401, FiriSamples.SecurityLevelTooLow, ExchangeErrorKind.SecurityLevelTooLow)]
    [InlineData(401, """{"name":"Invalid Signature","message":"bad"}""", ExchangeErrorKind.InvalidSignature)]
    [InlineData(404, """{"name":"MarketNotFound","message":"Market not found"}""", ExchangeErrorKind.NotFound)]
    [InlineData(400, """{"name":"TooHighPriceAccuracy","message":"Too many decimal places in price"}""", ExchangeErrorKind.InvalidRequest)]
    [InlineData(429, """{"name":"TooManyRequests","message":"slow down"}""", ExchangeErrorKind.RateLimited)]
    public async Task PlaceOrder_StatedRejection_ReturnedAsSuchAndNotRetried(int status, string body, ExchangeErrorKind expected)
    {
        await using var h = await FiriHarness.StartAsync();
        h.Server.Fallback = _ => Json(body, status);

        var result = await h.Client.PlaceOrderAsync(Order);

        Assert.Equal(expected, result.Error?.Kind);
        Assert.Single(h.Server.Requests);
        Assert.Empty(h.Log.Named("firi.outcome_unknown"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html>created</html>")]
    [InlineData("""{"id":0}""")]
    [InlineData("""{"orderId":5}""")]
    public async Task PlaceOrder_AcceptedButIdUnreadable_OutcomeUnknown(string body)
    {
        await using var h = await FiriHarness.StartAsync();
        h.Server.Enqueue(new ScriptedResponse(201, body));

        var result = await h.Client.PlaceOrderAsync(Order);

        Assert.Equal(ExchangeErrorKind.OutcomeUnknown, result.Error?.Kind);
        Assert.Equal(201, result.Error?.HttpStatus);
    }

    [Fact]
    public async Task Pacing_BeyondBurst_WaitsForTheBucketOnVirtualTime()
    {
        await using var h = await FiriHarness.StartAsync(OneRequestPerSecond(burst: 2));
        h.Server.Fallback = _ => Json("[]");

        await h.Client.GetMarketsAsync();
        await h.Client.GetMarketsAsync();
        var third = h.Client.GetMarketsAsync().AsTask();
        await Task.Delay(100);

        Assert.False(third.IsCompleted);
        Assert.Equal(2, h.Server.Requests.Count);
        h.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await third).IsSuccess);
        Assert.Equal(3, h.Server.Requests.Count);
        Assert.Contains("1000", Assert.Single(h.Log.Named("firi.paced")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pacing_CallerCancelsWhileWaiting_CancelledAndNothingSent()
    {
        await using var h = await FiriHarness.StartAsync(OneRequestPerSecond(burst: 1));
        h.Server.Fallback = _ => Json("[]");
        using var cts = new CancellationTokenSource();

        await h.Client.GetMarketsAsync();
        var waiting = h.Client.PlaceOrderAsync(Order, cts.Token).AsTask();
        await cts.CancelAsync();
        var result = await waiting;

        Assert.Equal(ExchangeErrorKind.Cancelled, result.Error?.Kind);
        Assert.Single(h.Server.Requests);
    }
}
