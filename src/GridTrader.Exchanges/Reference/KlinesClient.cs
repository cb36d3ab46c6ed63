using System.Globalization;
using System.Text.Json;
using GridTrader.Core.MarketData;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Exchanges.Firi;
using GridTrader.Exchanges.Http;
using Microsoft.Extensions.Logging;

namespace GridTrader.Exchanges.Reference;

/// <summary>
/// A Binance-compatible klines endpoint, <c>GET /api/v3/klines?symbol=&amp;interval=&amp;startTime=&amp;endTime=&amp;limit=</c>, the
/// source the original bot used (docs/firi-api.md, "Candle history"). Each kline is an array
/// <c>[openTime, "open", "high", "low", "close", "volume", closeTime, …]</c>. Pages of up to 1000 candles; paced by the
/// host's own limiter; every failure (status, timeout, connection, unreadable answer) is an <see cref="ExchangeError"/>.
/// Reads are not retried: a warm start that cannot reach the source moves on to the next one.
/// </summary>
public sealed class KlinesClient : IReferenceCandleSource
{
    /// <summary>Binance's largest page.</summary>
    public const int PageSize = 1000;

    private readonly HttpClient _http;
    private readonly Uri _baseUri;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly FiriRequestPacer? _pacer;
    private readonly TimeSpan _timeout;

    public KlinesClient(HttpClient http, Uri baseUrl, TimeProvider time, ILogger logger, HostPacers? pacers = null, double requestsPerSecond = 5,
        TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!baseUrl.IsAbsoluteUri || baseUrl.Scheme is not ("http" or "https"))
            throw new ArgumentException($"'{baseUrl}' is not an http(s) URL.", nameof(baseUrl));
        _http = http;
        _baseUri = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _timeout = timeout ?? TimeSpan.FromSeconds(10);
        if (requestsPerSecond > 0)
            _pacer = pacers?.For(_baseUri, requestsPerSecond, 5) ?? new FiriRequestPacer(time, requestsPerSecond, 5);
    }

    public string Name => _baseUri.AbsoluteUri.TrimEnd('/');

    public async ValueTask<ExchangeResult<IReadOnlyList<Candle>>> GetCandlesAsync(string symbol, TimeSpan interval, DateTimeOffset first,
        DateTimeOffset last, int maxCandles, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.FromMinutes(1));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCandles, 1);
        if (!symbol.All(char.IsAsciiLetterOrDigit)) throw new ArgumentException($"'{symbol}' is not a symbol such as BTCUSDT.", nameof(symbol));

        // Newest pages first, so a long range keeps the most recent candles; then back into time order.
        var pages = new List<IReadOnlyList<Candle>>();
        var count = 0;
        var lastMs = last.ToUnixTimeMilliseconds();
        var firstMs = first.ToUnixTimeMilliseconds();
        var stepMs = (long)interval.TotalMilliseconds;
        while (count < maxCandles && lastMs >= firstMs)
        {
            var pageStart = Math.Max(firstMs, lastMs - ((PageSize - 1) * stepMs));
            var page = await GetPageAsync(symbol, interval, pageStart, lastMs, ct);
            if (!page.IsSuccess) return page.Error;
            if (page.Value.Count == 0)
            {
                if (pageStart == firstMs) break;
                lastMs = pageStart - 1;
                continue;
            }

            pages.Add(page.Value);
            count += page.Value.Count;
            lastMs = page.Value[0].OpenTimeMs - 1;
            if (pageStart == firstMs) break;
        }

        var candles = new List<Candle>(count);
        for (var i = pages.Count - 1; i >= 0; i--) candles.AddRange(pages[i]);
        if (candles.Count > maxCandles) candles.RemoveRange(0, candles.Count - maxCandles);
        return ExchangeResult<IReadOnlyList<Candle>>.Success(candles);
    }

    private async ValueTask<ExchangeResult<IReadOnlyList<Candle>>> GetPageAsync(string symbol, TimeSpan interval, long startMs, long endMs,
        CancellationToken ct)
    {
        var c = CultureInfo.InvariantCulture;
        var query = $"api/v3/klines?symbol={symbol}&interval={CandleInterval.Format(interval)}&startTime={startMs.ToString(c)}"
            + $"&endTime={endMs.ToString(c)}&limit={PageSize.ToString(c)}";
        if (_pacer?.Reserve() is { } wait && wait > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(wait, _time, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return new ExchangeError(ExchangeErrorKind.Cancelled, "Cancelled by the caller.");
            }
        }

        using var timeout = new CancellationTokenSource(_timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        ExchangeError error;
        try
        {
            using var response = await _http.GetAsync(new Uri(_baseUri, query), HttpCompletionOption.ResponseContentRead, linked.Token);
            var body = await response.Content.ReadAsByteArrayAsync(linked.Token);
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300)
            {
                try
                {
                    return ExchangeResult<IReadOnlyList<Candle>>.Success(Parse(body));
                }
                catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or OverflowException)
                {
                    error = new ExchangeError(ExchangeErrorKind.InvalidResponse, $"Unreadable klines answer: {ex.Message}", status);
                }
            }
            else
            {
                error = new ExchangeError(KindOf(status), $"klines {symbol}: {Excerpt(body)}", status);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return new ExchangeError(ExchangeErrorKind.Cancelled, "Cancelled by the caller.");
        }
        catch (OperationCanceledException)
        {
            error = new ExchangeError(ExchangeErrorKind.Timeout, $"No answer within {_timeout.TotalSeconds.ToString(c)} s.");
        }
        catch (HttpRequestException ex)
        {
            error = new ExchangeError(ExchangeErrorKind.Network, $"{ex.HttpRequestError}: {ex.Message}");
        }
        catch (IOException ex)
        {
            error = new ExchangeError(ExchangeErrorKind.Network, ex.Message);
        }

        ReferenceLog.Failed(_logger, Name, symbol, error);
        return error;
    }

    /// <summary>Reads <c>[[openTime, "o", "h", "l", "c", "v", closeTime, …], …]</c>; numbers may be strings or numbers.</summary>
    internal static IReadOnlyList<Candle> Parse(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        if (document.RootElement.ValueKind != JsonValueKind.Array) throw new JsonException("The answer is not an array of klines.");
        var candles = new List<Candle>(document.RootElement.GetArrayLength());
        long previous = long.MinValue;
        foreach (var kline in document.RootElement.EnumerateArray())
        {
            if (kline.ValueKind != JsonValueKind.Array || kline.GetArrayLength() < 6) throw new JsonException("A kline is not [openTime, open, high, low, close, volume, …].");
            var candle = new Candle(kline[0].GetInt64(), Number(kline[1]), Number(kline[2]), Number(kline[3]), Number(kline[4]), Number(kline[5]));
            if (!candle.IsValid) throw new FormatException($"The kline at {candle.OpenTimeMs.ToString(CultureInfo.InvariantCulture)} is inconsistent (low, high, open, close).");
            if (candle.OpenTimeMs <= previous) throw new FormatException("Kline open times do not increase.");
            previous = candle.OpenTimeMs;
            candles.Add(candle);
        }

        return candles;
    }

    private static decimal Number(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => decimal.Parse(e.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture),
        JsonValueKind.Number => e.GetDecimal(),
        _ => throw new FormatException($"Expected a number, got {e.ValueKind}."),
    };

    private static ExchangeErrorKind KindOf(int status) => status switch
    {
        429 or 418 => ExchangeErrorKind.RateLimited,
        401 or 403 => ExchangeErrorKind.Unauthorized,
        404 => ExchangeErrorKind.NotFound,
        >= 500 => ExchangeErrorKind.ServerError,
        _ => ExchangeErrorKind.InvalidRequest,
    };

    private static string Excerpt(byte[] body)
    {
        var text = System.Text.Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 160)).ReplaceLineEndings(" ");
        return text.Length == 0 ? "(empty answer)" : text;
    }
}
