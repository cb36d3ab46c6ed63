using GridTrader.Engine.Live;
using GridTrader.Hosting;

namespace GridTrader.Dashboard;

/// <summary>The JSON API the dashboard and the CLI's <c>kill</c>, <c>resume</c>, <c>pause</c> and <c>status</c> use.</summary>
internal static class ApiEndpoints
{
    public static void MapControlApi(this IEndpointRouteBuilder app, BotRuntime runtime)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/status", () => runtime.Engine.Snapshot is { } s ? Results.Json(StatusView.From(s)) : Results.StatusCode(503));
        // Reasons are cut to one short line where they enter; markets must be configured ones.
        api.MapPost("/kill", (ControlRequest? body) => Send(runtime, new KillCommand(OperatorReason.Clean(body?.Reason, "kill requested through the API"))));
        api.MapPost("/resume", (ControlRequest? body) => Send(runtime, new ResumeCommand(OperatorReason.Clean(body?.Reason, "resumed through the API"))));
        api.MapPost("/pause", (ControlRequest? body) =>
        {
            var reason = OperatorReason.Clean(body?.Reason, "paused through the API");
            if (string.IsNullOrWhiteSpace(body?.Market)) return Send(runtime, new PauseCommand(null, reason));
            return ConfiguredMarket(runtime, body.Market) is { } market
                ? Send(runtime, new PauseCommand(market, reason))
                : Task.FromResult(UnknownMarket(runtime, body.Market));
        });
        api.MapPost("/resume-market", (ControlRequest? body) =>
        {
            if (string.IsNullOrWhiteSpace(body?.Market)) return Task.FromResult(Results.BadRequest(new { error = "market is required" }));
            return ConfiguredMarket(runtime, body.Market) is { } market
                ? Send(runtime, new ResumeMarketCommand(market, OperatorReason.Clean(body.Reason, "resumed through the API")))
                : Task.FromResult(UnknownMarket(runtime, body.Market));
        });
    }

    private static string? ConfiguredMarket(BotRuntime runtime, string market) =>
        runtime.Markets.FirstOrDefault(m => m.Info.Symbol.Equals(market.Trim(), StringComparison.OrdinalIgnoreCase))?.Info.Symbol;

    private static IResult UnknownMarket(BotRuntime runtime, string market) =>
        Results.Json(new
        {
            error = "unknown_market",
            message = $"'{OperatorReason.Clean(market, "")}' is not a configured market; configured: {string.Join(", ", runtime.Markets.Select(m => m.Info.Symbol))}.",
        }, statusCode: StatusCodes.Status404NotFound);

    private static async Task<IResult> Send(BotRuntime runtime, EngineCommand command)
    {
        var task = runtime.Engine.SendAsync(command);
        var finished = await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(30)));
        if (finished != task) return Results.Json(new { accepted = true, result = "queued; still running" }, statusCode: 202);
        try
        {
            return Results.Json(new { accepted = true, result = await task, state = runtime.Engine.Snapshot?.State.ToString() });
        }
        catch (InvalidOperationException ex)
        {
            return Results.Json(new { accepted = false, error = ex.Message }, statusCode: 409);
        }
    }
}

/// <summary>Body of control calls (all fields optional).</summary>
internal sealed record ControlRequest(string? Reason, string? Market);
