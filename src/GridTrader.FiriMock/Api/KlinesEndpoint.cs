using System.Globalization;
using System.Text.Json;
using GridTrader.Core.MarketData;

namespace GridTrader.FiriMock.Api;

/// <summary>
/// A Binance-compatible <c>GET /api/v3/klines?symbol=&amp;interval=&amp;startTime=&amp;endTime=&amp;limit=</c> (not a Firi route):
/// the reference candle source a warm start reads, served from the mock's own history and price path
/// (<see cref="Market.ReferenceCandles"/>), so tests never leave 127.0.0.1. Each kline is
/// <c>[openTime, "open", "high", "low", "close", "volume", closeTime, "quoteVolume", trades, "takerBase", "takerQuote", "0"]</c>;
/// errors are Binance's <c>{"code","msg"}</c>. Requests are counted and faulted like every other route.
/// </summary>
internal sealed class KlinesEndpoint(MockServices services)
{
    private const int DefaultLimit = 500;
    private const int MaxLimit = 1000;

    public void Map(IEndpointRouteBuilder app) => app.MapGet("/api/v3/klines", Klines);

    private Task Klines(HttpContext context)
    {
        var query = context.Request.Query;
        var symbol = query["symbol"].ToString();
        if (symbol.Length == 0) return Error(context, -1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
        if (!CandleInterval.TryParse(query["interval"].ToString(), out var interval) || interval < TimeSpan.FromMinutes(1))
            return Error(context, -1120, "Invalid interval.");
        if (!TryLong(query["startTime"].ToString(), long.MinValue, out var start) || !TryLong(query["endTime"].ToString(), long.MaxValue, out var end)
            || !TryLong(query["limit"].ToString(), DefaultLimit, out var limit) || limit < 1)
            return Error(context, -1100, "Illegal characters found in a parameter.");

        var klines = services.Exchange.Klines(symbol.ToUpperInvariant(), interval, start, end, (int)Math.Min(limit, MaxLimit));
        if (klines is null) return Error(context, -1121, "Invalid symbol.");

        var step = (long)interval.TotalMilliseconds;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var k in klines)
            {
                json.WriteStartArray();
                json.WriteNumberValue(k.OpenTimeMs);
                foreach (var value in (ReadOnlySpan<decimal>)[k.Open, k.High, k.Low, k.Close, k.Volume]) json.WriteStringValue(Text(value));
                json.WriteNumberValue(k.OpenTimeMs + step - 1);
                json.WriteStringValue(Text(k.Volume * k.Close));
                json.WriteNumberValue(0);
                json.WriteStringValue("0");
                json.WriteStringValue("0");
                json.WriteStringValue("0");
                json.WriteEndArray();
            }

            json.WriteEndArray();
        }

        return Write(context, 200, buffer.ToArray());
    }

    private static string Text(decimal value) => decimal.Round(value, 8).ToString("0.00000000", CultureInfo.InvariantCulture);

    private static bool TryLong(string text, long fallback, out long value)
    {
        value = fallback;
        return text.Length == 0 || long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    private static Task Error(HttpContext context, int code, string message)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("code", code);
            json.WriteString("msg", message);
            json.WriteEndObject();
        }

        return Write(context, 400, buffer.ToArray());
    }

    private static async Task Write(HttpContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json;charset=UTF-8";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }
}
