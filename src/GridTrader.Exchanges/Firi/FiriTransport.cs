using System.Globalization;
using System.Net.Http.Headers;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Exchanges.Http;
using Microsoft.Extensions.Logging;
using Polly;

namespace GridTrader.Exchanges.Firi;

/// <summary>
/// The HTTP edge of the Firi client: signs, paces, sends with a per-attempt timeout, and turns every
/// exception and non-2xx answer into an <see cref="ExchangeError"/>. Reads and cancels go through the
/// retry pipeline; order creation is sent exactly once, and any answer that does not prove the order
/// was rejected becomes <see cref="ExchangeErrorKind.OutcomeUnknown"/>.
/// </summary>
internal sealed class FiriTransport
{
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    private readonly HttpClient _http;
    private readonly Uri _baseUri;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly FiriClientOptions _options;
    private readonly FiriCredentials? _credentials;
    private readonly FiriServerClock _clock;
    private readonly FiriRequestPacer? _pacer;
    private readonly ResiliencePipeline<ExchangeResult<FiriResponse>> _retrying;
    private readonly string _validity;

    public FiriTransport(HttpClient http, TimeProvider time, ILogger logger, FiriClientOptions options,
        FiriCredentials? credentials, FiriServerClock clock, HostPacers? pacers = null)
    {
        _http = http;
        _time = time;
        _logger = logger;
        _options = options;
        _credentials = credentials;
        _clock = clock;
        _baseUri = WithTrailingSlash(http.BaseAddress ?? options.BaseUrl);
        _validity = options.ValidityMs.ToString(CultureInfo.InvariantCulture);
        // One limiter per host, shared with every other client of the same registry (docs/firi-api.md, "Rate limits").
        _pacer = options.RequestsPerSecond <= 0 ? null
            : pacers?.For(_baseUri, options.RequestsPerSecond, options.Burst) ?? new FiriRequestPacer(time, options.RequestsPerSecond, options.Burst);
        _retrying = FiriRetryPolicy.Build(options, time, logger);
    }

    public bool HasCredentials => _credentials is not null;

    /// <summary>Sends <paramref name="call"/>; a 2xx answer is a value, everything else an error. Never throws for remote failures.</summary>
    public async ValueTask<ExchangeResult<FiriResponse>> SendAsync(FiriCall call, CancellationToken ct = default)
    {
        if (call.IsPrivate && _credentials is null)
        {
            return Report(call, new ExchangeError(ExchangeErrorKind.Unauthorized,
                "Firi credentials are not configured; the private endpoint was not called."));
        }

        if (call.Kind == FiriCallKind.Create) return Finish(call, await AttemptAsync(call, ct));

        var context = ResilienceContextPool.Shared.Get(ct);
        context.Properties.Set(FiriRetryPolicy.CallKey, call);
        context.Properties.Set(FiriRetryPolicy.StartedKey, _time.GetTimestamp());
        try
        {
            var result = await _retrying.ExecuteAsync(
                static (ctx, state) => state.Transport.AttemptAsync(state.Call, ctx.CancellationToken),
                context, (Transport: this, Call: call));
            return Finish(call, result);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Cancelled while waiting between retries.
            return Finish(call, CancelledError(call, mayHaveBeenSent: false));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Logs a failed call, with any credential value redacted from its message, and returns it.</summary>
    public ExchangeError Report(FiriCall call, ExchangeError error)
    {
        var redacted = _credentials is null ? error : error with { Message = _credentials.Redact(error.Message) };
        FiriLog.Error(_logger, call.Method.Method, call.Path, redacted);
        return redacted;
    }

    private ExchangeResult<FiriResponse> Finish(FiriCall call, ExchangeResult<FiriResponse> result) =>
        result.IsSuccess ? result : Report(call, result.Error);

    private async ValueTask<ExchangeResult<FiriResponse>> AttemptAsync(FiriCall call, CancellationToken ct)
    {
        if (!await PaceAsync(call, ct) || ct.IsCancellationRequested) return CancelledError(call, mayHaveBeenSent: false);

        // Every attempt that went out is counted, with its latency (the pacing wait before it is not).
        var started = _time.GetTimestamp();
        var result = await SendOnceAsync(call, ct);
        FiriMetrics.Record(call.Path, call.Method, result.IsSuccess ? FiriMetrics.Ok : FiriMetrics.Outcome(result.Error), _time.GetElapsedTime(started));
        return result;
    }

    private async ValueTask<ExchangeResult<FiriResponse>> SendOnceAsync(FiriCall call, CancellationToken ct)
    {
        using var request = BuildRequest(call);
        using var timeout = new CancellationTokenSource(_options.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        var sentAt = _time.GetUtcNow();
        var started = _time.GetTimestamp();
        FiriLog.Request(_logger, call.Method.Method, call.Path);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token);
            var body = await response.Content.ReadAsByteArrayAsync(linked.Token);
            var status = (int)response.StatusCode;
            var elapsedMs = (long)_time.GetElapsedTime(started).TotalMilliseconds;
            FiriLog.Response(_logger, call.Method.Method, call.Path, status, elapsedMs);
            if (status is >= 200 and < 300)
                return ExchangeResult<FiriResponse>.Success(new FiriResponse(status, body, sentAt, _time.GetUtcNow()));

            var error = FiriErrorMapper.FromResponse(status, body, RetryAfter(response), out var hasErrorBody);
            if (error.Kind == ExchangeErrorKind.ExpiredSignature) _clock.Invalidate();

            // For an order, only a 4xx in which Firi states its reason proves the order was not placed.
            var definite = hasErrorBody && status is >= 400 and < 500;
            return call.Kind == FiriCallKind.Create && !definite ? OutcomeUnknown(error) : error;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return CancelledError(call, mayHaveBeenSent: true);
        }
        catch (OperationCanceledException)
        {
            // Our per-attempt timeout, or the HttpClient's own Timeout: both are "no answer in time".
            var error = new ExchangeError(ExchangeErrorKind.Timeout, timeout.IsCancellationRequested
                ? $"No answer within {_options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s."
                : "No answer within the HttpClient's own timeout.");
            return call.Kind == FiriCallKind.Create ? OutcomeUnknown(error) : error;
        }
        catch (HttpRequestException ex)
        {
            // These fail before a connection exists, so nothing of the request reached the server.
            var neverSent = ex.HttpRequestError is HttpRequestError.ConnectionError
                or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError;
            var error = new ExchangeError(ExchangeErrorKind.Network, $"{ex.HttpRequestError}: {ex.Message}");
            return call.Kind == FiriCallKind.Create && !neverSent ? OutcomeUnknown(error) : error;
        }
        catch (IOException ex)
        {
            var error = new ExchangeError(ExchangeErrorKind.Network, ex.Message);
            return call.Kind == FiriCallKind.Create ? OutcomeUnknown(error) : error;
        }
    }

    /// <summary>Waits for the client-side request budget; false when the caller cancelled meanwhile.</summary>
    private async ValueTask<bool> PaceAsync(FiriCall call, CancellationToken ct)
    {
        if (_pacer is null) return true;
        var wait = _pacer.Reserve();
        if (wait <= TimeSpan.Zero) return true;
        FiriLog.Paced(_logger, call.Method.Method, call.Path, (long)wait.TotalMilliseconds);
        try
        {
            await Task.Delay(wait, _time, ct);
            return true;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return false;
        }
    }

    private HttpRequestMessage BuildRequest(FiriCall call)
    {
        var query = call.Query;
        byte[]? body = null;
        string? signature = null;
        if (call.IsPrivate)
        {
            var timestamp = _clock.NowUnixSeconds().ToString(CultureInfo.InvariantCulture);
            var auth = $"timestamp={timestamp}&validity={_validity}";
            query = query.Length == 0 ? auth : $"{query}&{auth}";
            var payload = call.Order is { } order
                ? body = FiriSigner.OrderBody(order with { Timestamp = timestamp, Validity = _validity })
                : FiriSigner.AuthPayload(timestamp, _validity);
            signature = FiriSigner.Sign(_credentials!.Secret, payload);
        }

        var request = new HttpRequestMessage(call.Method, new Uri(_baseUri, query.Length == 0 ? call.Path : $"{call.Path}?{query}"));
        request.Headers.Accept.Add(AcceptJson);
        if (signature is not null) AddAuthHeaders(request.Headers, _credentials!, signature);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        return request;
    }

    // Firi renamed its headers from miraiex-* to firi-*; both are sent (docs/firi-api.md, "Signing", Headers).
    private static void AddAuthHeaders(HttpRequestHeaders headers, FiriCredentials credentials, string signature)
    {
        foreach (var prefix in (ReadOnlySpan<string>)["firi-", "miraiex-"])
        {
            headers.TryAddWithoutValidation(prefix + "user-clientid", credentials.ClientId);
            headers.TryAddWithoutValidation(prefix + "user-signature", signature);
            if (credentials.ApiKey is { } apiKey) headers.TryAddWithoutValidation(prefix + "access-key", apiKey);
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - _time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private static ExchangeError CancelledError(FiriCall call, bool mayHaveBeenSent) =>
        call.Kind == FiriCallKind.Create && mayHaveBeenSent
            ? OutcomeUnknown(new ExchangeError(ExchangeErrorKind.Cancelled, "Cancelled by the caller while the order was in flight."))
            : new ExchangeError(ExchangeErrorKind.Cancelled, "Cancelled by the caller.");

    private static ExchangeError OutcomeUnknown(ExchangeError cause) =>
        new(ExchangeErrorKind.OutcomeUnknown, $"The order may have been placed; reconcile before retrying. Cause: {cause}",
            cause.HttpStatus, cause.RetryAfter);

    private static Uri WithTrailingSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
