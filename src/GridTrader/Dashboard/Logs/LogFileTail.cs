using System.Text;

namespace GridTrader.Dashboard.Logs;

/// <summary>
/// Follows the structured log files (<c>&lt;dataDir&gt;/logs/*.jsonl</c>) like <c>tail -f</c>: remembers the file and
/// byte offset it reached, reads only complete new lines on each call, moves on to newer files (daily and size
/// roll-overs sort after the current one) and keeps the latest entries in a bounded buffer with increasing sequence
/// numbers, which are the Logs tab's cursor. Files are opened shared, so the bot can keep writing.
/// </summary>
internal sealed class LogFileTail(string directory, int capacity)
{
    public const string Pattern = "*.jsonl";

    /// <summary>On first sight of a log only its end is read: the tab shows a tail, not the whole history.</summary>
    private const long InitialTailBytes = 512 * 1024;

    private readonly Lock _lock = new();
    private readonly Queue<LogEntry> _entries = new();
    private long _seq;
    private string? _file;
    private long _offset;
    private bool _skipPartialLine;

    public string Directory => directory;

    /// <summary>True when the log directory holds at least one log file.</summary>
    public bool HasFiles => System.IO.Directory.Exists(directory) && System.IO.Directory.EnumerateFiles(directory, Pattern).Any();

    /// <summary>Reads what was appended since the last call; returns every buffered entry after <paramref name="afterSeq"/>.</summary>
    public IReadOnlyList<LogEntry> Read(long afterSeq)
    {
        lock (_lock)
        {
            Poll();
            return [.. _entries.Where(e => e.Seq > afterSeq)];
        }
    }

    private List<string> Files() =>
        System.IO.Directory.Exists(directory) ? [.. System.IO.Directory.EnumerateFiles(directory, Pattern).Order(StringComparer.Ordinal)] : [];

    private void Poll()
    {
        var files = Files();
        if (files.Count == 0) return;
        if (_file is null)
        {
            _file = files[^1];
            _offset = Math.Max(0, new FileInfo(_file).Length - InitialTailBytes);
            _skipPartialLine = _offset > 0;
        }

        foreach (var file in files.Where(f => string.CompareOrdinal(f, _file) >= 0))
        {
            if (file != _file)
            {
                _file = file;
                _offset = 0;
                _skipPartialLine = false;
            }

            ReadNewLines(file);
        }
    }

    private void ReadNewLines(string file)
    {
        FileStream stream;
        try
        {
            stream = OpenShared(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return; // rotated away or not readable right now: try again on the next call
        }

        using (stream)
        {
            // A shorter file was truncated or replaced: start it over.
            if (stream.Length < _offset) _offset = 0;
            stream.Seek(_offset, SeekOrigin.Begin);
            var buffer = new byte[64 * 1024];
            var pending = new List<byte>();
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                var start = 0;
                for (var i = 0; i < read; i++)
                {
                    if (buffer[i] != (byte)'\n') continue;
                    pending.AddRange(buffer.AsSpan(start, i - start));
                    _offset += pending.Count + 1;
                    Accept(pending);
                    pending.Clear();
                    start = i + 1;
                }

                // A line still being written stays unread until its newline arrives.
                pending.AddRange(buffer.AsSpan(start, read - start));
            }
        }
    }

    private void Accept(List<byte> bytes)
    {
        if (_skipPartialLine)
        {
            _skipPartialLine = false;
            return;
        }

        if (CompactJsonLine.TryParse(Encoding.UTF8.GetString([.. bytes]), _seq + 1) is not { } entry) return;
        _seq++;
        _entries.Enqueue(entry);
        while (_entries.Count > capacity) _entries.Dequeue();
    }

    private static FileStream OpenShared(string file) =>
        new(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
}
