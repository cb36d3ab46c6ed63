using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using GridTrader.Exchanges.Firi.Wire;

namespace GridTrader.FiriMock.Api;

/// <summary>Writes answers as exact bytes: source-generated JSON, Firi's error bodies, an Express-style HTML page.</summary>
internal static class HttpJson
{
    /// <summary>
    /// Firi's wire records written as Node's <c>JSON.stringify</c> writes them: only what JSON requires is
    /// escaped, so "user's" stays "user's". Same settings as <see cref="FiriJsonContext"/> otherwise.
    /// </summary>
    public static FiriJsonContext Firi { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    });

    /// <summary>The page Express answers an unhandled error with; Firi once sent one (docs/firi-api.md, "Answers").</summary>
    public const string HtmlErrorPage =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Error</title>\n</head>\n<body>\n"
        + "<pre>Internal Server Error</pre>\n</body>\n</html>\n";

    public static Task WriteAsync<T>(HttpContext context, int status, T value, JsonTypeInfo<T> type) =>
        WriteBytesAsync(context, status, JsonSerializer.SerializeToUtf8Bytes(value, type), "application/json; charset=utf-8");

    public static Task WriteErrorAsync(HttpContext context, MockError error) =>
        WriteAsync(context, error.Status, error.ToDto(), Firi.FiriErrorDto);

    public static Task WriteHtmlErrorAsync(HttpContext context) =>
        WriteBytesAsync(context, 500, System.Text.Encoding.UTF8.GetBytes(HtmlErrorPage), "text/html; charset=utf-8");

    public static Task WriteEmptyAsync(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    /// <summary>Reads the whole request body (Kestrel caps its size).</summary>
    public static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        return buffer.ToArray();
    }

    private static async Task WriteBytesAsync(HttpContext context, int status, byte[] body, string contentType)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }
}
