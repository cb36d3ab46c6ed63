using System.Globalization;
using GridTrader.Engine.Live;
using GridTrader.Hosting;
using GridTrader.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace GridTrader.Control;

/// <summary>
/// Telegram control: long-polls the Bot API (<c>getUpdates</c>, at the configured base URL) for messages to the bot and
/// answers them through <see cref="TelegramCommands"/>. Commands reach the engine through its command queue
/// (<see cref="LiveEngine.SendAsync"/>), like the dashboard's buttons. Messages older than a minute when the bot starts
/// are skipped: a <c>/kill</c> typed hours ago is not executed now. The token is in every request URL, so every error
/// text is masked before it is logged.
/// </summary>
internal sealed partial class TelegramControl : IDisposable
{
    private static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan ErrorBackoff = TimeSpan.FromSeconds(5);

    private readonly TelegramBotClient _client;
    private readonly HttpClient _http;
    private readonly TelegramCommands _commands;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SecretRedactor _redactor;
    private readonly int _pollSeconds;

    internal TelegramControl(string token, string baseUrl, IReadOnlySet<long> chats, IBotControl bot, TimeProvider time, ILogger logger,
        int pollSeconds = 25)
    {
        _redactor = new SecretRedactor([token]);
        _time = time;
        _logger = logger;
        _pollSeconds = pollSeconds;
        // Long polls wait up to pollSeconds at the server; the client allows for that and a slow answer.
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(pollSeconds + 30) };
        try
        {
            _client = new TelegramBotClient(new TelegramBotClientOptions(token, baseUrl) { RetryCount = 0 }, _http);
        }
        catch (ArgumentException ex)
        {
            _http.Dispose();
            throw new ArgumentException(_redactor.Redact(ex.Message));
        }

        _commands = new TelegramCommands(bot, chats, time);
    }

    /// <summary>The control for <paramref name="runtime"/>, or null when it is off or cannot work (the reason is logged).</summary>
    public static TelegramControl? Create(BotRuntime runtime)
    {
        var options = runtime.Config.Host.Notifications.Telegram;
        if (!options.ControlEnabled) return null;
        var logger = runtime.LoggerFactory.CreateLogger("GridTrader.Control");
        if (runtime.Config.Secrets.TelegramBotToken is not { } token)
        {
            Disabled(logger, $"{Configuration.Secrets.TelegramTokenVariable} is not set");
            return null;
        }

        var chats = options.EffectiveControlChatIds().Select(c => long.Parse(c, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)).ToHashSet();
        try
        {
            return new TelegramControl(token, options.BaseUrl, chats, new RuntimeControl(runtime), TimeProvider.System, logger);
        }
        catch (ArgumentException ex)
        {
            Disabled(logger, ex.Message);
            return null;
        }
    }

    /// <summary>Polls and answers until cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var startedAt = _time.GetUtcNow();
        int? offset = null;
        Started(_logger);
        while (!ct.IsCancellationRequested)
        {
            Update[] updates;
            try
            {
                updates = await _client.GetUpdates(offset, limit: 50, timeout: _pollSeconds, allowedUpdates: [UpdateType.Message], cancellationToken: ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is RequestException or HttpRequestException or OperationCanceledException)
            {
                PollFailed(_logger, _redactor.Redact(ex.Message));
                try
                {
                    await Task.Delay(ErrorBackoff, _time, ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            foreach (var update in updates)
            {
                offset = update.Id + 1;
                if (update.Message is not { Text: { } text } message) continue;
                if (new DateTimeOffset(DateTime.SpecifyKind(message.Date, DateTimeKind.Utc)) < startedAt - StaleAfter) continue;
                await AnswerAsync(message.Chat.Id, text, ct);
            }
        }
    }

    private async Task AnswerAsync(long chatId, string text, CancellationToken ct)
    {
        // Chatter that is no command is not answered, from any chat.
        if (TelegramCommands.Parse(text).Command is null) return;
        string? reply;
        try
        {
            reply = await _commands.HandleAsync(chatId, text, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A failed journal write or command must not end the control loop.
            CommandFailed(_logger, chatId, _redactor.Redact(ex.Message));
            reply = "The command failed: " + _redactor.Redact(ex.Message);
        }

        if (reply is null)
        {
            Refused(_logger, chatId);
            return;
        }

        try
        {
            await _client.SendMessage(chatId, reply, cancellationToken: ct);
        }
        catch (Exception ex) when (ex is RequestException or HttpRequestException)
        {
            ReplyFailed(_logger, chatId, _redactor.Redact(ex.Message));
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>The running bot as Telegram control sees it.</summary>
    private sealed class RuntimeControl(BotRuntime runtime) : IBotControl
    {
        private static readonly TimeSpan CommandWait = TimeSpan.FromSeconds(30);

        public EngineSnapshot? Snapshot => runtime.Engine.Snapshot;

        public async Task<string> SendAsync(EngineCommand command, CancellationToken ct)
        {
            var task = runtime.Engine.SendAsync(command);
            var finished = await Task.WhenAny(task, Task.Delay(CommandWait, TimeProvider.System, ct));
            return finished == task ? await task : "queued; still running";
        }

        public Task JournalAsync(string name, string? market, string message, CancellationToken ct) =>
            runtime.Store.AppendJournalAsync(name, market, message, TimeProvider.System.GetUtcNow(), ct).AsTask();
    }

    [LoggerMessage(EventId = 1810, EventName = "telegram.control_disabled", Level = LogLevel.Warning, Message = "Telegram control is off: {Reason}.")]
    private static partial void Disabled(ILogger logger, string reason);

    [LoggerMessage(EventId = 1811, EventName = "telegram.control_started", Level = LogLevel.Information, Message = "Telegram control is listening for commands.")]
    private static partial void Started(ILogger logger);

    [LoggerMessage(EventId = 1812, EventName = "telegram.poll_failed", Level = LogLevel.Warning, Message = "Telegram getUpdates failed: {Reason}; trying again shortly.")]
    private static partial void PollFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = 1813, EventName = "telegram.refused", Level = LogLevel.Warning, Message = "Ignored a command from chat {ChatId}: not a control chat.")]
    private static partial void Refused(ILogger logger, long chatId);

    [LoggerMessage(EventId = 1814, EventName = "telegram.reply_failed", Level = LogLevel.Warning, Message = "Could not answer chat {ChatId}: {Reason}.")]
    private static partial void ReplyFailed(ILogger logger, long chatId, string reason);

    [LoggerMessage(EventId = 1815, EventName = "telegram.command_failed", Level = LogLevel.Error, Message = "A command from chat {ChatId} failed: {Reason}.")]
    private static partial void CommandFailed(ILogger logger, long chatId, string reason);
}
