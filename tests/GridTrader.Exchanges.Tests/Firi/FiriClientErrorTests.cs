using GridTrader.Core.Markets;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Exchanges.Firi;
using GridTrader.Exchanges.Tests.Firi.Support;
using Microsoft.Extensions.Time.Testing;
using static GridTrader.Exchanges.Tests.Firi.Support.ScriptedResponse;

namespace GridTrader.Exchanges.Tests.Firi;

/// <summary>Every failure a call can meet becomes a typed error value; nothing throws out of the client.</summary>
public class FiriClientErrorTests
{
    private static void NoRetries(FiriClientOptions o) => o.MaxRetries = 0;

    [Theory]
    [InlineData(400, """{"name":"InsufficientFunds","message":"Insufficient funds"}""", ExchangeErrorKind.InsufficientFunds)]
    [InlineData(401, """{"name":"Invalid Signature","message":"PS! Timestamp and validity has to be strings"}""", ExchangeErrorKind.InvalidSignature)]
    [InlineData(401, """{"name":"ExpiredSignature","message":"expired"}""", ExchangeErrorKind.ExpiredSignature)]
    [InlineData(401, """{"name":"SecurityLevelTooLow","message":"The user's security level is too low"}""", ExchangeErrorKind.SecurityLevelTooLow)]
    [InlineData(401, """{"name":"ApiKeyNotFound","message":"access key not found"}""", ExchangeErrorKind.Unauthorized)]
    [InlineData(404, """{"name":"OrderNotFound","message":"gone"}""", ExchangeErrorKind.NotFound)]
    [InlineData(400, """{"name":"BadRequest","message":"Market is invalid"}""", ExchangeErrorKind.InvalidRequest)]
    [InlineData(429, """{"name":"TooManyRequests","message":"slow down"}""", ExchangeErrorKind.RateLimited)]
    [InlineData(503, """{"name":"Unavailable","message":"maintenance"}""", ExchangeErrorKind.ServerError)]
    public async Task PrivateRead_ErrorAnswer_MapsToTypedError(int status, string body, ExchangeErrorKind expected)
    {
        await using var h = await FiriHarness.StartAsync(NoRetries);
        h.Server.Enqueue(Json(body, status));

        var result = await h.Client.GetBalancesAsync();

        Assert.Equal(expected, result.Error?.Kind);
        Assert.Equal(status, result.Error?.HttpStatus);
    }

    [Fact]
    public async Task Read_HtmlInternalServerErrorPage_ServerErrorWithExcerpt()
    {
        await using var h = await FiriHarness.StartAsync(NoRetries);
        h.Server.Enqueue(Html(500, FiriSamples.HtmlInternalServerError));

        var result = await h.Client.GetMarketsAsync();

        Assert.Equal(ExchangeErrorKind.ServerError, result.Error?.Kind);
        Assert.Equal("HTTP 500 with a non-JSON body: <pre>Internal Server Error</pre>", result.Error?.Message);
    }

    [Fact]
    public async Task Read_429WithRetryAfterSeconds_RateLimitedCarryingTheDelay()
    {
        await using var h = await FiriHarness.StartAsync(NoRetries);
        h.Server.Enqueue(new ScriptedResponse(429, """{"name":"TooManyRequests","message":"slow down"}""",
            Headers: new Dictionary<string, string> { ["Retry-After"] = "7" }));

        var result = await h.Client.GetMarketsAsync();

        Assert.Equal(ExchangeErrorKind.RateLimited, result.Error?.Kind);
        Assert.Equal(TimeSpan.FromSeconds(7), result.Error?.RetryAfter);
        Assert.True(result.Error?.IsTransient);
    }

    [Fact]
    public async Task Read_429WithRetryAfterDate_DelayIsRelativeToTheInjectedClock()
    {
        await using var h = await FiriHarness.StartAsync(NoRetries);
        var at = h.Time.GetUtcNow().AddSeconds(30).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        h.Server.Enqueue(new ScriptedResponse(429, "", Headers: new Dictionary<string, string> { ["Retry-After"] = at }));

        var result = await h.Client.GetMarketsAsync();

        Assert.Equal(TimeSpan.FromSeconds(30), result.Error?.RetryAfter);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"bid":"1.0","ask":""")]
    [InlineData("""{"bids":"nope"}""")]
    [InlineData("null")]
    public async Task Read_2xxWithUnreadableJson_InvalidResponse(string body)
    {
        await using var h = await FiriHarness.StartAsync();
        h.Server.Enqueue(Json(body));

        var result = await h.Client.GetOrderBookAsync("BTCNOK", 5);

        Assert.Equal(ExchangeErrorKind.InvalidResponse, result.Error?.Kind);
        Assert.Single(h.Server.Requests);
    }

    [Theory]
    [InlineData("""[{"currency":"BTC","balance":"abc","hold":"0","available":"0"}]""")]
    [InlineData("""[{"currency":"BTC","balance":"1","hold":"0"}]""")]
    [InlineData("""{"currency":"BTC"}""")]
    public async Task Read_2xxWithBadOrMissingValues_InvalidResponseNamingTheField(string body)
    {
        await using var h = await FiriHarness.StartAsync();
        h.Server.Enqueue(Json(body));

        var result = await h.Client.GetBalancesAsync();

        Assert.Equal(ExchangeErrorKind.InvalidResponse, result.Error?.Kind);
    }

    [Fact]
    public async Task Read_NoAnswerWithinTimeout_TimeoutOnVirtualTime()
    {
        await using var h = await FiriHarness.StartAsync(NoRetries);
        h.Server.Enqueue(Hang());

        var call = h.Client.GetBalancesAsync().AsTask();
        await h.Server.WaitForRequestsAsync(1);
        Assert.False(call.IsCompleted);
        h.Time.Advance(TimeSpan.FromSeconds(10));
        var result = await call;

        Assert.Equal(ExchangeErrorKind.Timeout, result.Error?.Kind);
    }

    [Fact]
    public async Task Read_HttpClientOwnTimeoutFires_Timeout()
    {
        await using var server = await FiriTestServer.StartAsync();
        server.Enqueue(Hang());
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMilliseconds(200) };
        var options = FiriHarness.FastOptions();
        options.MaxRetries = 0;
        options.Timeout = TimeSpan.FromMinutes(5);
        var client = new FiriClient(http, new FakeTimeProvider(), new CapturingLogger<FiriClient>(), options);

        var result = await client.GetMarketsAsync();

        Assert.Equal(ExchangeErrorKind.Timeout, result.Error?.Kind);
    }

    [Fact]
    public async Task Read_ConnectionRefused_NetworkError()
    {
        using var http = new HttpClient { BaseAddress = ClosedPort.Address() };
        var options = FiriHarness.FastOptions();
        options.MaxRetries = 0;
        var client = new FiriClient(http, new FakeTimeProvider(), new CapturingLogger<FiriClient>(), options);

        var result = await client.GetMarketsAsync();

        Assert.Equal(ExchangeErrorKind.Network, result.Error?.Kind);
        Assert.True(result.Error?.IsTransient);
    }

    [Fact]
    public async Task Read_CallerCancelsInFlight_CancelledNotTimeout()
    {
        await using var h = await FiriHarness.StartAsync(NoRetries);
        h.Server.Enqueue(Hang());
        using var cts = new CancellationTokenSource();

        var call = h.Client.GetBalancesAsync(cts.Token).AsTask();
        await h.Server.WaitForRequestsAsync(1);
        await cts.CancelAsync();
        var result = await call;

        Assert.Equal(ExchangeErrorKind.Cancelled, result.Error?.Kind);
    }

    [Fact]
    public async Task Calls_TokenAlreadyCancelled_CancelledAndNothingSent()
    {
        await using var h = await FiriHarness.StartAsync();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        Assert.Equal(ExchangeErrorKind.Cancelled, (await h.Client.GetMarketsAsync(cts.Token)).Error?.Kind);
        Assert.Equal(ExchangeErrorKind.Cancelled, (await h.Client.PlaceOrderAsync(new("BTCNOK", Side.Buy, 1m, 1m), cts.Token)).Error?.Kind);
        Assert.Empty(h.Server.Requests);
    }

    [Fact]
    public async Task Read_CallerCancelsDuringRetryBackoff_Cancelled()
    {
        await using var h = await FiriHarness.StartAsync(o => o.RetryBaseDelay = TimeSpan.FromSeconds(5));
        h.Server.Enqueue(Html(503, "busy"));
        using var cts = new CancellationTokenSource();
        var retrying = new TaskCompletionSource();
        h.Log.Logged += e =>
        {
            if (e.EventId.Name == "firi.retry") retrying.TrySetResult();
        };

        var call = h.Client.GetMarketsAsync(cts.Token).AsTask();
        await retrying.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await cts.CancelAsync();
        var result = await call;

        Assert.Equal(ExchangeErrorKind.Cancelled, result.Error?.Kind);
        Assert.Single(h.Server.Requests);
    }

    [Fact]
    public async Task Read_FailedResult_ValueThrowsInvalidOperationWithTheError()
    {
        await using var h = await FiriHarness.StartAsync(NoRetries);
        h.Server.Enqueue(Json(FiriSamples.SecurityLevelTooLow, 401));

        var result = await h.Client.GetBalancesAsync();

        var ex = Assert.Throws<InvalidOperationException>(() => result.Value);
        Assert.Contains("SecurityLevelTooLow", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failure_AnyKind_IsLoggedAsFiriError()
    {
        await using var h = await FiriHarness.StartAsync(NoRetries);
        h.Server.Enqueue(Json(FiriSamples.InsufficientFunds, 400));

        await h.Client.GetBalancesAsync();

        var entry = Assert.Single(h.Log.Named("firi.error"));
        Assert.Equal(2104, entry.EventId.Id);
        Assert.Contains("GET v2/balances failed: InsufficientFunds (HTTP 400)", entry.Message, StringComparison.Ordinal);
    }
}
