using GridTrader.Hosting;

namespace GridTrader.Dashboard;

/// <summary>The dashboard's pages and read-only views.</summary>
internal static class DashboardEndpoints
{
    public static void Map(WebApplication app, BotRuntime runtime)
    {
        app.MapGet("/", () => Results.Text("GridTrader is running. API: /api/status", "text/plain"));
        app.MapGet("/api/events", (long? after) => Results.Json(runtime.Events.Events(after ?? 0)));
    }
}
