using System.Net;
using GridTrader.Hosting;

namespace GridTrader.Dashboard;

/// <summary>
/// Token and cross-site checks for the API. Mutating requests need the token in the <c>X-GridTrader-Token</c> header
/// (a header a cross-site form or image cannot send, and no CORS is allowed), and an Origin, when present, must be
/// this server. When the server listens beyond loopback every request for data (<c>/api</c>, <c>/metrics</c>) needs the token; Prometheus
/// sends it as <c>Authorization: Bearer</c>. When it listens on loopback
/// only, a request naming another host is refused: a web page cannot reach the dashboard by pointing its own domain
/// at 127.0.0.1 (DNS rebinding).
/// </summary>
internal static class ApiSecurity
{
    public static void UseApiSecurity(this IApplicationBuilder app, string token, bool requireTokenForReads, bool loopbackOnly = false)
    {
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (loopbackOnly && !IsLoopbackHost(request.Host.Host))
            {
                context.Response.StatusCode = StatusCodes.Status421MisdirectedRequest;
                await context.Response.WriteAsJsonAsync(new { error = "misdirected", message = "This dashboard answers to 127.0.0.1 or localhost only." });
                return;
            }

            var mutating = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));
            var isData = request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
                || request.Path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase);
            if (mutating || (requireTokenForReads && isData))
            {
                var presented = request.Headers[DashboardToken.HeaderName].FirstOrDefault()
                    ?? BearerToken(request.Headers.Authorization.FirstOrDefault());
                if (!DashboardToken.Matches(token, presented))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    await context.Response.WriteAsJsonAsync(new { error = "unauthorized", message = $"This call needs the dashboard token in the {DashboardToken.HeaderName} header." });
                    return;
                }

                if (mutating && request.Headers.Origin.FirstOrDefault() is { Length: > 0 } origin
                    && (!Uri.TryCreate(origin, UriKind.Absolute, out var o) || !SameHost(o, request)))
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    await context.Response.WriteAsJsonAsync(new { error = "forbidden", message = "Cross-site request refused." });
                    return;
                }
            }

            await next(context);
        });
    }

    private static bool IsLoopbackHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static string? BearerToken(string? authorization) =>
        authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..] : null;

    private static bool SameHost(Uri? origin, HttpRequest request) =>
        origin is not null && string.Equals(origin.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
}
