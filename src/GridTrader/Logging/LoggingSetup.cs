using Serilog;
using Serilog.Configuration;
using Serilog.Core;
using Serilog.Events;
using GridTrader.Storage;
using Serilog.Extensions.Logging;
using Serilog.Sinks.File;

namespace GridTrader.Logging;

/// <summary>
/// The structured log: one JSON object per line (Serilog compact JSON, see <see cref="JsonLineFormatter"/>) in <c>&lt;dataDir&gt;/logs/gridtrader-&lt;yyyyMMdd&gt;.jsonl</c>,
/// rolled daily, plus a human console sink on standard error (standard output stays free for command results). Every
/// event carries <c>EventName</c>; every known secret is masked before any sink sees it.
/// </summary>
/// <remarks>
/// Host wiring: <c>builder.Logging.ClearProviders().AddProvider(setup.Provider)</c> (or use <see cref="LoggerFactory"/>
/// directly); dispose the setup last, after the host, so buffered events are flushed.
/// </remarks>
public sealed class LoggingSetup : IDisposable
{
    public const string LogsFolder = "logs";
    public const string FilePrefix = "gridtrader-";
    public const string FileExtension = ".jsonl";

    // One line per event on the console: an exception's details (stack trace) go to the file only.
    private const string ConsoleTemplate = "{Timestamp:HH:mm:ss} {Level:u3} {EventName,-22} {Message:lj}{NewLine}";

    private LoggingSetup(Logger logger, string logDirectory, SecretRedactor redactor)
    {
        Logger = logger;
        LogDirectory = logDirectory;
        Redactor = redactor;
        Provider = new SerilogLoggerProvider(logger, dispose: false);
        LoggerFactory = new SerilogLoggerFactory(logger, dispose: false);
    }

    /// <summary>The directory the JSONL files are written to.</summary>
    public string LogDirectory { get; }

    public Logger Logger { get; }

    /// <summary>For Microsoft.Extensions.Logging hosts: add it with <c>ILoggingBuilder.AddProvider</c>.</summary>
    public ILoggerProvider Provider { get; }

    /// <summary>For code that is not hosted (CLI commands, backtests).</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>The masking applied to the log; other outputs (notifications) reuse it.</summary>
    public SecretRedactor Redactor { get; }

    /// <summary>Builds the log under <paramref name="dataDirectory"/>; <paramref name="secrets"/> is usually <c>Secrets.Values()</c>.</summary>
    public static LoggingSetup Create(string dataDirectory, IEnumerable<string> secrets, LoggingSetupOptions? options = null)
    {
        options ??= new LoggingSetupOptions();
        var logDirectory = Path.GetFullPath(Path.Combine(dataDirectory, LogsFolder));
        PrivateFiles.CreateDirectory(logDirectory);
        var redactor = new SecretRedactor(secrets);
        var minimum = options.ConsoleLevel is { } c && c < options.FileLevel ? c : options.FileLevel;

        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(minimum)
            // Framework chatter stays out; the HTTP client category would also log request URLs (which may carry tokens).
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .MinimumLevel.Override("System", LogEventLevel.Warning)
            .Enrich.With<EventNameEnricher>();

        var sinks = LoggerSinkConfiguration.Wrap(sink => new RedactingSink(sink, redactor), sinks =>
        {
            sinks.File(new JsonLineFormatter(), Path.Combine(logDirectory, FilePrefix + FileExtension),
                restrictedToMinimumLevel: options.FileLevel,
                fileSizeLimitBytes: options.FileSizeLimitBytes,
                rollOnFileSizeLimit: true,
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: options.RetainedFiles,
                hooks: PrivateLogFiles.Instance);
            if (options.ConsoleLevel is { } consoleLevel)
            {
                // A warning repeated every poll is shown once, then counted per minute (the file keeps every event).
                var folded = LoggerSinkConfiguration.Wrap(console => new RepeatFoldingSink(console, options.Time), console =>
                {
                    if (options.ConsoleSink is { } sink) console.Sink(sink);
                    else console.Console(outputTemplate: ConsoleTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture,
                        standardErrorFromLevel: LogEventLevel.Verbose);
                });
                sinks.Sink(folded, consoleLevel);
            }
        });

        return new LoggingSetup(configuration.WriteTo.Sink(sinks).CreateLogger(), logDirectory, redactor);
    }

    /// <summary>Log files are readable by their owner only: they name orders, balances and account activity.</summary>
    private sealed class PrivateLogFiles : FileLifecycleHooks
    {
        public static PrivateLogFiles Instance { get; } = new();

        public override Stream OnFileOpened(string path, Stream underlyingStream, System.Text.Encoding encoding)
        {
            PrivateFiles.RestrictFile(path);
            return underlyingStream;
        }
    }

    public void Dispose()
    {
        LoggerFactory.Dispose();
        Provider.Dispose();
        Logger.Dispose();
    }
}
