using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GridTrader.Integration.Tests.Control;

/// <summary>A message the bot sent through the fake.</summary>
internal sealed record SentMessage(long ChatId, string Text);

/// <summary>
/// A local stand-in for the Telegram Bot API on 127.0.0.1: <c>getUpdates</c> hands out the messages a test queues (long
/// polling: it holds the request up to a second while there are none) and <c>sendMessage</c> records what the bot answers.
/// Requests with another token are answered 401, as Telegram does.
/// </summary>
internal sealed class FakeTelegramApi : IAsyncDisposable
{
    public const string Token = "987654321:AAFakeControlTokenForTests_xyz";

    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly List<JsonObject> _updates = [];
    private readonly ConcurrentQueue<SentMessage> _sent = new();
    private readonly SemaphoreSlim _queued = new(0);
    private readonly SemaphoreSlim _answered = new(0);
    private int _nextUpdate = 1;
    private int _nextMessage = 100;

    private FakeTelegramApi(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public IReadOnlyList<SentMessage> Sent => [.. _sent];

    public static async Task<FakeTelegramApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var api = new FakeTelegramApi(app);
        app.MapPost("/bot{token}/{method}", api.HandleAsync);
        await app.StartAsync();
        api.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return api;
    }

    /// <summary>A text message from <paramref name="chatId"/> to the bot, delivered at the next poll.</summary>
    public void Say(long chatId, string text)
    {
        lock (_lock)
        {
            var id = _nextUpdate++;
            _updates.Add(new JsonObject
            {
                ["update_id"] = id,
                ["message"] = new JsonObject
                {
                    ["message_id"] = _nextMessage++,
                    ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                    ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = "private" },
                    ["from"] = new JsonObject { ["id"] = chatId, ["is_bot"] = false, ["first_name"] = "Operator" },
                    ["text"] = text,
                },
            });
        }

        _queued.Release();
    }

    /// <summary>Sends <paramref name="text"/> from <paramref name="chatId"/> and waits for the bot's answer to that chat.</summary>
    public async Task<string> AskAsync(long chatId, string text)
    {
        var before = _sent.Count(m => m.ChatId == chatId);
        Say(chatId, text);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var answers = _sent.Where(m => m.ChatId == chatId).ToList();
            if (answers.Count > before) return answers[before].Text;
            await _answered.WaitAsync(limit.Token);
        }
    }

    /// <summary>Waits until the bot has fetched every queued update (its offset passed them), so silence can be judged.</summary>
    public async Task WaitUntilFetchedAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            lock (_lock)
            {
                if (_updates.Count == 0) return;
            }

            await Task.Delay(50, limit.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _queued.Dispose();
        _answered.Dispose();
    }

    private async Task HandleAsync(HttpContext context, string token, string method)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        if (token != Token)
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsJsonAsync(new { ok = false, error_code = 401, description = "Unauthorized" });
            return;
        }

        switch (method)
        {
            case "getUpdates":
                await GetUpdatesAsync(context, body.RootElement);
                break;
            case "sendMessage":
                var chat = body.RootElement.GetProperty("chat_id");
                var chatId = chat.ValueKind == JsonValueKind.String ? long.Parse(chat.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : chat.GetInt64();
                var text = body.RootElement.GetProperty("text").GetString()!;
                _sent.Enqueue(new SentMessage(chatId, text));
                _answered.Release();
                await context.Response.WriteAsJsonAsync(new JsonObject
                {
                    ["ok"] = true,
                    ["result"] = new JsonObject
                    {
                        ["message_id"] = Interlocked.Increment(ref _nextMessage),
                        ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                        ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = "private" },
                        ["text"] = text,
                    },
                });
                break;
            default:
                context.Response.StatusCode = 404;
                await context.Response.WriteAsJsonAsync(new { ok = false, error_code = 404, description = "Not Found: method not found" });
                break;
        }
    }

    private async Task GetUpdatesAsync(HttpContext context, JsonElement request)
    {
        var offset = request.TryGetProperty("offset", out var o) && o.ValueKind == JsonValueKind.Number ? o.GetInt32() : 0;
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        wait.CancelAfter(TimeSpan.FromSeconds(1));
        JsonArray result;
        while (true)
        {
            lock (_lock)
            {
                // Updates before the offset are confirmed: Telegram forgets them.
                _updates.RemoveAll(u => (int)u["update_id"]! < offset);
                result = [.. _updates.Select(u => u.DeepClone())];
            }

            if (result.Count > 0) break;
            try
            {
                await _queued.WaitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await context.Response.WriteAsJsonAsync(new JsonObject { ["ok"] = true, ["result"] = result });
    }
}
