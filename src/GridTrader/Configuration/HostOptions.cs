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

    /// <summary>
    /// Certificate for an <c>https://</c> URL: a PEM certificate (with <see cref="CertificateKeyFile"/>) or a PKCS#12
    /// file (<c>.pfx</c>/<c>.p12</c>) without a password. Required to bind beyond loopback unless <see cref="AllowInsecureRemote"/>.
    /// </summary>
    public string CertificateFile { get; set; } = "";

    /// <summary>The PEM private key of <see cref="CertificateFile"/> (unencrypted; keep it readable by the bot's user only).</summary>
    public string CertificateKeyFile { get; set; } = "";

    /// <summary>
    /// Declares a reverse proxy that terminates TLS in front of the dashboard: allows plain HTTP beyond loopback, accepts
    /// the host name the proxy forwards (also on a loopback URL), and makes every data request need the dashboard token.
    /// </summary>
    public bool AllowInsecureRemote { get; set; }

    /// <summary>Engine time between two stored points of the equity and P&amp;L history.</summary>
    public double HistorySampleSeconds { get; set; } = 60;

    /// <summary>Most history points kept in the database; beyond that older points are thinned (every other one dropped).</summary>
    public int HistoryMaxSamples { get; set; } = 20_000;
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

    /// <summary>Answers commands (<c>/status</c>, <c>/pause</c>, <c>/kill</c>, ...) sent to the bot in <see cref="ControlChatIds"/>.</summary>
    public bool ControlEnabled { get; set; }

    /// <summary>Chats whose commands are obeyed (numeric ids); empty means <see cref="ChatId"/> alone. Any other chat is ignored.</summary>
    public List<string> ControlChatIds { get; set; } = [];

    /// <summary>The chats commands are accepted from.</summary>
    public IReadOnlyList<string> EffectiveControlChatIds() =>
        ControlChatIds.Count > 0 ? [.. ControlChatIds.Select(c => c.Trim())] : string.IsNullOrWhiteSpace(ChatId) ? [] : [ChatId.Trim()];
}

public sealed class DiscordOptions
{
    public bool Enabled { get; set; }
}
