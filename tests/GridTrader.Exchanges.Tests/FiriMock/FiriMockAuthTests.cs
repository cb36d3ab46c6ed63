using System.Text;
using GridTrader.Exchanges.Firi;
using GridTrader.FiriMock.Auth;
using Microsoft.Extensions.Time.Testing;

namespace GridTrader.Exchanges.Tests.FiriMock;

/// <summary>The mock's signature check: the reference's test vectors, the lenient body forms, expiry and key-only auth.</summary>
public class FiriMockAuthTests
{
    private const string VectorSecret = "RTk2eNs67Vpan3345pmrwYEBYsWXRXtGF3BKTFq8WMLLOLOL";
    private const string VectorClientId = "my-client-id";
    private const long VectorTimestamp = 1632954488;
    private const string OrderFields = """{"market":"BTCNOK","type":"bid","price":"300000.00","amount":"0.0001"}""";
    private const string TimestampFirstBody =
        """{"timestamp":"1632954488","validity":"2000","market":"BTCNOK","type":"bid","price":"300000.00","amount":"0.0001"}""";
    private const string BodyFirstPayload =
        """{"market":"BTCNOK","type":"bid","price":"300000.00","amount":"0.0001","timestamp":"1632954488","validity":"2000"}""";

    private static SignatureForm? Verify(string secret, string timestamp, string body, string signature, bool strict = false) =>
        FiriSignatureVerifier.Verify(secret, timestamp, "2000", Encoding.UTF8.GetBytes(body), signature, strict, out _);

    [Fact]
    public void Verifier_ReferenceVector1_AcceptedAsAuthOnly()
    {
        Assert.Equal(SignatureForm.AuthOnly,
            Verify(VectorSecret, "1632954488", "", "21818f40878aad8ed30373d01ea7c5068f53ad47861a84dd3e6891f074ab681b"));
    }

    [Fact]
    public void Verifier_ReferenceVector2_AcceptedAsAuthOnly()
    {
        Assert.Equal(SignatureForm.AuthOnly,
            Verify("mykey", "1000", "", "53bd9470b7212bd52d7418b534e811661aa86f7899c4a126425606cece46ec5a"));
    }

    [Fact]
    public void Verifier_ReferenceVector3_AcceptedAsTimestampFirst()
    {
        Assert.Equal(SignatureForm.AuthThenBody,
            Verify(VectorSecret, "1632954488", TimestampFirstBody, "1da5c7560763e46977eae217d2d7be0e45bd8db17f9d36acc8b7a8425f54f883"));
    }

    [Fact]
    public void Verifier_BodyFirstVectorOverOrderFieldsOnly_AcceptedAsBodyThenAuth()
    {
        // A client that sends the four order fields and signs {...body, timestamp, validity}.
        Assert.Equal(SignatureForm.BodyThenAuth,
            Verify(VectorSecret, "1632954488", OrderFields, "e193b4028e8af13b457869869926d9df9624f2642965ef60ca6f5c21e44a445d"));
    }

    [Fact]
    public void Verifier_TimestampFirstOverOrderFieldsOnly_Accepted()
    {
        // A client that sends the four order fields and signs {timestamp, validity, ...body}.
        Assert.Equal(SignatureForm.AuthThenBody,
            Verify(VectorSecret, "1632954488", OrderFields, "1da5c7560763e46977eae217d2d7be0e45bd8db17f9d36acc8b7a8425f54f883"));
    }

    [Fact]
    public void Verifier_SpacedRawBody_AcceptedAsRawBodyOnlyWhenLenient()
    {
        // JSON with spaces (one of the docs' samples) matches no rebuilt form, only the bytes as sent.
        const string body = """{"timestamp": "1632954488", "validity": "2000", "market": "BTCNOK", "type": "bid", "price": "300000.00", "amount": "0.0001"}""";
        var signature = FiriSigner.Sign(VectorSecret, Encoding.UTF8.GetBytes(body));

        Assert.Equal(SignatureForm.RawBody, Verify(VectorSecret, "1632954488", body, signature));
        Assert.Null(Verify(VectorSecret, "1632954488", body, signature, strict: true));
    }

    [Fact]
    public void Verifier_StrictMode_RefusesBodyFirst()
    {
        Assert.Null(Verify(VectorSecret, "1632954488", OrderFields, "e193b4028e8af13b457869869926d9df9624f2642965ef60ca6f5c21e44a445d", strict: true));
    }

    [Fact]
    public void Verifier_WrongSignatureOrKeyOrder_Refused()
    {
        Assert.Null(Verify(VectorSecret, "1632954488", "", "21818f40878aad8ed30373d01ea7c5068f53ad47861a84dd3e6891f074ab6800"));
        Assert.Null(Verify("mykey", "1000", "", "0d87a2f2"));
        Assert.Null(Verify(VectorSecret, "1632954489", "", "21818f40878aad8ed30373d01ea7c5068f53ad47861a84dd3e6891f074ab681b"));
    }

    [Fact]
    public void Verifier_BodyTimestampDiffersFromQuery_RefusedWithReason()
    {
        var form = FiriSignatureVerifier.Verify(VectorSecret, "1632954490", "2000", Encoding.UTF8.GetBytes(TimestampFirstBody),
            "1da5c7560763e46977eae217d2d7be0e45bd8db17f9d36acc8b7a8425f54f883", strict: false, out var contradiction);

        Assert.Null(form);
        Assert.Contains("timestamp", contradiction, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mock_ReferenceWorkedRequestsAtTheVectorTime_BothAccepted()
    {
        await using var h = await VectorMockAsync();
        var get = new HttpRequestMessage(HttpMethod.Get, "v2/balances?timestamp=1632954488&validity=2000");
        get.Headers.Add("miraiex-user-clientid", VectorClientId);
        get.Headers.Add("miraiex-user-signature", "21818f40878aad8ed30373d01ea7c5068f53ad47861a84dd3e6891f074ab681b");
        var post = new HttpRequestMessage(HttpMethod.Post, "v2/orders?timestamp=1632954488&validity=2000")
        {
            Content = new StringContent(TimestampFirstBody, Encoding.UTF8, "application/json"),
        };
        post.Headers.Add("miraiex-user-clientid", VectorClientId);
        post.Headers.Add("miraiex-user-signature", "1da5c7560763e46977eae217d2d7be0e45bd8db17f9d36acc8b7a8425f54f883");

        var balances = await h.SendAsync(get);
        var created = await h.SendAsync(post);

        Assert.Equal(200, balances.Status);
        Assert.Equal(201, created.Status);
        Assert.Matches("""^\{"id":\d{10,}\}$""", created.Body);
    }

    [Fact]
    public async Task Mock_WrongSignature_401InvalidSignature()
    {
        await using var h = await MockHarness.StartAsync();

        var (status, body) = await h.SendAsync(MockHarness.Signed(HttpMethod.Get, "v2/balances", secret: "guessed"));

        Assert.Equal((401, "InvalidSignature"), (status, MockHarness.ErrorName(body)));
    }

    [Fact]
    public async Task Mock_SignatureWithoutQueryTimestamp_401InvalidSignature()
    {
        await using var h = await MockHarness.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "v2/balances");
        request.Headers.Add("firi-user-clientid", MockHarness.ClientId);
        request.Headers.Add("firi-user-signature", "00");

        var (status, body) = await h.SendAsync(request);

        Assert.Equal((401, "InvalidSignature"), (status, MockHarness.ErrorName(body)));
    }

    [Theory]
    [InlineData(-3, 200)] // now = timestamp + validity (2 s) + grace (1 s): still valid
    [InlineData(-4, 401)] // one second later: expired
    [InlineData(60, 200)] // a minute ahead is tolerated
    [InlineData(61, 401)] // further ahead is refused
    public async Task Mock_TimestampAgainstFixedClock_ExpiryRule(int offsetSeconds, int expected)
    {
        await using var h = await VectorMockAsync();

        var (status, body) = await h.SendAsync(MockHarness.Signed(HttpMethod.Get, "v2/balances",
            timestamp: VectorTimestamp + offsetSeconds, secret: VectorSecret, clientId: VectorClientId));

        Assert.Equal(expected, status);
        if (expected == 401) Assert.Equal("ExpiredSignature", MockHarness.ErrorName(body));
    }

    [Fact]
    public async Task Mock_BodyFirstSignedPost_Accepted()
    {
        await using var h = await VectorMockAsync();

        var (status, _) = await h.SendAsync(MockHarness.Signed(HttpMethod.Post, "v2/orders", OrderFields,
            timestamp: VectorTimestamp, secret: VectorSecret, clientId: VectorClientId, signedPayload: BodyFirstPayload));

        Assert.Equal(201, status);
    }

    [Fact]
    public async Task Mock_StrictMode_RefusesBodyFirstSignedPost()
    {
        await using var h = await VectorMockAsync(strict: true);

        var (status, body) = await h.SendAsync(MockHarness.Signed(HttpMethod.Post, "v2/orders", OrderFields,
            timestamp: VectorTimestamp, secret: VectorSecret, clientId: VectorClientId, signedPayload: BodyFirstPayload));

        Assert.Equal((401, "InvalidSignature"), (status, MockHarness.ErrorName(body)));
    }

    [Fact]
    public async Task Mock_ApiKeyAlone_ReadsButCannotTrade()
    {
        await using var h = await MockHarness.StartAsync();
        HttpRequestMessage KeyOnly(HttpMethod method, string path)
        {
            var request = new HttpRequestMessage(method, path);
            request.Headers.Add("firi-access-key", MockHarness.ApiKey);
            if (method == HttpMethod.Post) request.Content = new StringContent(OrderFields, Encoding.UTF8, "application/json");
            return request;
        }

        var read = await h.SendAsync(KeyOnly(HttpMethod.Get, "v2/balances"));
        var trade = await h.SendAsync(KeyOnly(HttpMethod.Post, "v2/orders"));

        Assert.Equal(200, read.Status);
        Assert.Equal(401, trade.Status);
        Assert.Equal("""{"name":"SecurityLevelTooLow","message":"The user's security level is too low"}""", trade.Body);
    }

    [Fact]
    public async Task Mock_AccessKeyOfAnotherClient_401ApiKeyNotFound()
    {
        await using var h = await MockHarness.StartAsync();
        var request = MockHarness.Signed(HttpMethod.Get, "v2/balances");
        request.Headers.Add("firi-access-key", MockHarness.ReadOnlyApiKey);

        var (status, body) = await h.SendAsync(request);

        Assert.Equal((401, "ApiKeyNotFound"), (status, MockHarness.ErrorName(body)));
    }

    /// <summary>A mock whose clock stands at the reference's vector time, with the vector's secret and client id.</summary>
    private static Task<MockHarness> VectorMockAsync(bool strict = false) => MockHarness.StartAsync(m =>
    {
        m.Time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(VectorTimestamp));
        m.Keys.Add(new MockApiKey(null, VectorClientId, VectorSecret));
        m.Auth.Strict = strict;
    });
}
