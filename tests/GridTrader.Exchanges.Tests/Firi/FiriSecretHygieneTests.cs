using GridTrader.Core.Markets;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Exchanges.Firi;
using GridTrader.Exchanges.Tests.Firi.Support;
using Microsoft.Extensions.Time.Testing;
using static GridTrader.Exchanges.Tests.Firi.Support.ScriptedResponse;

namespace GridTrader.Exchanges.Tests.Firi;

/// <summary>Credentials and signatures never reach logs, error values, exception messages or ToString().</summary>
public class FiriSecretHygieneTests
{
    private static readonly string[] Secrets = [FiriHarness.VectorSecret, FiriHarness.TestClientId, FiriHarness.TestApiKey];

    private static string Echo => string.Join(" / ", Secrets);

    [Fact]
    public async Task Client_RunWithSuccessesAndEveryKindOfFailure_NoSecretInAnyOutput()
    {
        await using var h = await FiriHarness.StartAsync(o =>
        {
            o.AutoSyncClock = true;
            o.MaxRetries = 1;
        });
        // A hostile or buggy server echoing the credentials back in every possible place.
        h.Server.Enqueue(
            Json(FiriSamples.Time),
            Json(FiriSamples.Balances),
            Json($$"""{"name":"InvalidSignature","message":"bad signature for {{Echo}}"}""", 401),
            Html(500, $"<pre>Internal Server Error {Echo}</pre>"),
            Html(500, $"<pre>still down {Echo}</pre>"),
            Json($$"""[{"currency":"BTC","balance":"{{FiriHarness.VectorSecret}}","hold":"0","available":"0"}]"""),
            Json($$"""{"id":"{{FiriHarness.TestApiKey}}"}""", 201),
            Html(503, Echo),
            Json($$"""{"name":"InsufficientFunds","message":"{{Echo}}"}""", 400),
            Hang(),
            Hang());

        var outcomes = new List<ExchangeError?>
        {
            (await h.Client.GetBalancesAsync()).Error,
            (await h.Client.GetBalancesAsync()).Error,
            (await h.Client.GetMarketsAsync()).Error,
            (await h.Client.GetBalancesAsync()).Error,
            (await h.Client.PlaceOrderAsync(new("BTCNOK", Side.Buy, 1m, 1m))).Error,
            (await h.Client.PlaceOrderAsync(new("BTCNOK", Side.Buy, 1m, 1m))).Error,
            (await h.Client.PlaceOrderAsync(new("BTCNOK", Side.Buy, 1m, 1m))).Error,
            (await h.Client.PlaceOrderAsync(new("BTCNOK", Side.Buy, 1.001m, 1m))).Error,
        };
        var timingOut = h.Client.CancelAllOrdersAsync("BTCNOK").AsTask();
        await h.Server.WaitForRequestsAsync(10);
        h.Time.Advance(TimeSpan.FromSeconds(10));
        await h.Server.WaitForRequestsAsync(11);
        h.Time.Advance(TimeSpan.FromSeconds(10));
        outcomes.Add((await timingOut).Error);
        outcomes.Add((await RefusedClient(h.Log).PlaceOrderAsync(new("BTCNOK", Side.Sell, 1m, 1m))).Error);

        var errors = outcomes.OfType<ExchangeError>().ToList();
        Assert.Equal(9, errors.Count);
        Assert.Contains(errors, e => e.Kind == ExchangeErrorKind.OutcomeUnknown);
        Assert.Contains(errors, e => e.Kind == ExchangeErrorKind.InvalidResponse);
        Assert.Contains(errors, e => e.Kind == ExchangeErrorKind.Timeout);
        var texts = new List<string> { h.Client.ToString()!, FiriHarness.Credentials().ToString() };
        texts.AddRange(errors.Select(e => e.ToString()));
        texts.AddRange(errors.Select(e => Assert.Throws<InvalidOperationException>(() => ExchangeResult<int>.Failure(e).Value).Message));
        texts.AddRange(h.Log.Entries.Select(e => e.AllText));

        Assert.True(h.Log.Entries.Count > 20);
        foreach (var text in texts)
        {
            foreach (var fragment in Secrets.SelectMany(Fragments)) Assert.DoesNotContain(fragment, text, StringComparison.Ordinal);
        }

        var signatures = h.Server.Requests.Select(r => r.Header("firi-user-signature")).OfType<string>().ToList();
        Assert.NotEmpty(signatures);
        foreach (var entry in h.Log.Entries)
        {
            foreach (var signature in signatures) Assert.DoesNotContain(signature, entry.AllText, StringComparison.Ordinal);
            Assert.DoesNotContain("timestamp=", entry.AllText, StringComparison.Ordinal);
        }
    }

    /// <summary>Every 12-character piece of a secret: a clipped or partial echo counts as a leak too.</summary>
    private static IEnumerable<string> Fragments(string secret) =>
        Enumerable.Range(0, secret.Length - 11).Select(i => secret.Substring(i, 12));

    private static FiriClient RefusedClient(CapturingLogger<FiriClient> log)
    {
        var http = new HttpClient { BaseAddress = ClosedPort.Address() };
        return new FiriClient(http, new FakeTimeProvider(), log, FiriHarness.FastOptions(), FiriHarness.Credentials());
    }
}
