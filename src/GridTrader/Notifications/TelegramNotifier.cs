using GridTrader.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace GridTrader.Notifications;

/// <summary>
/// Sends plain-text messages to one Telegram chat through the Bot API. The bot token is part of every request URL, so
/// error texts are masked before they leave this class.
/// </summary>
public sealed class TelegramNotifier : ChunkedNotifier
{
    /// <summary>Telegram's limit on a message's text.</summary>
    public const int MaxMessageLength = 4096;

    private readonly TelegramBotClient _client;
    private readonly ChatId _chatId;
    private readonly SecretRedactor _redactor;

    /// <param name="token">Bot token (a secret).</param>
    /// <param name="chatId">Numeric chat id or <c>@channelname</c>.</param>
    /// <param name="baseUrl">Bot API server, e.g. <c>https://api.telegram.org</c>.</param>
    /// <param name="http">The caller's client; not disposed here.</param>
    /// <param name="time">Clock for waits asked for by the server.</param>
    /// <exception cref="ArgumentException">The token, chat id or URL is malformed (the message never contains the token).</exception>
    public TelegramNotifier(string token, string chatId, string baseUrl, HttpClient http, TimeProvider time) : base(time)
    {
        _redactor = new SecretRedactor([token]);
        try
        {
            _chatId = new ChatId(chatId);
            // Waits on "Too Many Requests" are ours to schedule (with the injected clock), so the client never retries by itself.
            _client = new TelegramBotClient(new TelegramBotClientOptions(token, baseUrl) { RetryCount = 0 }, http);
        }
        catch (ArgumentException ex)
        {
            // Rethrown without the original: its message and parameter value may hold the token.
            throw new ArgumentException(_redactor.Redact(ex.Message));
        }
    }

    public override string Name => "telegram";

    protected override int MaxLength => MaxMessageLength;

    protected override async Task<NotifyResult> SendPartAsync(string part, CancellationToken ct)
    {
        try
        {
            await _client.SendMessage(_chatId, part, cancellationToken: ct);
            return NotifyResult.Sent;
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 429)
        {
            return NotifyResult.RetryLater(TimeSpan.FromSeconds(ex.Parameters?.RetryAfter ?? 1));
        }
        catch (RequestException ex) when (!ct.IsCancellationRequested)
        {
            return NotifyResult.Failed(_redactor.Redact(Describe(ex)));
        }
        catch (HttpRequestException ex) when (!ct.IsCancellationRequested)
        {
            return NotifyResult.Failed(_redactor.Redact(Describe(ex)));
        }
    }

    private static string Describe(Exception ex)
    {
        var text = ex is ApiRequestException api ? $"API error {api.ErrorCode}: {api.Message}"
            : ex is RequestException { HttpStatusCode: { } status } ? $"HTTP {(int)status}: {ex.Message}"
            : ex.Message;
        return ex.InnerException is { } inner ? $"{text} ({inner.Message})" : text;
    }
}
