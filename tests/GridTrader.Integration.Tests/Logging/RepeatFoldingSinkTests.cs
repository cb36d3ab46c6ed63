using System.Globalization;
using GridTrader.Logging;
using Microsoft.Extensions.Time.Testing;
using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace GridTrader.Integration.Tests.Logging;

/// <summary>A warning repeated every poll reaches the console once, then once a minute with its count.</summary>
public sealed class RepeatFoldingSinkTests
{
    private static readonly MessageTemplate ErrorTemplate =
        new MessageTemplateParser().Parse("Exchange error during {Operation} on {Market}: {Reason} (HTTP {HttpStatus}) {Detail}");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly Capture _console = new();

    private sealed class Capture : ILogEventSink
    {
        public List<LogEvent> Events { get; } = [];

        public List<string> Lines => Events.Select(e => e.RenderMessage(CultureInfo.InvariantCulture)).ToList();

        public void Emit(LogEvent logEvent) => Events.Add(logEvent);
    }

    private LogEvent Warning(string market = "BTCNOK", string operation = "balances", int status = 401, LogEventLevel level = LogEventLevel.Warning) =>
        new(_time.GetUtcNow(), level, null, ErrorTemplate,
        [
            new LogEventProperty("EventName", new ScalarValue(LogEventNames.ExchangeError)),
            new LogEventProperty("Operation", new ScalarValue(operation)),
            new LogEventProperty("Market", new ScalarValue(market)),
            new LogEventProperty("Reason", new ScalarValue("Unauthorized")),
            new LogEventProperty("HttpStatus", new ScalarValue(status)),
            new LogEventProperty("Detail", new ScalarValue($"request {_time.GetUtcNow().ToUnixTimeMilliseconds()} refused")),
        ]);

    /// <summary>One warning every half second for <paramref name="duration"/>, as a 401 loop would log it.</summary>
    private void EveryHalfSecond(RepeatFoldingSink sink, TimeSpan duration, Func<LogEvent>? make = null)
    {
        for (var t = TimeSpan.Zero; t < duration; t += TimeSpan.FromMilliseconds(500))
        {
            sink.Emit((make ?? (() => Warning()))());
            _time.Advance(TimeSpan.FromMilliseconds(500));
        }
    }

    [Fact]
    public void Emit_SameWarningEveryPollForAMinute_FirstAtOnceThenOneLineWithTheCount()
    {
        using var sink = new RepeatFoldingSink(_console, _time);

        EveryHalfSecond(sink, TimeSpan.FromMinutes(1));

        Assert.Equal(2, _console.Events.Count);
        Assert.StartsWith("Exchange error during \"balances\" on \"BTCNOK\"", _console.Lines[0], StringComparison.Ordinal);
        Assert.EndsWith("… repeated 119 times in the last minute", _console.Lines[1], StringComparison.Ordinal);
        Assert.Contains("during balances on BTCNOK: Unauthorized (HTTP 401)", _console.Lines[1], StringComparison.Ordinal);
        Assert.Equal(LogEventLevel.Warning, _console.Events[1].Level);
        Assert.Equal(LogEventNames.ExchangeError, ((ScalarValue)_console.Events[1].Properties["EventName"]).Value);
    }

    [Fact]
    public void Emit_WarningGoesOnForThreeMinutes_OneSummaryPerMinute()
    {
        using var sink = new RepeatFoldingSink(_console, _time);

        EveryHalfSecond(sink, TimeSpan.FromMinutes(3));
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(4, _console.Events.Count);
        Assert.EndsWith("repeated 119 times in the last minute", _console.Lines[1], StringComparison.Ordinal);
        Assert.EndsWith("repeated 120 times in the last minute", _console.Lines[2], StringComparison.Ordinal);
        Assert.EndsWith("repeated 120 times in the last minute", _console.Lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Emit_QuietMinuteAfterAFold_NextOccurrenceShownAtOnce()
    {
        using var sink = new RepeatFoldingSink(_console, _time);
        EveryHalfSecond(sink, TimeSpan.FromSeconds(10));
        _time.Advance(TimeSpan.FromMinutes(3));

        sink.Emit(Warning());

        Assert.Equal(3, _console.Events.Count);
        Assert.EndsWith("repeated 19 times in the last minute", _console.Lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("repeated", _console.Lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Emit_OtherMarketOperationOrStatus_NotFoldedTogether()
    {
        using var sink = new RepeatFoldingSink(_console, _time);

        sink.Emit(Warning());
        sink.Emit(Warning(market: "ETHNOK"));
        sink.Emit(Warning(operation: "ticker"));
        sink.Emit(Warning(status: 503));
        sink.Emit(Warning());

        Assert.Equal(4, _console.Events.Count);
    }

    [Fact]
    public void Emit_InformationRepeated_PassesEveryTime()
    {
        using var sink = new RepeatFoldingSink(_console, _time);

        EveryHalfSecond(sink, TimeSpan.FromSeconds(5), () => Warning(level: LogEventLevel.Information));

        Assert.Equal(10, _console.Events.Count);
    }

    [Fact]
    public void Dispose_WhileFolding_WritesWhatWasCounted()
    {
        var sink = new RepeatFoldingSink(_console, _time);
        EveryHalfSecond(sink, TimeSpan.FromSeconds(5));

        sink.Dispose();

        Assert.Equal(2, _console.Events.Count);
        Assert.Contains("repeated 9 times", _console.Lines[1], StringComparison.Ordinal);
    }

}

/// <summary>The folding is wired into the log's console sink, and only there. Console output is process-wide: this runs alone.</summary>
[Collection(Cli.CliCollection.Name)]
public sealed class ConsoleFoldingTests
{
    [Fact]
    public void LoggingSetup_WarningEveryHalfSecondForAMinute_ConsoleFoldsItFileKeepsEveryOne()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var dir = new Support.TempDirectory();
        using var console = new StringWriter();
        var original = Console.Error;
        Console.SetError(console);
        try
        {
            using (var setup = LoggingSetup.Create(dir.Path, [], new LoggingSetupOptions { ConsoleLevel = LogEventLevel.Warning, Time = time }))
            {
                var engineLog = new EngineLogObserver(setup.LoggerFactory.CreateLogger("GridTrader.Engine"));
                for (var i = 0; i < 120; i++)
                {
                    engineLog.OnExchangeError("balances", "BTCNOK",
                        new Exchanges.Abstractions.ExchangeError(Exchanges.Abstractions.ExchangeErrorKind.Unauthorized, "Invalid signature", 401));
                    time.Advance(TimeSpan.FromMilliseconds(500));
                }
            }
        }
        finally
        {
            Console.SetError(original);
        }

        var lines = console.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains(LogEventNames.ExchangeError, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, lines.Count);
        Assert.EndsWith("repeated 119 times in the last minute", lines[1].TrimEnd(), StringComparison.Ordinal);
        var file = new GridTrader.Logging.Export.LogFileReader(Path.Combine(dir.Path, LoggingSetup.LogsFolder)).Read(new GridTrader.Logging.Export.LogFilter());
        Assert.Equal(120, file.Count(r => r.Event == LogEventNames.ExchangeError));
    }
}
