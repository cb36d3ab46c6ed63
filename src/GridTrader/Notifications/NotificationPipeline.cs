using GridTrader.Configuration;
using GridTrader.Engine.Trading;
using GridTrader.Logging;

namespace GridTrader.Notifications;

/// <summary>
/// The notification channels built from the configuration and the secrets, the engine-facing observer that feeds them,
/// and the dispatcher that sends.
/// </summary>
/// <remarks>
/// Host wiring: add <see cref="Observer"/> to the engine's <see cref="CompositeEngineObserver"/>, and run
/// <see cref="Dispatcher"/> (<c>services.AddHostedService(_ =&gt; pipeline.Dispatcher)</c>, or <c>RunAsync(ct)</c> outside a host).
/// </remarks>
public sealed class NotificationPipeline
{
    private NotificationPipeline(NotificationOutbox queue, IReadOnlyList<INotifier> notifiers, IEngineObserver observer,
        NotificationDispatcher dispatcher)
    {
        Queue = queue;
        Notifiers = notifiers;
        Observer = observer;
        Dispatcher = dispatcher;
    }

    public NotificationOutbox Queue { get; }

    /// <summary>The channels that are on: enabled in the configuration and with their secret set.</summary>
    public IReadOnlyList<INotifier> Notifiers { get; }

    /// <summary>Never blocks or throws; ignores everything when no channel is on.</summary>
    public IEngineObserver Observer { get; }

    public NotificationDispatcher Dispatcher { get; }

    public bool IsEnabled => Notifiers.Count > 0;

    /// <param name="options">Channels, batching and rate limit.</param>
    /// <param name="secrets">The Telegram bot token and the Discord webhook URL.</param>
    /// <param name="http">Shared client for both channels; the caller owns it.</param>
    /// <param name="time">Clock for batching, rate limits and timeouts.</param>
    /// <param name="loggers">For <c>notify.*</c> events.</param>
    /// <param name="redactor">Masks secrets in message texts; defaults to one built from <paramref name="secrets"/>.</param>
    public static NotificationPipeline Create(NotificationOptions options, Secrets secrets, HttpClient http, TimeProvider time,
        ILoggerFactory loggers, SecretRedactor? redactor = null)
    {
        var logger = loggers.CreateLogger<NotificationDispatcher>();
        var notifiers = new List<INotifier>();
        if (options.Telegram.Enabled)
        {
            if (secrets.TelegramBotToken is not { } token) logger.Disabled("telegram", $"{Secrets.TelegramTokenVariable} is not set");
            else if (string.IsNullOrWhiteSpace(options.Telegram.ChatId)) logger.Disabled("telegram", "Notifications:Telegram:ChatId is empty");
            else
            {
                try
                {
                    notifiers.Add(new TelegramNotifier(token, options.Telegram.ChatId, options.Telegram.BaseUrl, http, time));
                }
                catch (ArgumentException ex)
                {
                    // The notifier has masked the token in the message.
                    logger.Disabled("telegram", ex.Message);
                }
            }
        }

        if (options.Discord.Enabled)
        {
            if (secrets.DiscordWebhookUrl is not { } url) logger.Disabled("discord", $"{Secrets.DiscordWebhookVariable} is not set");
            else if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
                logger.Disabled("discord", $"{Secrets.DiscordWebhookVariable} is not an http(s) URL");
            else notifiers.Add(new DiscordNotifier(url, http, time));
        }

        var queue = new NotificationOutbox();
        var observer = notifiers.Count > 0
            ? new NotificationObserver(queue, time, redactor ?? new SecretRedactor(secrets.Values()))
            : (IEngineObserver)NullEngineObserver.Instance;
        var dispatcher = new NotificationDispatcher(queue, notifiers, options, time, loggers.CreateLogger<NotificationDispatcher>());
        return new NotificationPipeline(queue, notifiers, observer, dispatcher);
    }
}
