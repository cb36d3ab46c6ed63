using GridTrader.Hosting;

namespace GridTrader.Dashboard;

/// <summary>
/// Markets changed while the bot runs: <c>GET /api/markets/configured</c> lists the configured markets and whether each is
/// traded; <c>POST /api/markets/{add|enable|disable|remove}</c> changes one (see <see cref="MarketChanges"/>). The dashboard's
/// Settings tab and <c>gridtrader markets …</c> use them. Actions need the dashboard token like every other action.
/// </summary>
internal static class MarketEndpoints
{
    public static void MapMarketChanges(this IEndpointRouteBuilder app, DashboardData data)
    {
        var api = app.MapGroup("/api/markets");
        api.MapGet("/configured", () => Results.Json(new { markets = data.Markets.Markets() }));
        foreach (var action in new[] { MarketChanges.Add, MarketChanges.Enable, MarketChanges.Disable, MarketChanges.Remove })
        {
            api.MapPost("/" + action, async (MarketChangeRequest? body, CancellationToken ct) =>
            {
                var (status, answer) = await data.Markets.ApplyAsync(action, body ?? new MarketChangeRequest(null, null, null), ct);
                return Results.Json(answer, statusCode: status);
            });
        }
    }
}
