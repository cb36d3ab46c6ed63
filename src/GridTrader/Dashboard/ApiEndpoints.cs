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
        api.MapPost("/kill", (ControlRequest? body) => Send(runtime, new KillCommand(body?.Reason ?? "kill requested through the API")));
        api.MapPost("/resume", (ControlRequest? body) => Send(runtime, new ResumeCommand(body?.Reason ?? "resumed through the API")));
        api.MapPost("/pause", (ControlRequest? body) => Send(runtime, new PauseCommand(body?.Market, body?.Reason ?? "paused through the API")));
        api.MapPost("/resume-market", (ControlRequest? body) =>
            body?.Market is { Length: > 0 } market
                ? Send(runtime, new ResumeMarketCommand(market, body.Reason ?? "resumed through the API"))
                : Task.FromResult(Results.BadRequest(new { error = "market is required" })));
    }

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
