using GridTrader.Logging.Export;

namespace GridTrader.Dashboard.Logs;

/// <summary>
/// One line of the structured log as the Logs tab shows it: parsed by the same <see cref="LogRecord"/> the
/// <c>logs export</c> command uses, with the first line of an exception appended to the message. Anything that is not
/// a log event is skipped rather than failing the tail.
/// </summary>
internal static class CompactJsonLine
{
    public static LogEntry? TryParse(string line, long seq)
    {
        if (string.IsNullOrWhiteSpace(line) || LogRecord.TryParse(line) is not { } record) return null;
        return From(record, seq);
    }

    public static LogEntry From(LogRecord record, long seq)
    {
        var message = record.Exception is { Length: > 0 } exception
            ? record.Message + " — " + exception.Split('\n', 2)[0].Trim()
            : record.Message;
        return new LogEntry(seq, record.Time.ToUniversalTime(), record.Level, record.Event, record.Market, message);
    }
}
