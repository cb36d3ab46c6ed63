using System.Globalization;
using GridTrader.FiriMock.Faults;

namespace GridTrader.FiriMock.Api;

/// <summary>
/// Runs after routing and before every Firi endpoint: counts the request under its route, then applies the
/// faults decided for it. Latency delays the request; drop, 5xx, html, 429 and 401 answer in place of the
/// endpoint, so the exchange never sees the request; a lost create is left to the create handler, which
/// needs the order to exist first. Admin routes pass untouched.
/// </summary>
internal sealed class FaultMiddleware(RequestDelegate next, MockServices services)
{
    public const string DecisionKey = "mock.fault";

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase))
        {
            await next(context);
            return;
        }

        var method = context.Request.Method;
        var path = context.Request.Path.Value ?? "/";
        // Firi's public endpoints answer any origin (docs/firi-api.md, "The mock").
        context.Response.Headers.AccessControlAllowOrigin = "*";
        services.Requests.Count(RouteName(context, method));
        var decision = services.Faults.Decide(method, path);
        context.Items[DecisionKey] = decision;

        if (decision.Latency > TimeSpan.Zero)
        {
            Injected(FaultKind.Latency, method, path);
            if (!await DelayAsync(decision.Latency, services, context)) return;
        }

        switch (decision.Failure)
        {
            case FaultKind.Drop:
                Injected(FaultKind.Drop, method, path);
                context.Abort();
                return;
            case FaultKind.ServerError:
                Injected(FaultKind.ServerError, method, path);
                await HttpJson.WriteErrorAsync(context, MockError.ServiceUnavailable);
                return;
            case FaultKind.Html:
                Injected(FaultKind.Html, method, path);
                await HttpJson.WriteHtmlErrorAsync(context);
                return;
            case FaultKind.RateLimited:
                Injected(FaultKind.RateLimited, method, path);
                var seconds = (long)services.Faults.Spec.RetryAfter.TotalSeconds;
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await HttpJson.WriteErrorAsync(context, MockError.TooManyRequests);
                return;
            case FaultKind.Unauthorized:
                Injected(FaultKind.Unauthorized, method, path);
                await HttpJson.WriteErrorAsync(context, MockError.ApiKeyNotFound);
                return;
        }

        await next(context);
    }

    /// <summary>Waits on the mock's clock; false when the client went away or the server is stopping.</summary>
    public static async Task<bool> DelayAsync(TimeSpan delay, MockServices services, HttpContext context)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, services.Stopping);
        try
        {
            await Task.Delay(delay, services.Options.Time, linked.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            context.Abort();
            return false;
        }
    }

    private void Injected(FaultKind kind, string method, string path)
    {
        services.Faults.Record(kind);
        MockLog.Fault(services.Logger, FaultSpec.KindName(kind), method, path);
    }

    /// <summary>"GET /v2/orders/{market}": the route template, so counts do not depend on ids or symbols.</summary>
    private static string RouteName(HttpContext context, string method) =>
        context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern } && !pattern.StartsWith('{')
            ? $"{method} {pattern}"
            : $"{method} (unmatched)";
}
