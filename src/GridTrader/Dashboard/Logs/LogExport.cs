using GridTrader.Csv;

namespace GridTrader.Dashboard.Logs;

/// <summary>The Logs tab's CSV download (time, level, event, market, message), written by <see cref="CsvWriter"/>.</summary>
internal static class LogCsv
{
    public static readonly IReadOnlyList<string> Columns = ["time", "level", "event", "market", "message"];

    public static string Write(IEnumerable<LogEntry> entries) =>
        CsvWriter.Write(Columns, entries.Select(e => (IReadOnlyList<string?>)[CsvWriter.Time(e.Time), e.Level, e.Event, e.Market, e.Message]));
}
