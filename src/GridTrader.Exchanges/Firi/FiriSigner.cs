using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GridTrader.Exchanges.Firi.Wire;

namespace GridTrader.Exchanges.Firi;

/// <summary>
/// Firi's HMAC scheme (docs/firi-api.md, "Signing"): lowercase hex of HMAC-SHA256, keyed with the
/// UTF-8 secret, over compact JSON whose values are strings. GET and DELETE sign
/// <c>{"timestamp":"…","validity":"…"}</c>; POST signs the exact body bytes it sends, which start
/// with the same two fields. Key order matters, so both payloads come from records whose property
/// order is the wire order.
/// </summary>
internal static class FiriSigner
{
    /// <summary>The signed payload of a request without a body.</summary>
    public static byte[] AuthPayload(string timestamp, string validity) =>
        JsonSerializer.SerializeToUtf8Bytes(new FiriAuthPayload(timestamp, validity), FiriJsonContext.Default.FiriAuthPayload);

    /// <summary>The body of <c>POST /v2/orders</c>, which is also its signed payload.</summary>
    public static byte[] OrderBody(FiriOrderCreateBody body) =>
        JsonSerializer.SerializeToUtf8Bytes(body, FiriJsonContext.Default.FiriOrderCreateBody);

    public static string Sign(string secret, ReadOnlySpan<byte> payload)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), payload, mac);
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>Checks a hex signature in constant time (for the mock server and tests).</summary>
    public static bool Verify(string secret, ReadOnlySpan<byte> payload, string? signatureHex)
    {
        if (string.IsNullOrEmpty(signatureHex)) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(secret, payload));
        var actual = Encoding.ASCII.GetBytes(signatureHex.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
