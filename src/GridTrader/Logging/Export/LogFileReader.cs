using System.Globalization;

namespace GridTrader.Logging.Export;

/// <summary>
/// Reads the JSONL files of a log directory in time order. Files still being written are opened shared; lines that are
/// not log events (a torn last line, hand edits) are skipped and counted in <see cref="MalformedLines"/>.
/// </summary>
public sealed class LogFileReader(string logDirectory)
{
    public int MalformedLines { get; private set; }

    /// <summary>The log files, oldest first (names sort by date, then by the <c>_001</c> roll-over suffix).</summary>
    public IReadOnlyList<string> Files() =>
        [.. Directory.EnumerateFiles(logDirectory, LoggingSetup.FilePrefix + "*" + LoggingSetup.FileExtension).Order(StringComparer.Ordinal)];

    public IEnumerable<LogRecord> Read(LogFilter filter)
    {
        foreach (var file in Files())
        {
            if (DateOf(file) is { } date && !filter.MayContain(date)) continue;
            foreach (var record in ReadFile(file))
            {
                if (filter.Matches(record)) yield return record;
            }
        }
    }

    private IEnumerable<LogRecord> ReadFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            if (LogRecord.TryParse(line) is { } record) yield return record;
            else MalformedLines++;
        }
    }

    private static DateOnly? DateOf(string path)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        if (name.Length < LoggingSetup.FilePrefix.Length + 8) return null;
        return DateOnly.TryParseExact(name.AsSpan(LoggingSetup.FilePrefix.Length, 8), "yyyyMMdd", CultureInfo.InvariantCulture,
            DateTimeStyles.None, out var date)
            ? date
            : null;
    }
}
