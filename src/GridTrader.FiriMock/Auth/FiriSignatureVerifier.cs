using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using GridTrader.Exchanges.Firi;

namespace GridTrader.FiriMock.Auth;

/// <summary>Which payload a request's signature was computed over (docs/firi-api.md, "Signing").</summary>
internal enum SignatureForm
{
    /// <summary>The raw body bytes, as sent.</summary>
    RawBody,

    /// <summary><c>{...body, timestamp, validity}</c>: body keys first, the pair appended.</summary>
    BodyThenAuth,

    /// <summary><c>{timestamp, validity, ...body}</c>: the pair first, as the docs' Node sample builds it.</summary>
    AuthThenBody,

    /// <summary><c>{"timestamp":…,"validity":…}</c> for a request without a body.</summary>
    AuthOnly,
}

/// <summary>
/// Checks a Firi HMAC against every payload form that real clients are known to sign, because Firi's own
/// description of POST signing is not public. Timestamp and validity are the query string's text; a body that
/// also carries them must carry the same values. Hashing and comparison are <see cref="FiriSigner"/>'s.
/// </summary>
internal static class FiriSignatureVerifier
{
    // JSON.stringify escapes only what JSON requires; the payloads are rebuilt the same way.
    private static readonly JsonWriterOptions JsWriter = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The form <paramref name="signature"/> matches, or null. An error text explains a body whose
    /// timestamp or validity contradicts the query string (that request is refused whatever it signed).
    /// </summary>
    public static SignatureForm? Verify(string secret, string timestamp, string validity, ReadOnlySpan<byte> body,
        string? signature, bool strict, out string? contradiction)
    {
        contradiction = null;
        if (body.IsEmpty)
            return FiriSigner.Verify(secret, FiriSigner.AuthPayload(timestamp, validity), signature) ? SignatureForm.AuthOnly : null;

        JsonDocument? document = null;
        try
        {
            document = TryParseObject(body);
            if (document is not null)
            {
                contradiction = Contradiction(document.RootElement, "timestamp", timestamp)
                    ?? Contradiction(document.RootElement, "validity", validity);
                if (contradiction is not null) return null;
                if (FiriSigner.Verify(secret, Merge(document.RootElement, timestamp, validity, authFirst: true), signature))
                    return SignatureForm.AuthThenBody;
                if (strict) return null;
                if (FiriSigner.Verify(secret, Merge(document.RootElement, timestamp, validity, authFirst: false), signature))
                    return SignatureForm.BodyThenAuth;
            }

            return !strict && FiriSigner.Verify(secret, body, signature) ? SignatureForm.RawBody : null;
        }
        finally
        {
            document?.Dispose();
        }
    }

    /// <summary>
    /// <c>JSON.stringify</c> of <c>{timestamp, validity, ...body}</c> (<paramref name="authFirst"/>) or
    /// <c>{...body, timestamp, validity}</c>: with JavaScript's rule that a key keeps the position where it
    /// first appeared. Timestamp and validity are written as strings.
    /// </summary>
    public static byte[] Merge(JsonElement body, string timestamp, string validity, bool authFirst)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, JsWriter))
        {
            writer.WriteStartObject();
            if (authFirst)
            {
                writer.WriteString("timestamp", timestamp);
                writer.WriteString("validity", validity);
            }

            bool hasTimestamp = false, hasValidity = false;
            foreach (var property in body.EnumerateObject())
            {
                if (property.NameEquals("timestamp") || property.NameEquals("validity"))
                {
                    var isTimestamp = property.NameEquals("timestamp");
                    if (isTimestamp ? hasTimestamp : hasValidity) continue;
                    if (isTimestamp) hasTimestamp = true;
                    else hasValidity = true;
                    if (!authFirst) writer.WriteString(property.Name, isTimestamp ? timestamp : validity);
                    continue;
                }

                property.WriteTo(writer);
            }

            if (!authFirst && !hasTimestamp) writer.WriteString("timestamp", timestamp);
            if (!authFirst && !hasValidity) writer.WriteString("validity", validity);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static JsonDocument? TryParseObject(ReadOnlySpan<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException)
        {
            return null;
        }

        if (document.RootElement.ValueKind == JsonValueKind.Object) return document;
        document.Dispose();
        return null;
    }

    private static string? Contradiction(JsonElement body, string name, string queryValue)
    {
        if (!body.TryGetProperty(name, out var value)) return null;
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        return string.Equals(text, queryValue, StringComparison.Ordinal)
            ? null
            : $"{name} in the body differs from the query string";
    }
}
