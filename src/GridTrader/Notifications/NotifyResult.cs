namespace GridTrader.Notifications;

public enum NotifyStatus
{
    Sent,

    /// <summary>The channel asked us to wait (HTTP 429) before anything was delivered; the batch is kept.</summary>
    RetryLater,

    /// <summary>Delivery failed; <see cref="NotifyResult.Error"/> says why, without secrets.</summary>
    Failed,
}

/// <summary>Outcome of one send to a channel. Expected failures are values, never exceptions.</summary>
public readonly record struct NotifyResult(NotifyStatus Status, string? Error = null, TimeSpan RetryAfter = default)
{
    public static NotifyResult Sent { get; } = new(NotifyStatus.Sent);

    public static NotifyResult Failed(string error) => new(NotifyStatus.Failed, error);

    public static NotifyResult RetryLater(TimeSpan after) => new(NotifyStatus.RetryLater, "rate limited", after);
}
