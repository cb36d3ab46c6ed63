using System.Globalization;
using System.Text;
using GridTrader.Engine.Live;

namespace GridTrader.Control;

/// <summary>What the engine side of Telegram control needs: the snapshot, the command path and the journal.</summary>
internal interface IBotControl
{
    EngineSnapshot? Snapshot { get; }

    /// <summary>Runs <paramref name="command"/> on the engine loop (as the dashboard's control endpoints do) and returns its result.</summary>
    Task<string> SendAsync(EngineCommand command, CancellationToken ct);

    Task JournalAsync(string name, string? market, string message, CancellationToken ct);
}

/// <summary>
/// The Telegram commands, as Freqtrade users know them: <c>/status</c>, <c>/profit</c>, <c>/orders</c>, <c>/pause [market]</c>,
/// <c>/resume [market]</c>, <c>/kill</c> then <c>/confirm</c> within a minute, <c>/help</c>. Answers only the allowed chats
/// (any other chat is ignored, without an answer) and journals every command, refused ones included. Replies are plain text.
/// </summary>
internal sealed class TelegramCommands(IBotControl bot, IReadOnlySet<long> allowedChats, TimeProvider time)
{
    public const string JournalCommand = "telegram.command";
    public const string JournalRefused = "telegram.refused";

    /// <summary>How long a <c>/kill</c> waits for its <c>/confirm</c>.</summary>
    public static readonly TimeSpan ConfirmWindow = TimeSpan.FromSeconds(60);

    private const int MaxOrdersListed = 30;

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    private readonly Dictionary<long, DateTimeOffset> _pendingKills = [];

    public static string Help =>
        "GridTrader commands:\n/status – state, equity, markets\n/profit – realized and unrealized P&L, fees\n/orders – open orders\n" +
        "/pause [market] – pause one market or all\n/resume [market] – resume one market or the bot\n/kill – engage the kill-switch (asks to /confirm)";

    /// <summary>Handles one message; returns the reply, or null when the chat is not allowed (nothing is answered).</summary>
    public async Task<string?> HandleAsync(long chatId, string? text, CancellationToken ct)
    {
        var (command, argument) = Parse(text);
        if (command is null) return null;
        if (!allowedChats.Contains(chatId))
        {
            // The text itself is not kept: an unknown chat may send anything.
            await bot.JournalAsync(JournalRefused, null, $"chat {chatId.ToString(C)}: {command} ignored (not a control chat)", ct);
            return null;
        }

        var (reply, market) = await ExecuteAsync(chatId, command, argument, ct);
        var firstLine = reply.Split('\n', 2)[0];
        await bot.JournalAsync(JournalCommand, market, $"chat {chatId.ToString(C)}: {command}{(argument is null ? "" : " " + argument)} → {firstLine}", ct);
        return reply;
    }

    private async Task<(string Reply, string? Market)> ExecuteAsync(long chatId, string command, string? argument, CancellationToken ct)
    {
        var who = $"Telegram chat {chatId.ToString(C)}";
        switch (command)
        {
            case "/start":
            case "/help":
                return (Help, null);
            case "/status":
                return (bot.Snapshot is { } s ? Status(s) : Starting, null);
            case "/profit":
                return (bot.Snapshot is { } p ? Profit(p) : Starting, null);
            case "/orders":
                return (bot.Snapshot is { } o ? Orders(o) : Starting, null);
            case "/pause":
            {
                if (argument is null) return (await SendAsync(new PauseCommand(null, $"paused from {who}"), ct), null);
                return Market(argument) is { } market
                    ? (await SendAsync(new PauseCommand(market, $"paused from {who}"), ct), market)
                    : (UnknownMarket(argument), null);
            }

            case "/resume":
            {
                if (argument is null) return (await SendAsync(new ResumeCommand($"resumed from {who}"), ct), null);
                return Market(argument) is { } market
                    ? (await SendAsync(new ResumeMarketCommand(market, $"resumed from {who}"), ct), market)
                    : (UnknownMarket(argument), null);
            }

            case "/kill":
                _pendingKills[chatId] = time.GetUtcNow() + ConfirmWindow;
                return ("Engage the kill-switch? It cancels every open order and halts trading until someone resumes. " +
                    $"Send /confirm within {ConfirmWindow.TotalSeconds.ToString(C)} seconds.", null);
            case "/confirm":
                if (!_pendingKills.Remove(chatId, out var until) || time.GetUtcNow() > until)
                    return ("Nothing to confirm: send /kill first.", null);
                return (await SendAsync(new KillCommand($"kill-switch from {who}"), ct), null);
            default:
                return ($"Unknown command {command}. /help lists them.", null);
        }
    }

    private async Task<string> SendAsync(EngineCommand command, CancellationToken ct)
    {
        try
        {
            var result = await bot.SendAsync(command, ct);
            return bot.Snapshot is { } s ? $"{result}. State {s.State.ToString().ToUpperInvariant()}." : result + ".";
        }
        catch (InvalidOperationException ex)
        {
            return "Refused: " + ex.Message;
        }
    }

    private string? Market(string argument) =>
        bot.Snapshot?.Markets.FirstOrDefault(m => m.Symbol.Equals(argument.Trim(), StringComparison.OrdinalIgnoreCase))?.Symbol;

    private string UnknownMarket(string argument) =>
        $"Unknown market '{argument}'. Markets: {string.Join(", ", bot.Snapshot?.Markets.Select(m => m.Symbol) ?? [])}.";

    private const string Starting = "The engine is starting; ask again in a moment.";

    private static string Status(EngineSnapshot s)
    {
        var text = new StringBuilder();
        text.Append(C, $"{s.State.ToString().ToUpperInvariant()} · {s.Mode} on {s.Exchange}\n");
        text.Append(C, $"Equity {Money(s.Equity)} (peak {Money(s.PeakEquity)}, drawdown {s.DrawdownPct:0.##} %)\n");
        text.Append(C, $"Kill-switch: {(s.KillSwitchEngaged ? "ENGAGED – " + s.KillReason : "off")} · all paused: {(s.GloballyPaused ? "yes" : "no")}\n");
        foreach (var m in s.Markets)
        {
            text.Append(C, $"{m.Symbol} {Money(m.LastPrice)} · {m.Phase} · trend {m.Trend.ToString().ToUpperInvariant()} · {m.OpenOrders} open · ");
            text.Append(C, $"position {m.Position} · {(m.Paused ? "PAUSED" : "trading")}{(m.CircuitBreakerOpen ? " · BREAKER OPEN" : "")}\n");
        }

        return text.ToString().TrimEnd();
    }

    private static string Profit(EngineSnapshot s)
    {
        var text = new StringBuilder();
        var unrealized = s.Markets.Sum(m => m.UnrealizedPnl);
        text.Append(C, $"Realized P&L {Signed(s.RealizedPnl)} · fees {Money(s.Fees)} · unrealized {Signed(unrealized)}\n");
        text.Append(C, $"Equity {Money(s.Equity)} · round trips {s.Markets.Sum(m => m.RoundTrips)}\n");
        foreach (var m in s.Markets)
            text.Append(C, $"{m.Symbol}: realized {Signed(m.RealizedPnl)}, fees {Money(m.Fees)}, unrealized {Signed(m.UnrealizedPnl)}, {m.RoundTrips} round trip(s)\n");
        return text.ToString().TrimEnd();
    }

    private static string Orders(EngineSnapshot s)
    {
        if (s.OpenOrders.Count == 0) return "No open orders.";
        var text = new StringBuilder();
        text.Append(C, $"{s.OpenOrders.Count} open order(s):\n");
        foreach (var o in s.OpenOrders.Take(MaxOrdersListed))
            text.Append(C, $"{o.Market} {o.Side} {o.Amount} @ {Money(o.Price)} L{o.Level} {o.State}{(o.Filled > 0 ? $" (filled {o.Filled})" : "")}\n");
        if (s.OpenOrders.Count > MaxOrdersListed) text.Append(C, $"… and {s.OpenOrders.Count - MaxOrdersListed} more (see the dashboard).");
        return text.ToString().TrimEnd();
    }

    private static string Money(decimal value) => value.ToString("#,0.00", C);

    private static string Signed(decimal value) => (value > 0 ? "+" : "") + Money(value);

    /// <summary>The command word (lower case, a <c>@botname</c> suffix removed) and the rest; null for a message that is no command.</summary>
    internal static (string? Command, string? Argument) Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return (null, null);
        var trimmed = text.Trim();
        if (!trimmed.StartsWith('/')) return (null, null);
        var parts = trimmed.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
        var word = parts[0];
        var at = word.IndexOf('@', StringComparison.Ordinal);
        if (at > 0) word = word[..at];
        var argument = parts.Length > 1 ? parts[1].Trim() : null;
        return (word.ToLowerInvariant(), string.IsNullOrEmpty(argument) ? null : argument);
    }
}
