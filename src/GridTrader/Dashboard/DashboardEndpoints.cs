using System.Reflection;

namespace GridTrader.Dashboard;

/// <summary>
/// Serves the dashboard page: plain HTML, CSS and JavaScript embedded in the program (so it works wherever the program
/// runs, with nothing to build), and the charting library vendored beside it. Nothing is loaded from elsewhere; the
/// content security policy says so to the browser too.
/// </summary>
internal static class DashboardEndpoints
{
    private const string ResourcePrefix = "GridTrader.Dashboard.Web.";

    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly (string Path, string Resource, string ContentType)[] Assets =
    [
        ("/", "index.html", "text/html; charset=utf-8"),
        ("/app.js", "app.js", "text/javascript; charset=utf-8"),
        ("/stream.js", "stream.js", "text/javascript; charset=utf-8"),
        ("/app.css", "app.css", "text/css; charset=utf-8"),
        ("/vendor/lightweight-charts.js", "lightweight-charts.standalone.production.js", "text/javascript; charset=utf-8"),
        ("/vendor/lightweight-charts-LICENSE.txt", "lightweight-charts.LICENSE", "text/plain; charset=utf-8"),
    ];

    public static void MapDashboardPage(this IEndpointRouteBuilder app)
    {
        var assembly = Assembly.GetExecutingAssembly();
        foreach (var (path, resource, contentType) in Assets)
        {
            var bytes = Read(assembly, ResourcePrefix + resource);
            app.MapGet(path, (HttpContext context) =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                // The page is small and local; always asking keeps it in step with the running program.
                headers.CacheControl = "no-cache";
                return Results.Bytes(bytes, contentType);
            });
        }
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing from the build.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
