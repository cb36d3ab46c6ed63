using GridTrader.Hosting;

namespace GridTrader.Dashboard.Logs;

/// <summary>One line of the Logs tab: from the structured log files, or from the engine's recent events when there are none.</summary>
internal sealed record LogEntry(long Seq, DateTimeOffset Time, string Level, string Event, string? Market, string Message)
{
    /// <summary>
    /// Engine events carry no level of their own: refusals, exchange failures, kills and tripped limits are warnings,
    /// the rest is information.
    /// </summary>
    public static LogEntry FromEngine(EngineEventView e) => new(e.Seq, e.Time, LevelOf(e.Name), e.Name, e.Market, e.Message);

    private static string LevelOf(string name) =>
        name is "risk.rejected" or "exchange.error" or "order.rejected" or "order.unknown" or "grid.plan_failed"
        || name.StartsWith("kill.", StringComparison.Ordinal) || name.StartsWith("circuit.", StringComparison.Ordinal)
        || name.StartsWith("drawdown.", StringComparison.Ordinal)
            ? "Warning"
            : "Information";
}

/// <summary><c>GET /api/logs</c>: entries after the cursor, oldest first, and the cursor to ask from next time.</summary>
internal sealed record LogsDocument(string Source, long LastSeq, IReadOnlyList<string> Events, IReadOnlyList<LogEntry> Entries);

/// <summary>The Logs tab's filters: minimum level, event name (exact, or a prefix such as <c>order</c>), market.</summary>
internal sealed record LogFilter(string? Level, string? Event, string? Market)
{
    private static readonly string[] Levels = ["Verbose", "Debug", "Information", "Warning", "Error", "Fatal"];

    public bool Matches(LogEntry e) =>
        (Level is null || Rank(e.Level) >= Rank(Level))
        && (string.IsNullOrWhiteSpace(Event) || EventMatches(e.Event, Event.Trim()))
        && (string.IsNullOrWhiteSpace(Market) || string.Equals(e.Market, Market.Trim(), StringComparison.OrdinalIgnoreCase));

    private static bool EventMatches(string name, string filter) =>
        name.Equals(filter, StringComparison.OrdinalIgnoreCase)
        || name.StartsWith(filter.TrimEnd('.', '*') + ".", StringComparison.OrdinalIgnoreCase);

    /// <summary>Serilog level names and their short forms (<c>info</c>, <c>warn</c>, <c>err</c>) rank by severity.</summary>
    public static int Rank(string level)
    {
        for (var i = 0; i < Levels.Length; i++)
        {
            if (Levels[i].StartsWith(level.Trim()[..Math.Min(3, level.Trim().Length)], StringComparison.OrdinalIgnoreCase)) return i;
        }

        return Array.IndexOf(Levels, "Information");
    }
}
