using GridTrader.Logging.Export;

namespace GridTrader.Dashboard.Logs;

/// <summary>
/// The Logs tab's source: the structured log files when the bot writes them, otherwise the engine's recent events
/// (the same events, without the files' extra detail). <see cref="LogsDocument.Source"/> says which one answered, as
/// the two number their entries separately.
/// </summary>
internal static class LogsQuery
{
    public const string FilesSource = "log files";
    public const string EngineSource = "engine events";

    public static LogsDocument Tail(DashboardData data, LogFilter filter, long after, int limit)
    {
        var (source, all) = Buffered(data);
        var last = all.Count > 0 ? all[^1].Seq : 0;
        var events = all.Select(e => e.Event).Where(e => e.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var entries = all.Where(e => e.Seq > after && filter.Matches(e)).TakeLast(limit).ToList();
        return new LogsDocument(source, last, events, entries);
    }

    /// <summary>Everything that matches: every log file when there are files, else the events still in memory.</summary>
    public static IEnumerable<LogEntry> Export(DashboardData data, LogFilter filter) =>
        data.LogFiles.HasFiles ? FromFiles(data.LogFiles.Directory, filter) : Buffered(data).Entries.Where(filter.Matches);

    /// <summary>Every log file read the way <c>logs export</c> reads them, numbered in file order.</summary>
    private static IEnumerable<LogEntry> FromFiles(string directory, LogFilter filter)
    {
        long seq = 0;
        foreach (var record in new LogFileReader(directory).Read(filter)) yield return CompactJsonLine.From(record, ++seq);
    }

    private static (string Source, IReadOnlyList<LogEntry> Entries) Buffered(DashboardData data) =>
        data.LogFiles.HasFiles
            ? (FilesSource, data.LogFiles.Read(0))
            : (EngineSource, data.Runtime.Events.Events().Select(LogEntry.FromEngine).ToList());
}
