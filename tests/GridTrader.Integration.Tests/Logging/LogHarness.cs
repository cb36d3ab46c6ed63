using GridTrader.Integration.Tests.Support;
using GridTrader.Logging;
using GridTrader.Logging.Export;
using Microsoft.Extensions.Logging;

namespace GridTrader.Integration.Tests.Logging;

/// <summary>A real <see cref="LoggingSetup"/> writing to a temp data directory, and the records it wrote.</summary>
internal sealed class LogHarness : IDisposable
{
    private readonly TempDirectory _dir = new();
    private bool _closed;

    public LogHarness(IEnumerable<string>? secrets = null) =>
        Setup = LoggingSetup.Create(_dir.Path, secrets ?? [], new LoggingSetupOptions { ConsoleLevel = null });

    public LoggingSetup Setup { get; }

    public string DataDirectory => _dir.Path;

    public ILogger Logger(string category = "GridTrader.Tests") => Setup.LoggerFactory.CreateLogger(category);

    /// <summary>Closes the log (flushing it) and reads back every record.</summary>
    public IReadOnlyList<LogRecord> Records()
    {
        Close();
        return [.. new LogFileReader(Setup.LogDirectory).Read(new LogFilter())];
    }

    /// <summary>Closes the log and returns the raw text of every file.</summary>
    public string RawText()
    {
        Close();
        return string.Concat(Directory.EnumerateFiles(Setup.LogDirectory).Select(File.ReadAllText));
    }

    public void Close()
    {
        if (_closed) return;
        _closed = true;
        Setup.Dispose();
    }

    public void Dispose()
    {
        Close();
        _dir.Dispose();
    }
}
