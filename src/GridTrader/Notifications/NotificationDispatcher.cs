using System.Globalization;
using System.Text;
using GridTrader.Configuration;

namespace GridTrader.Notifications;

/// <summary>
/// Sends the queued notifications. Per channel, everything that arrives within <see cref="NotificationOptions.BatchSeconds"/>
/// of the first pending notification goes out as one message, and at most <see cref="NotificationOptions.MaxPerMinute"/>
/// messages leave per minute; what the limit (or a server's 429) holds back is merged into the next message, which says how
/// many batches it carries. Failures are logged and the batch is dropped; nothing here throws into the engine.
/// </summary>
/// <remarks>
/// Decisions use the notifications' own timestamps and the injected <see cref="TimeProvider"/>, never the moment the loop
/// happened to wake up, so batching is the same however late the loop runs.
/// </remarks>
public sealed class NotificationDispatcher : BackgroundService
{
    /// <summary>Longest message body in lines; the rest is summarised (the log has every event).</summary>
    public const int MaxLinesPerMessage = 50;

    /// <summary>How long one delivery may take before it counts as failed.</summary>
    public static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(30);

    /// <summary>At shutdown, how long delivering what is still pending may take.</summary>
    public static readonly TimeSpan FinalFlushTimeout = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan RateWindow = TimeSpan.FromMinutes(1);

    private readonly NotificationOutbox _queue;
    private readonly ChannelState[] _channels;
    private readonly TimeSpan _batch;
    private readonly int _maxPerMinute;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public NotificationDispatcher(NotificationOutbox queue, IEnumerable<INotifier> notifiers, NotificationOptions options, TimeProvider time,
        ILogger<NotificationDispatcher> logger)
    {
        _queue = queue;
        _channels = [.. notifiers.Select(n => new ChannelState(n))];
        _batch = TimeSpan.FromSeconds(Math.Max(0, options.BatchSeconds));
        _maxPerMinute = Math.Max(1, options.MaxPerMinute);
        _time = time;
        _logger = logger;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => RunAsync(stoppingToken);

    /// <summary>Runs until <paramref name="ct"/> is cancelled or the queue is completed, then delivers what is pending.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var reader = _queue.Reader;
        // Stopping ends the waiting at once, but a send in flight (and the final flush) get FinalFlushTimeout more: cutting
        // a request off could not tell whether the message arrived.
        using var abort = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _time);
        await using var stopping = ct.Register(() => abort.CancelAfter(FinalFlushTimeout));
        try
        {
            while (!ct.IsCancellationRequested)
            {
                Drain();
                await SendDueAsync(final: false, abort.Token);
                if (reader.TryPeek(out _)) continue;

                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var more = reader.WaitToReadAsync(wait.Token).AsTask();
                var wake = NextWake();
                if (wake is { } at)
                {
                    var delay = at - _time.GetUtcNow();
                    if (delay <= TimeSpan.Zero) continue;
                    await Task.WhenAny(more, Task.Delay(delay, _time, wait.Token));
                }
                else
                {
                    await Task.WhenAny(more);
                }

                await wait.CancelAsync();
                if (more.IsCompletedSuccessfully && !more.Result) break; // queue completed
            }
        }
        finally
        {
            Drain();
            abort.CancelAfter(FinalFlushTimeout);
            await SendDueAsync(final: true, abort.Token);
            foreach (var c in _channels.Where(c => c.Pending.Count > 0)) Drop(c, "no answer before shutdown");
        }
    }

    private void Drain()
    {
        var dropped = _queue.TakeDropped();
        if (dropped > 0)
        {
            _logger.Dropped(dropped, "the queue was full");
            var note = new Notification(_time.GetUtcNow(), $"({dropped} notification(s) dropped: the queue was full)");
            foreach (var c in _channels) c.Add(note, _batch);
        }

        while (_queue.Reader.TryRead(out var n))
        {
            foreach (var c in _channels) c.Add(n, _batch);
        }
    }

    private async Task SendDueAsync(bool final, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var sends = new List<Task>();
        foreach (var c in _channels)
        {
            if (c.Pending.Count == 0) continue;
            c.Forget(now - RateWindow);
            var allowed = c.Sent.Count < _maxPerMinute && now >= c.BlockedUntil;
            if (!allowed)
            {
                if (final) Drop(c, "rate limited at shutdown");
                continue;
            }

            if (final || c.Deadline <= now) sends.Add(SendAsync(c, now, ct));
        }

        if (sends.Count > 0) await Task.WhenAll(sends);
    }

    private async Task SendAsync(ChannelState c, DateTimeOffset now, CancellationToken ct)
    {
        var batch = c.Pending.ToList();
        var text = Compose(batch);
        c.Sent.Add(now);
        NotifyResult result;
        try
        {
            using var timeout = new CancellationTokenSource(SendTimeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
            try
            {
                result = await c.Notifier.SendAsync(text, linked.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                result = NotifyResult.Failed($"no answer within {SendTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            result = NotifyResult.Failed("no answer before shutdown");
        }
#pragma warning disable CA1031 // A notifier bug must not stop notifications, let alone the engine.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            result = NotifyResult.Failed($"{ex.GetType().Name} in {c.Notifier.Name} notifier");
        }

        switch (result.Status)
        {
            case NotifyStatus.Sent:
                _logger.Sent(c.Notifier.Name, batch.Count);
                c.Clear();
                break;
            case NotifyStatus.RetryLater:
                // Nothing was delivered: it does not count against our limit, and the batch waits for the server.
                c.Sent.RemoveAt(c.Sent.Count - 1);
                c.BlockedUntil = now + result.RetryAfter;
                _logger.RateLimited(c.Notifier.Name, result.RetryAfter, batch.Count);
                break;
            default:
                _logger.Failed(c.Notifier.Name, batch.Count, result.Error ?? "unknown error");
                c.Clear();
                break;
        }
    }

    private void Drop(ChannelState c, string reason)
    {
        _logger.Failed(c.Notifier.Name, c.Pending.Count, reason);
        c.Clear();
    }

    /// <summary>The earliest moment a channel with pending notifications may send, or null when none is pending.</summary>
    private DateTimeOffset? NextWake()
    {
        DateTimeOffset? wake = null;
        foreach (var c in _channels)
        {
            if (c.Pending.Count == 0) continue;
            var at = c.Deadline;
            if (c.BlockedUntil > at) at = c.BlockedUntil;
            if (c.Sent.Count >= _maxPerMinute && c.Sent[c.Sent.Count - _maxPerMinute] + RateWindow > at)
                at = c.Sent[c.Sent.Count - _maxPerMinute] + RateWindow;
            if (wake is null || at < wake) wake = at;
        }

        return wake;
    }

    /// <summary>One message: a header when it carries more than one notification, then a timestamped line for each.</summary>
    internal string Compose(IReadOnlyList<Notification> batch)
    {
        var merged = BatchCount(batch);
        if (batch.Count == 1) return batch[0].Text;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"GridTrader: {batch.Count} notifications");
        if (merged > 1) text.Append(CultureInfo.InvariantCulture, $" ({merged} batches merged: rate limit {_maxPerMinute}/min)");
        foreach (var n in batch.Take(MaxLinesPerMessage))
            text.Append('\n').Append(n.Time.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)).Append(' ').Append(n.Text);
        if (batch.Count > MaxLinesPerMessage)
            text.Append(CultureInfo.InvariantCulture, $"\n… and {batch.Count - MaxLinesPerMessage} more (see the log)");
        return text.ToString();
    }

    /// <summary>How many batch windows the notifications span, from their timestamps.</summary>
    private int BatchCount(IReadOnlyList<Notification> batch)
    {
        var count = 0;
        DateTimeOffset? windowEnd = null;
        foreach (var n in batch)
        {
            if (windowEnd is { } end && n.Time < end) continue;
            count++;
            windowEnd = n.Time + _batch;
        }

        return count;
    }

    private sealed class ChannelState(INotifier notifier)
    {
        public INotifier Notifier { get; } = notifier;

        public List<Notification> Pending { get; } = [];

        /// <summary>When the batch opened by the first pending notification closes.</summary>
        public DateTimeOffset Deadline { get; private set; }

        /// <summary>Send times within the last minute, oldest first.</summary>
        public List<DateTimeOffset> Sent { get; } = [];

        /// <summary>The server asked us not to send before this.</summary>
        public DateTimeOffset BlockedUntil { get; set; }

        public void Add(Notification n, TimeSpan batch)
        {
            if (Pending.Count == 0) Deadline = n.Time + batch;
            Pending.Add(n);
        }

        public void Clear() => Pending.Clear();

        public void Forget(DateTimeOffset before) => Sent.RemoveAll(t => t <= before);
    }
}
