namespace GridTrader.Notifications;

/// <summary>One short human message about something the engine did, stamped with the time it happened.</summary>
public sealed record Notification(DateTimeOffset Time, string Text);
