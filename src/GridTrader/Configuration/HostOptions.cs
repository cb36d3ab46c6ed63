namespace GridTrader.Configuration;

/// <summary>
/// The host's sections of the configuration file (<c>GridTrader:Dashboard</c>, <c>GridTrader:Notifications</c>): how the
/// bot is watched and reached, not how it trades. Bound by <see cref="ConfigLoader"/> beside the domain options.
/// </summary>
public sealed class HostOptions
{
    public DashboardOptions Dashboard { get; set; } = new();
    public NotificationOptions Notifications { get; set; } = new();
}

public sealed class DashboardOptions
{
    public bool Enabled { get; set; } = true;
    public string Url { get; set; } = "http://127.0.0.1:5080";
}

public sealed class NotificationOptions
{
    public TelegramOptions Telegram { get; set; } = new();
    public DiscordOptions Discord { get; set; } = new();

    /// <summary>Messages within this window are batched into one.</summary>
    public double BatchSeconds { get; set; } = 10;

    /// <summary>At most this many messages per minute per channel.</summary>
    public int MaxPerMinute { get; set; } = 10;
}

public sealed class TelegramOptions
{
    public bool Enabled { get; set; }
    public string BaseUrl { get; set; } = "https://api.telegram.org";
    public string ChatId { get; set; } = "";
}

public sealed class DiscordOptions
{
    public bool Enabled { get; set; }
}
