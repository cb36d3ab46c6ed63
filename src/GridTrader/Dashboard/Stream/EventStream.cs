using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GridTrader.Engine.Live;
using GridTrader.Hosting;
using Microsoft.AspNetCore.Http.Features;

namespace GridTrader.Dashboard.Stream;

/// <summary>The first message of a stream, and the answer to a resume that came too late: the latest event number.</summary>
internal sealed record StreamMark(long Seq);

/// <summary>
/// <c>GET /api/stream</c>: Server-Sent Events pushing the engine's status snapshot (<c>snapshot</c>, at most twice a
/// second, only when it changed) and every engine event as it happens (<c>engine</c>, fills with their details). Engine
/// events carry their number as the SSE id; a client that reconnects with <c>Last-Event-ID</c> receives what it missed,
/// or <c>reset</c> when the ring no longer holds it (then it reloads its views). A comment line every 15 s keeps proxies
/// from closing an idle stream. The stream ends when the client goes or the server stops.
/// </summary>
internal static class EventStream
{
    private static readonly TimeSpan SnapshotEvery = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Wake = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static void MapEventStream(this IEndpointRouteBuilder app, BotRuntime runtime)
    {
        app.MapGet("/api/stream", (HttpContext context, IHostApplicationLifetime lifetime) =>
            RunAsync(context, runtime, lifetime.ApplicationStopping));
    }

    private static async Task RunAsync(HttpContext context, BotRuntime runtime, CancellationToken stopping)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var ct = stop.Token;
        var response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache, no-transform";
        // nginx buffers proxied answers unless told not to; a buffered stream is no stream.
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var events = runtime.Events;
        var writer = new StreamWriter(response.Body, new UTF8Encoding(false)) { NewLine = "\n" };
        await using (writer)
        {
            await writer.WriteAsync("retry: 2000\n\n");
            var last = LastEventId(context.Request);
            if (last is { } resumed && resumed < events.OldestSeq - 1)
            {
                last = events.LastSeq;
                await WriteAsync(writer, "reset", last, new StreamMark(last.Value), DashboardJson.Default.StreamMark);
            }
            else if (last is null)
            {
                last = events.LastSeq;
                await WriteAsync(writer, "ready", last, new StreamMark(last.Value), DashboardJson.Default.StreamMark);
            }

            EngineSnapshot? sent = null;
            var sentAt = Stopwatch.GetTimestamp() - (long)(SnapshotEvery.TotalSeconds * Stopwatch.Frequency);
            var wroteAt = Stopwatch.GetTimestamp();
            try
            {
                while (!ct.IsCancellationRequested)
                {
                    var changed = events.Changed;
                    var wrote = false;
                    foreach (var e in events.Events(last.Value))
                    {
                        await WriteAsync(writer, "engine", e.Seq, e, DashboardJson.Default.EngineEventView);
                        last = e.Seq;
                        wrote = true;
                    }

                    if (runtime.Engine.Snapshot is { } s && !ReferenceEquals(s, sent) && Stopwatch.GetElapsedTime(sentAt) >= SnapshotEvery)
                    {
                        await WriteAsync(writer, "snapshot", null, StatusView.From(s), DashboardJson.Default.StatusView);
                        sent = s;
                        sentAt = Stopwatch.GetTimestamp();
                        wrote = true;
                    }

                    if (!wrote && Stopwatch.GetElapsedTime(wroteAt) >= KeepAlive)
                    {
                        await writer.WriteAsync(": keep-alive\n\n");
                        wrote = true;
                    }

                    if (wrote)
                    {
                        await writer.FlushAsync(ct);
                        wroteAt = Stopwatch.GetTimestamp();
                    }

                    await Task.WhenAny(changed, Task.Delay(Wake, TimeProvider.System, ct));
                }
            }
            catch (OperationCanceledException)
            {
                // The client left or the server is stopping.
            }
            catch (IOException)
            {
                // The connection broke under the write.
            }
        }
    }

    private static long? LastEventId(HttpRequest request)
    {
        var text = request.Headers["Last-Event-ID"].FirstOrDefault();
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    private static async Task WriteAsync<T>(StreamWriter writer, string name, long? id, T data, JsonTypeInfo<T> type)
    {
        if (id is { } value) await writer.WriteAsync($"id: {value.ToString(CultureInfo.InvariantCulture)}\n");
        // The JSON is one line: compact serialization escapes every newline inside strings.
        await writer.WriteAsync($"event: {name}\ndata: {JsonSerializer.Serialize(data, type)}\n\n");
    }
}
