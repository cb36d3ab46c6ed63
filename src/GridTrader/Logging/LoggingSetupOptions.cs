using Serilog.Events;

namespace GridTrader.Logging;

/// <summary>Levels and retention of the structured log.</summary>
public sealed class LoggingSetupOptions
{
    /// <summary>Lowest level written to the JSONL files.</summary>
    public LogEventLevel FileLevel { get; init; } = LogEventLevel.Debug;

    /// <summary>Lowest level shown on the console; null turns the console sink off.</summary>
    public LogEventLevel? ConsoleLevel { get; init; } = LogEventLevel.Information;

    /// <summary>Daily files kept; older ones are deleted.</summary>
    public int RetainedFiles { get; init; } = 31;

    /// <summary>A day's file rolls over to <c>_001</c>, <c>_002</c>… past this size.</summary>
    public long FileSizeLimitBytes { get; init; } = 100L * 1024 * 1024;

    /// <summary>
    /// Where the console's events go instead of standard error (still folded), e.g. the live panel of <c>run</c> in a
    /// terminal; null writes lines to standard error.
    /// </summary>
    public Serilog.Core.ILogEventSink? ConsoleSink { get; init; }

    /// <summary>The clock that times the console's folding of repeated warnings.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
