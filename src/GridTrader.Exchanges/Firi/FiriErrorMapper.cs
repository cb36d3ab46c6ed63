using System.Globalization;
using System.Text;
using System.Text.Json;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Exchanges.Firi.Wire;

namespace GridTrader.Exchanges.Firi;

/// <summary>
/// Turns a non-2xx answer into a typed <see cref="ExchangeError"/>. Firi's error body is
/// <c>{"name":"…","message":"…"}</c>; its name decides the kind when it is known, the HTTP status
/// otherwise. A body that is not JSON (e.g. an HTML 500 page) is kept as a short excerpt.
/// </summary>
internal static class FiriErrorMapper
{
    private const int ExcerptLength = 160;

    /// <summary>
    /// Maps an answer. <paramref name="hasErrorBody"/> tells whether the body was Firi's JSON error
    /// object, i.e. whether the server itself stated the reason (a definite rejection for a 4xx).
    /// </summary>
    public static ExchangeError FromResponse(int status, ReadOnlySpan<byte> body, TimeSpan? retryAfter, out bool hasErrorBody)
    {
        hasErrorBody = TryReadError(body, out var error);
        var kind = hasErrorBody ? KindOf(status, error!.Name, error.Message) : KindOf(status, null, null);
        var message = hasErrorBody ? Describe(error!) : DescribeRaw(status, body);
        return new ExchangeError(kind, message, status, retryAfter);
    }

    public static ExchangeErrorKind KindOf(int status, string? name, string? message) =>
        KindOfName(name) ?? KindOfName(message) ?? status switch
        {
            401 or 403 => ExchangeErrorKind.Unauthorized,
            404 => ExchangeErrorKind.NotFound,
            429 => ExchangeErrorKind.RateLimited,
            >= 500 => ExchangeErrorKind.ServerError,
            >= 400 => ExchangeErrorKind.InvalidRequest,
            _ => ExchangeErrorKind.InvalidResponse,
        };

    /// <summary>Reads <c>{"name","message"}</c>; false for anything else (HTML, text, other JSON).</summary>
    public static bool TryReadError(ReadOnlySpan<byte> body, out FiriErrorDto? error)
    {
        error = null;
        var trimmed = body.TrimStart(" \t\r\n"u8);
        if (trimmed.IsEmpty || trimmed[0] != (byte)'{') return false;
        try
        {
            error = JsonSerializer.Deserialize(trimmed, FiriJsonContext.Default.FiriErrorDto);
        }
        catch (JsonException)
        {
            return false;
        }

        return error is not null && (!string.IsNullOrWhiteSpace(error.Name) || !string.IsNullOrWhiteSpace(error.Message));
    }

    // Names from Firi's docs and observed bodies; the docs spell the signature errors with a space.
    private static ExchangeErrorKind? KindOfName(string? name) => Normalize(name) switch
    {
        "insufficientfunds" => ExchangeErrorKind.InsufficientFunds,
        "invalidsignature" => ExchangeErrorKind.InvalidSignature,
        "expiredsignature" => ExchangeErrorKind.ExpiredSignature,
        "securityleveltoolow" => ExchangeErrorKind.SecurityLevelTooLow,
        "apikeynotfound" or "notauthenticated" or "unauthorized" => ExchangeErrorKind.Unauthorized,
        "ordernotfound" or "marketnotfound" or "notfound" => ExchangeErrorKind.NotFound,
        "toomanyrequests" => ExchangeErrorKind.RateLimited,
        _ => null,
    };

    private static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return string.Empty;
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c)) builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    private static string Describe(FiriErrorDto error) =>
        (error.Name, error.Message) switch
        {
            ({ Length: > 0 } name, { Length: > 0 } message) => $"{name}: {message}",
            ({ Length: > 0 } name, _) => name,
            (_, var message) => message ?? string.Empty,
        };

    private static string DescribeRaw(int status, ReadOnlySpan<byte> body)
    {
        var code = status.ToString(CultureInfo.InvariantCulture);
        if (body.IsEmpty) return $"HTTP {code} with an empty body";
        var text = Encoding.UTF8.GetString(body[..Math.Min(body.Length, ExcerptLength * 4)]);
        var excerpt = new StringBuilder(ExcerptLength);
        var lastWasSpace = false;
        foreach (var c in text)
        {
            if (excerpt.Length >= ExcerptLength) break;
            var isSpace = char.IsWhiteSpace(c) || char.IsControl(c);
            if (isSpace && (lastWasSpace || excerpt.Length == 0)) continue;
            excerpt.Append(isSpace ? ' ' : c);
            lastWasSpace = isSpace;
        }

        return $"HTTP {code} with a non-JSON body: {excerpt.ToString().TrimEnd()}";
    }
}
