using System.Globalization;
using GridTrader.FiriMock.Api;

namespace GridTrader.FiriMock.Auth;

/// <summary>The outcome of authenticating one private request: the key it acts as, or the 401 to answer.</summary>
internal readonly record struct AuthOutcome(MockApiKey? Key, MockError? Error, SignatureForm? Form)
{
    public static AuthOutcome Fail(MockError error) => new(null, error, null);
}

/// <summary>
/// Firi's private-endpoint auth (docs/firi-api.md, "Signing"): an HMAC signature (<c>*-user-clientid</c>,
/// <c>*-user-signature</c>, <c>?timestamp=&amp;validity=</c>) or the static key alone (<c>*-access-key</c>),
/// with header prefixes <c>firi-</c> and <c>miraiex-</c> interchangeable. Then the key's permissions.
/// </summary>
internal sealed class MockAuthenticator
{
    private static readonly string[] Prefixes = ["firi-", "miraiex-"];

    private readonly Dictionary<string, MockApiKey> _byClientId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MockApiKey> _byApiKey = new(StringComparer.Ordinal);
    private readonly MockAuthOptions _options;

    public MockAuthenticator(IEnumerable<MockApiKey> keys, MockAuthOptions options)
    {
        _options = options;
        foreach (var key in keys)
        {
            _byClientId.Add(key.ClientId, key);
            if (key.ApiKey is not null) _byApiKey.TryAdd(key.ApiKey, key);
        }
    }

    public AuthOutcome Authenticate(IHeaderDictionary headers, IQueryCollection query, ReadOnlySpan<byte> body,
        DateTimeOffset now, MockPermissions required)
    {
        var accessKey = Header(headers, "access-key");
        var clientId = Header(headers, "user-clientid");
        var signature = Header(headers, "user-signature");

        MockApiKey? key;
        MockPermissions granted;
        SignatureForm? form = null;
        if (clientId is null && signature is null)
        {
            if (accessKey is null) return AuthOutcome.Fail(MockError.NotAuthenticated);
            if (!_byApiKey.TryGetValue(accessKey, out key)) return AuthOutcome.Fail(MockError.ApiKeyNotFound);
            granted = key.Permissions & key.KeyOnlyPermissions;
        }
        else
        {
            if (clientId is null) return AuthOutcome.Fail(MockError.NotAuthenticated);
            if (!_byClientId.TryGetValue(clientId, out key)) return AuthOutcome.Fail(MockError.ApiKeyNotFound);
            if (accessKey is not null && !string.Equals(accessKey, key.ApiKey, StringComparison.Ordinal))
                return AuthOutcome.Fail(MockError.ApiKeyNotFound);
            if (signature is null) return AuthOutcome.Fail(MockError.InvalidSignature("no signature header"));

            var timestamp = query["timestamp"].ToString();
            var validity = query["validity"].ToString();
            if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                || !long.TryParse(validity, NumberStyles.None, CultureInfo.InvariantCulture, out var validityMs) || validityMs <= 0)
                return AuthOutcome.Fail(MockError.InvalidSignature("timestamp and validity must be in the query string"));

            form = FiriSignatureVerifier.Verify(key.Secret, timestamp, validity, body, signature, _options.Strict, out var contradiction);
            if (form is null) return AuthOutcome.Fail(MockError.InvalidSignature(contradiction ?? "mismatch"));
            var expiry = Expiry(seconds, validityMs, now);
            if (expiry is not null) return AuthOutcome.Fail(expiry);
            granted = key.Permissions;
        }

        return (granted & required) == required
            ? new AuthOutcome(key, null, form)
            : AuthOutcome.Fail(MockError.SecurityLevelTooLow);
    }

    /// <summary>Expired when now is past <c>timestamp × 1000 + validity + grace</c>; refused when too far ahead.</summary>
    private MockError? Expiry(long seconds, long validityMs, DateTimeOffset now)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        // Saturating arithmetic: a hostile timestamp must not overflow into "valid".
        var signedMs = seconds > long.MaxValue / 1000 ? long.MaxValue : seconds * 1000;
        var graceMs = (long)_options.ExpiryGrace.TotalMilliseconds;
        if (signedMs > nowMs + (long)_options.MaxFutureSkew.TotalMilliseconds) return MockError.FutureSignature;
        var deadline = signedMs > long.MaxValue - validityMs - graceMs ? long.MaxValue : signedMs + validityMs + graceMs;
        return nowMs > deadline ? MockError.ExpiredSignature : null;
    }

    private static string? Header(IHeaderDictionary headers, string name)
    {
        foreach (var prefix in Prefixes)
        {
            if (headers.TryGetValue(prefix + name, out var value) && !string.IsNullOrEmpty(value.ToString()))
                return value.ToString();
        }

        return null;
    }
}
