using GridTrader.Logging;

namespace GridTrader.Notifications;

/// <summary>Log events of the notification channels. Reasons are already free of secrets when they get here.</summary>
internal static partial class NotificationLog
{
    [LoggerMessage(EventId = 1701, EventName = LogEventNames.NotifySent, Level = LogLevel.Debug,
        Message = "Sent {Count} notification(s) to {Channel}")]
    public static partial void Sent(this ILogger logger, string channel, int count);

    [LoggerMessage(EventId = 1702, EventName = LogEventNames.NotifyFailed, Level = LogLevel.Warning,
        Message = "Notification to {Channel} failed, {Count} notification(s) not delivered: {Reason}")]
    public static partial void Failed(this ILogger logger, string channel, int count, string reason);

    [LoggerMessage(EventId = 1703, EventName = LogEventNames.NotifyRateLimited, Level = LogLevel.Information,
        Message = "{Channel} asked to wait {RetryAfter}; {Count} notification(s) held for the next message")]
    public static partial void RateLimited(this ILogger logger, string channel, TimeSpan retryAfter, int count);

    [LoggerMessage(EventId = 1704, EventName = LogEventNames.NotifyDropped, Level = LogLevel.Warning,
        Message = "{Count} notification(s) dropped: {Reason}")]
    public static partial void Dropped(this ILogger logger, long count, string reason);

    [LoggerMessage(EventId = 1705, EventName = LogEventNames.NotifyDisabled, Level = LogLevel.Warning,
        Message = "{Channel} notifications are enabled in the configuration but stay off: {Reason}")]
    public static partial void Disabled(this ILogger logger, string channel, string reason);
}
