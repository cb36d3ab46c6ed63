using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using GridTrader.Core.Accounting;
using GridTrader.Configuration;
using GridTrader.Core.Markets;
using GridTrader.Logging;
using GridTrader.Notifications;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace GridTrader.Integration.Tests.Notifications;

public sealed class NotificationDispatcherTests : IDisposable
{
    internal const string TelegramToken = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

    private static readonly DateTimeOffset T0 = new(2025, 7, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(T0);
    private readonly HttpClient _http = new();
    private readonly CapturingLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggers;
    private readonly CancellationTokenSource _stop = new();

    public NotificationDispatcherTests() => _loggers = _logs.CreateFactory();

    public void Dispose()
    {
        _stop.Dispose();
        _loggers.Dispose();
        _http.Dispose();
    }

    private static NotificationOptions Options(double batchSeconds = 10, int maxPerMinute = 10) =>
        new() { BatchSeconds = batchSeconds, MaxPerMinute = maxPerMinute };

    private TelegramNotifier Telegram(FakeChatServer server) => new(TelegramToken, "42", server.BaseUrl, _http, _time);

    private DiscordNotifier Discord(FakeChatServer server) => new(server.BaseUrl + "/api/webhooks/1/secret-webhook-token", _http, _time);

    private (NotificationObserver Observer, NotificationOutbox Queue, Task Run) Start(NotificationOptions options, params INotifier[] notifiers)
    {
        var queue = new NotificationOutbox();
        var dispatcher = new NotificationDispatcher(queue, notifiers, options, _time, _loggers.CreateLogger<NotificationDispatcher>());
        return (new NotificationObserver(queue, _time), queue, Task.Run(() => dispatcher.RunAsync(_stop.Token)));
    }

    private static Fill FillNo(int i) =>
        new(i, "BTCNOK", "BTC", "NOK", Side.Buy, 650_000m + i, 0.001m, 3.25m, "NOK", T0, i);

    /// <summary>One fill, then a second (the batch window of these tests) for it to be sent; waits until the server has it.</summary>
    private async Task FillThenSendAsync(NotificationObserver observer, int fill, FakeChatServer server)
    {
        var before = server.Requests.Count;
        observer.OnFill(FillNo(fill), 0m);
        _time.Advance(TimeSpan.FromSeconds(1));
        await server.WaitForRequestsAsync(before + 1);
    }

    private async Task StopAsync(Task run)
    {
        await _stop.CancelAsync();
        await run.WaitAsync(FakeChatServer.WaitLimit);
    }

    [Fact]
    public async Task Dispatcher_BurstOf20FillsWithinBatchWindow_SendsExactlyOneMessagePerChannel()
    {
        await using var telegram = await FakeChatServer.StartAsync();
        await using var discord = await FakeChatServer.StartAsync(_ => new FakeReply(204));
        var (observer, _, run) = Start(Options(batchSeconds: 10), Telegram(telegram), Discord(discord));

        for (var i = 1; i <= 20; i++)
        {
            observer.OnFill(FillNo(i), 0m);
            _time.Advance(TimeSpan.FromMilliseconds(400)); // 8 s in all: still inside the 10 s window
        }

        _time.Advance(TimeSpan.FromSeconds(2));
        await telegram.WaitForRequestsAsync(1);
        await discord.WaitForRequestsAsync(1);
        await StopAsync(run);

        foreach (var server in new[] { telegram, discord })
        {
            var text = Assert.Single(server.Requests).Text;
            Assert.StartsWith("GridTrader: 20 notifications\n", text, StringComparison.Ordinal);
            for (var i = 1; i <= 20; i++) Assert.Contains($"@ {650_000 + i} filled", text, StringComparison.Ordinal);
        }

        Assert.Equal($"/bot{TelegramToken}/sendMessage", telegram.Requests[0].Path);
    }

    [Fact]
    public async Task Dispatcher_MoreBatchesThanMaxPerMinute_MergesTheExcessIntoTheNextMessageWithACount()
    {
        await using var discord = await FakeChatServer.StartAsync(_ => new FakeReply(204));
        var (observer, _, run) = Start(Options(batchSeconds: 1, maxPerMinute: 2), Discord(discord));

        // Two batches go out at once…
        await FillThenSendAsync(observer, 1, discord);
        await FillThenSendAsync(observer, 2, discord);
        // …the next two are over the limit and wait for the minute to pass.
        observer.OnFill(FillNo(3), 0m);
        _time.Advance(TimeSpan.FromSeconds(1));
        observer.OnFill(FillNo(4), 0m);
        _time.Advance(TimeSpan.FromSeconds(1));
        _time.Advance(TimeSpan.FromSeconds(57)); // 61 s: the first message is a minute old
        await discord.WaitForRequestsAsync(3);
        await StopAsync(run);

        var texts = discord.Requests.Select(r => r.Text).ToList();
        Assert.Equal(3, texts.Count);
        Assert.Contains("@ 650001 filled", texts[0], StringComparison.Ordinal);
        Assert.Contains("@ 650002 filled", texts[1], StringComparison.Ordinal);
        Assert.StartsWith("GridTrader: 2 notifications (2 batches merged: rate limit 2/min)", texts[2], StringComparison.Ordinal);
        Assert.Contains("@ 650003 filled", texts[2], StringComparison.Ordinal);
        Assert.Contains("@ 650004 filled", texts[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispatcher_EndpointReturns500_LogsTheFailureAndDeliversTheNextBatch()
    {
        await using var telegram = await FakeChatServer.StartAsync(n => n == 0
            ? new FakeReply(500, """{"ok":false,"error_code":500,"description":"Internal Server Error"}""")
            : new FakeReply(200, FakeChatServer.TelegramOk));
        var (observer, _, run) = Start(Options(batchSeconds: 1), Telegram(telegram));

        await FillThenSendAsync(observer, 1, telegram);
        await FillThenSendAsync(observer, 2, telegram);
        await StopAsync(run);

        Assert.True(run.IsCompletedSuccessfully);
        var failed = Assert.Single(_logs.Entries, e => e.EventId.Name == LogEventNames.NotifyFailed);
        Assert.Contains("telegram", failed.Message, StringComparison.Ordinal);
        Assert.Contains("@ 650002 filled", telegram.Requests[1].Text, StringComparison.Ordinal);
        AssertTokenNeverLogged();
    }

    [Fact]
    public async Task Dispatcher_EndpointDown_LogsWithoutTheTokenAndDoesNotThrow()
    {
        // A port that is bound but not listening refuses connections, and nobody else can take it during the test.
        using var closed = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        closed.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var notifier = new TelegramNotifier(TelegramToken, "42", $"http://{closed.LocalEndPoint}", _http, _time);
        var (observer, _, run) = Start(Options(batchSeconds: 1), notifier);

        observer.OnFill(FillNo(1), 0m);
        observer.OnExchangeError("place", "BTCNOK", new Exchanges.Abstractions.ExchangeError(Exchanges.Abstractions.ExchangeErrorKind.Network, "reset"));
        _time.Advance(TimeSpan.FromSeconds(1));
        await StopAsync(run);

        Assert.True(run.IsCompletedSuccessfully);
        Assert.Contains(_logs.Entries, e => e.EventId.Name == LogEventNames.NotifyFailed);
        AssertTokenNeverLogged();
    }

    [Fact]
    public async Task Observer_EndpointHangs_StaysNonBlockingAndDropsOldest()
    {
        await using var telegram = await FakeChatServer.StartAsync(n => n == 0 ? new FakeReply(200, Hang: true) : new FakeReply(200, FakeChatServer.TelegramOk));
        var (observer, queue, run) = Start(Options(batchSeconds: 1), Telegram(telegram));
        await FillThenSendAsync(observer, 0, telegram); // the dispatcher is now stuck in a send

        var watch = Stopwatch.StartNew();
        for (var i = 1; i <= 20_000; i++) observer.OnFill(FillNo(i), 0m);
        watch.Stop();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"20 000 observer calls took {watch.Elapsed}");
        Assert.True(queue.DroppedTotal >= 20_000 - NotificationOutbox.DefaultCapacity, $"dropped {queue.DroppedTotal}");
        telegram.Release();
        await StopAsync(run);
        Assert.Contains(_logs.Entries, e => e.EventId.Name == LogEventNames.NotifyDropped);
        Assert.Contains(telegram.Requests.Skip(1), r => r.Text.Contains("notification(s) dropped: the queue was full", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dispatcher_Discord429WithRetryAfter_WaitsAsToldAndDeliversTheSameBatch()
    {
        await using var discord = await FakeChatServer.StartAsync(n => n == 0
            ? new FakeReply(429, """{"message":"You are being rate limited.","retry_after":2.5,"global":false}""")
            : new FakeReply(204));
        var (observer, _, run) = Start(Options(batchSeconds: 1), Discord(discord));

        await FillThenSendAsync(observer, 1, discord);
        _time.Advance(TimeSpan.FromSeconds(2.5));
        await discord.WaitForRequestsAsync(2);
        await StopAsync(run);

        Assert.Equal(2, discord.Requests.Count);
        Assert.Equal(discord.Requests[0].Text, discord.Requests[1].Text);
        Assert.Contains(_logs.Entries, e => e.EventId.Name == LogEventNames.NotifyRateLimited);
        Assert.DoesNotContain(_logs.Entries, e => e.EventId.Name == LogEventNames.NotifyFailed);
    }

    [Fact]
    public async Task DiscordNotifier_MessageOver2000Characters_IsSplitAtLineBreaks()
    {
        await using var discord = await FakeChatServer.StartAsync(_ => new FakeReply(204));
        var lines = Enumerable.Range(1, 100).Select(i => $"line {i:D3} " + new string('x', 40)).ToList();
        var text = string.Join('\n', lines);

        var result = await Discord(discord).SendAsync(text);

        Assert.Equal(NotifyStatus.Sent, result.Status);
        var parts = discord.Requests.Select(r => r.Text).ToList();
        Assert.Equal(3, parts.Count);
        Assert.All(parts, p => Assert.True(p.Length <= DiscordNotifier.MaxMessageLength));
        Assert.Equal(lines, parts.SelectMany(p => p.Split('\n')));
    }

    [Fact]
    public async Task TelegramNotifier_TooManyRequests_ReturnsTheServersRetryAfter()
    {
        await using var telegram = await FakeChatServer.StartAsync(_ => new FakeReply(429,
            """{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 7","parameters":{"retry_after":7}}"""));

        var result = await Telegram(telegram).SendAsync("hello");

        Assert.Equal(NotifyStatus.RetryLater, result.Status);
        Assert.Equal(TimeSpan.FromSeconds(7), result.RetryAfter);
    }

    private void AssertTokenNeverLogged()
    {
        Assert.NotEmpty(_logs.Entries);
        var secretPart = TelegramToken.Split(':')[1];
        foreach (var entry in _logs.Entries)
            Assert.DoesNotContain(secretPart, entry.AllText, StringComparison.Ordinal);
    }
}
