namespace GridTrader.Notifications;

/// <summary>
/// Sends a message as one or more posts of at most <see cref="MaxLength"/> characters. A 429 on the first post is handed
/// back to the dispatcher (nothing was delivered, it keeps the batch and waits); a 429 on a later post is waited out here,
/// as the server asked, so the message is not cut in half.
/// </summary>
public abstract class ChunkedNotifier(TimeProvider time) : INotifier
{
    /// <summary>Longest wait honoured in the middle of a message; a longer one fails the rest of it.</summary>
    public static readonly TimeSpan MaxInlineWait = TimeSpan.FromSeconds(30);

    private const int MaxAttemptsPerPart = 3;

    public abstract string Name { get; }

    protected abstract int MaxLength { get; }

    public async Task<NotifyResult> SendAsync(string text, CancellationToken ct = default)
    {
        var parts = MessageSplitter.Split(text, MaxLength);
        for (var i = 0; i < parts.Count; i++)
        {
            for (var attempt = 1; ; attempt++)
            {
                var result = await SendPartAsync(parts[i], ct);
                if (result.Status == NotifyStatus.Sent) break;
                if (result.Status == NotifyStatus.RetryLater && i == 0) return result;
                if (result.Status == NotifyStatus.RetryLater && attempt < MaxAttemptsPerPart && result.RetryAfter <= MaxInlineWait)
                {
                    await Task.Delay(result.RetryAfter, time, ct);
                    continue;
                }

                return NotifyResult.Failed(parts.Count == 1 ? result.Error ?? "failed" : $"part {i + 1} of {parts.Count}: {result.Error}");
            }
        }

        return NotifyResult.Sent;
    }

    /// <summary>Posts one part; returns <see cref="NotifyResult.RetryLater"/> on a 429 and a failure (without secrets) otherwise.</summary>
    protected abstract Task<NotifyResult> SendPartAsync(string part, CancellationToken ct);
}
