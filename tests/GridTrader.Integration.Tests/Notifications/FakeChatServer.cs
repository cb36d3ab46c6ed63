using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GridTrader.Integration.Tests.Notifications;

/// <summary>What the fake answers to the n-th request (0-based).</summary>
internal sealed record FakeReply(int Status, string? Json = null, bool Hang = false);

internal sealed record RecordedRequest(string Path, string Body)
{
    /// <summary>The message text: Telegram's <c>text</c> or Discord's <c>content</c>.</summary>
    public string Text
    {
        get
        {
            using var json = JsonDocument.Parse(Body);
            return json.RootElement.TryGetProperty("content", out var content) ? content.GetString()! : json.RootElement.GetProperty("text").GetString()!;
        }
    }
}

/// <summary>
/// A local stand-in for the Telegram Bot API or a Discord webhook: Kestrel on 127.0.0.1 with a free port, recording every
/// POST and answering as the test says.
/// </summary>
internal sealed class FakeChatServer : IAsyncDisposable
{
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(15);

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<int, FakeReply> _reply;
    private int _count;

    private FakeChatServer(WebApplication app, Func<int, FakeReply> reply)
    {
        _app = app;
        _reply = reply;
    }

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public static string TelegramOk => """{"ok":true,"result":{"message_id":1,"date":1751364000,"chat":{"id":42,"type":"private"},"text":"x"}}""";

    public static async Task<FakeChatServer> StartAsync(Func<int, FakeReply>? reply = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeChatServer(app, reply ?? (_ => new FakeReply(200, TelegramOk)));
        app.MapPost("/{**path}", server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server;
    }

    /// <summary>Lets hanging requests answer (with 200).</summary>
    public void Release() => _release.TrySetResult();

    /// <summary>Waits (without sleeping) until at least <paramref name="count"/> requests have arrived.</summary>
    public async Task WaitForRequestsAsync(int count)
    {
        using var limit = new CancellationTokenSource(WaitLimit);
        while (Volatile.Read(ref _count) < count) await _arrived.WaitAsync(limit.Token);
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _arrived.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        _requests.Enqueue(new RecordedRequest(context.Request.Path.Value ?? "", body));
        var index = Interlocked.Increment(ref _count) - 1;
        _arrived.Release();
        var reply = _reply(index);
        if (reply.Hang)
        {
            await _release.Task;
            reply = new FakeReply(200, TelegramOk);
        }

        context.Response.StatusCode = reply.Status;
        if (reply.Json is { } json)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(json);
        }
    }
}
