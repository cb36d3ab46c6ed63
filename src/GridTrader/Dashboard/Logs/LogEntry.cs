using GridTrader.Hosting;
using GridTrader.Logging.Export;

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

/// <summary>The Logs tab applies the same <see cref="LogFilter"/> as <c>logs export</c>.</summary>
internal static class LogEntryFilter
{
    public static bool Matches(this LogFilter filter, LogEntry entry) => filter.Matches(entry.Time, entry.Level, entry.Event, entry.Market);
}
