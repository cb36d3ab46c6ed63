using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GridTrader.Exchanges.Tests.Firi.Support;

/// <summary>A request as the server received it.</summary>
internal sealed record RecordedRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);

    /// <summary>A query parameter, or null.</summary>
    public string? QueryValue(string name) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Query).TryGetValue(name, out var v) ? v.ToString() : null;
}

/// <summary>What the server does with one request.</summary>
internal sealed record ScriptedResponse(
    int Status,
    string? Body = null,
    string ContentType = "application/json",
    IReadOnlyDictionary<string, string>? Headers = null,
    ScriptedFault Fault = ScriptedFault.None)
{
    public static ScriptedResponse Json(string body, int status = 200) => new(status, body);

    public static ScriptedResponse Empty(int status = 204) => new(status);

    public static ScriptedResponse Html(int status, string body) => new(status, body, "text/html; charset=utf-8");

    /// <summary>Reads the request, then closes the connection without answering.</summary>
    public static ScriptedResponse Drop() => new(0, Fault: ScriptedFault.DropConnection);

    /// <summary>Reads the request and never answers (until the client gives up).</summary>
    public static ScriptedResponse Hang() => new(0, Fault: ScriptedFault.Hang);
}

internal enum ScriptedFault
{
    None,
    DropConnection,
    Hang,
}

/// <summary>
/// A Kestrel server on 127.0.0.1 with an ephemeral port that records every request and answers from a
/// script: queued responses in order, then <see cref="Fallback"/>. Started servers are pooled: disposing
/// one ends its hanging requests, clears its state and hands it to the next test, which saves a
/// server start per test. The pool lives as long as the test process.
/// </summary>
internal sealed class FiriTestServer : IAsyncDisposable
{
    private static readonly ConcurrentBag<FiriTestServer> Pool = [];

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<ScriptedResponse> _script = new();
    private CancellationTokenSource _stopping = new();
    private SemaphoreSlim _arrived = new(0);

    private FiriTestServer(WebApplication app)
    {
        _app = app;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>Answer once the script is used up.</summary>
    public Func<RecordedRequest, ScriptedResponse> Fallback { get; set; } = Unscripted;

    private static ScriptedResponse Unscripted(RecordedRequest request) =>
        ScriptedResponse.Json("""{"name":"Unscripted","message":"no scripted response"}""", 599);

    public static async Task<FiriTestServer> StartAsync()
    {
        if (Pool.TryTake(out var pooled)) return pooled;

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FiriTestServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseAddress = new Uri(address + "/");
        return server;
    }

    public FiriTestServer Enqueue(params ScriptedResponse[] responses)
    {
        foreach (var response in responses) _script.Enqueue(response);
        return this;
    }

    /// <summary>Waits (in real time, bounded) until at least <paramref name="count"/> requests have arrived.</summary>
    public async Task WaitForRequestsAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (_requests.Count < count)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"Expected {count} requests, saw {_requests.Count}.");
            await _arrived.WaitAsync(left);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        var recorded = new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? string.Empty,
            context.Request.QueryString.Value?.TrimStart('?') ?? string.Empty, headers, body.ToArray());
        _requests.Enqueue(recorded);
        _arrived.Release();

        var response = _script.TryDequeue(out var scripted) ? scripted : Fallback(recorded);
        switch (response.Fault)
        {
            case ScriptedFault.DropConnection:
                context.Abort();
                return;
            case ScriptedFault.Hang:
                using (var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token))
                {
                    try
                    {
                        await Task.Delay(Timeout.Infinite, linked.Token);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }

                context.Abort();
                return;
        }

        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>()) context.Response.Headers[name] = value;
        if (response.Body is not null)
        {
            context.Response.ContentType = response.ContentType;
            await context.Response.WriteAsync(response.Body, context.RequestAborted);
        }
    }

    /// <summary>Ends hanging requests, forgets requests and script, and returns the server to the pool.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _stopping.Dispose();
        _stopping = new CancellationTokenSource();
        _arrived.Dispose();
        _arrived = new SemaphoreSlim(0);
        _requests.Clear();
        _script.Clear();
        Fallback = Unscripted;
        Pool.Add(this);
    }
}
