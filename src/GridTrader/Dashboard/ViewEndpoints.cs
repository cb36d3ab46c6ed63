using System.Text;
using System.Text.Json;
using GridTrader.Dashboard.Logs;
using GridTrader.Dashboard.Market;
using GridTrader.Dashboard.Orders;
using GridTrader.Dashboard.Pnl;
using GridTrader.Dashboard.Risk;
using GridTrader.Engine.Live;
using GridTrader.Logging.Export;
using Microsoft.AspNetCore.Mvc;

namespace GridTrader.Dashboard;

/// <summary>
/// Every dashboard view as JSON under <c>/api</c> (the page renders these same documents), plus the settings editor's
/// validate and apply calls. Reads come from the engine's published snapshot, its event rings, the read-only store and
/// the log files; none of them touches the trading state.
/// </summary>
internal static class ViewEndpoints
{
    private const int MaxConfigBytes = 1024 * 1024;

    public static void MapViews(this IEndpointRouteBuilder app, DashboardData data)
    {
        var runtime = data.Runtime;
        var api = app.MapGroup("/api");

        api.MapGet("/markets", () => WithSnapshot(data, s =>
            Results.Json(new MarketsDocument(s.Time, s.State.ToString(),
                s.Markets.Select(m => MarketView.From(m, data.IntervalOf(m.Symbol) ?? TimeSpan.Zero, s.Equity)).ToList()))));

        api.MapGet("/candles", async (string? market, int? limit, CancellationToken ct) =>
        {
            if (Resolve(data, market) is not { } symbol) return UnknownMarket(market);
            var interval = data.IntervalOf(symbol)!.Value;
            var candles = data.History is { } store
                ? await store.LoadCandlesAsync(symbol, interval, null, Math.Clamp(limit ?? 300, 1, 5000), ct)
                : [];
            return Results.Json(new CandlesDocument(symbol, Core.MarketData.CandleInterval.Format(interval), candles.Select(CandleView.From).ToList()));
        });

        api.MapGet("/fills", async (string? market, DateTimeOffset? from, int? limit, CancellationToken ct) =>
        {
            string? symbol = null;
            if (market is { Length: > 0 } && (symbol = Resolve(data, market)) is null) return UnknownMarket(market);
            var fills = data.History is { } store ? await store.LoadFillsAsync(symbol, from, null, ct) : [];
            return Results.Json(new FillsDocument(fills.TakeLast(Math.Clamp(limit ?? 500, 1, 10_000)).Select(FillRow.From).ToList()));
        });

        api.MapGet("/orders", async (string? market, string? state, int? limit, CancellationToken ct) =>
        {
            if (runtime.Engine.Snapshot is not { } s) return Starting();
            string? symbol = null;
            if (market is { Length: > 0 } && !market.Equals("all", StringComparison.OrdinalIgnoreCase) && (symbol = Resolve(data, market)) is null)
                return UnknownMarket(market);
            if (OrdersQuery.Normalize(state) is not { } filter)
                return Problem(StatusCodes.Status400BadRequest, "bad_state", $"state must be one of: {string.Join(", ", OrdersQuery.StateFilters)}.");
            return Results.Json(await OrdersQuery.RunAsync(s, data.History, symbol, filter, Math.Clamp(limit ?? 200, 1, 5000), ct));
        });

        api.MapGet("/risk", () => WithSnapshot(data, s => Results.Json(RiskDocument.From(s, runtime.Events.Rejections()))));
        api.MapGet("/pnl", () => WithSnapshot(data, s => Results.Json(PnlDocument.From(s, data.Equity))));
        api.MapGet("/events", (long? after) => Results.Json(runtime.Events.Events(after ?? 0)));

        api.MapGet("/logs", (string? level, [FromQuery(Name = "event")] string? eventName, string? market, long? after, int? limit) =>
            Results.Json(LogsQuery.Tail(data, Filter(level, eventName, market), after ?? 0, Math.Clamp(limit ?? 500, 1, 5000))));

        api.MapGet("/logs/export", (string? format, string? level, [FromQuery(Name = "event")] string? eventName, string? market) =>
        {
            var entries = LogsQuery.Export(data, Filter(level, eventName, market)).ToList();
            var stamp = runtime.Time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            return (format ?? "json").ToLowerInvariant() switch
            {
                "csv" => Results.File(Encoding.UTF8.GetBytes(LogCsv.Write(entries)), "text/csv; charset=utf-8", $"gridtrader-logs-{stamp}.csv"),
                "json" => Results.File(JsonSerializer.SerializeToUtf8Bytes(entries, DashboardJson.Default.ListLogEntry), "application/json",
                    $"gridtrader-logs-{stamp}.json"),
                _ => Problem(StatusCodes.Status400BadRequest, "bad_format", "format must be json or csv."),
            };
        });

        api.MapGet("/config", () => Results.Json(data.Config.Document()));
        api.MapPost("/config/validate", async (HttpRequest request, CancellationToken ct) =>
            await ReadBodyAsync(request, ct) is { } body ? Results.Json(data.Config.Validate(body)) : TooLarge());
        api.MapPost("/config/apply", async (HttpRequest request, CancellationToken ct) =>
        {
            if (await ReadBodyAsync(request, ct) is not { } body) return TooLarge();
            var (status, result) = data.Config.Apply(body);
            return Results.Json(result, statusCode: status);
        });
    }

    private static LogFilter Filter(string? level, string? eventName, string? market) =>
        new(Event: eventName, Market: string.IsNullOrWhiteSpace(market) || market.Equals("all", StringComparison.OrdinalIgnoreCase) ? null : market,
            MinLevel: string.IsNullOrWhiteSpace(level) || level.Equals("all", StringComparison.OrdinalIgnoreCase) ? null : level);

    private static IResult WithSnapshot(DashboardData data, Func<EngineSnapshot, IResult> view) =>
        data.Runtime.Engine.Snapshot is { } s ? view(s) : Starting();

    /// <summary>A configured market's symbol as configured; the first market when none is asked for; null when unknown.</summary>
    private static string? Resolve(DashboardData data, string? market) =>
        string.IsNullOrWhiteSpace(market)
            ? (data.Runtime.Markets.Count > 0 ? data.Runtime.Markets[0].Info.Symbol : null)
            : data.Runtime.Markets.FirstOrDefault(m => m.Info.Symbol.Equals(market.Trim(), StringComparison.OrdinalIgnoreCase))?.Info.Symbol;

    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxConfigBytes) return null;
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var buffer = new char[MaxConfigBytes + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await reader.ReadAsync(buffer.AsMemory(total), ct)) > 0) total += read;
        return total > MaxConfigBytes ? null : new string(buffer, 0, total);
    }

    private static IResult Starting() =>
        Problem(StatusCodes.Status503ServiceUnavailable, "starting", "The engine has not published its first snapshot yet.");

    private static IResult UnknownMarket(string? market) =>
        Problem(StatusCodes.Status404NotFound, "unknown_market", $"'{market}' is not a configured market.");

    private static IResult TooLarge() =>
        Problem(StatusCodes.Status413PayloadTooLarge, "too_large", $"The configuration may be at most {MaxConfigBytes} bytes.");

    private static IResult Problem(int status, string code, string message) => Results.Json(new ApiError(code, message), statusCode: status);
}
