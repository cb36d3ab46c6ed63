using System.Globalization;
using System.Text.RegularExpressions;
using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace GridTrader.Logging;

/// <summary>
/// Folds repeated warnings on the console: the first occurrence of a warning (same event name, market and message
/// shape, i.e. the message with its ids, amounts and times blanked) passes at once; repeats within the next minute are only counted,
/// and when the minute is over one line says "… repeated N times in the last minute". While the repeats go on, each
/// further minute gives one such line; a minute without any ends the fold, and the next occurrence passes at once again.
/// Information and below pass untouched. The JSON log file keeps every event: this wraps the console sink only.
/// </summary>
internal sealed partial class RepeatFoldingSink : ILogEventSink, IDisposable
{
    private static readonly MessageTemplate SummaryTemplate =
        new MessageTemplateParser().Parse("{FoldedMessage} … repeated {RepeatCount} times in the last minute");

    private readonly ILogEventSink _inner;
    private readonly TimeProvider _time;
    private readonly TimeSpan _window;
    private readonly ITimer _timer;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Fold> _folds = new(StringComparer.Ordinal);
    private bool _disposed;

    public RepeatFoldingSink(ILogEventSink inner, TimeProvider time, TimeSpan? window = null)
    {
        _inner = inner;
        _time = time;
        _window = window ?? TimeSpan.FromMinutes(1);
        _timer = time.CreateTimer(_ => Flush(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public void Emit(LogEvent logEvent)
    {
        if (logEvent.Level < LogEventLevel.Warning)
        {
            _inner.Emit(logEvent);
            return;
        }

        var message = logEvent.RenderMessage(CultureInfo.InvariantCulture);
        var key = $"{Scalar(logEvent, EventNameEnricher.PropertyName)}\u001f{Scalar(logEvent, "Market")}\u001f{Shape(message)}";
        List<LogEvent> summaries;
        bool pass;
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            summaries = Expire(now);
            if (_folds.TryGetValue(key, out var fold))
            {
                fold.Count++;
                pass = false;
            }
            else
            {
                _folds[key] = new Fold(now + _window, logEvent, Plain(logEvent));
                pass = true;
            }
        }

        foreach (var summary in summaries) _inner.Emit(summary);
        if (pass) _inner.Emit(logEvent);
        Arm();
    }

    /// <summary>Ends every minute that is over: its summary line when it folded anything, then either a silent next minute or no fold.</summary>
    private List<LogEvent> Expire(DateTimeOffset now)
    {
        var summaries = new List<LogEvent>();
        foreach (var (key, fold) in _folds.ToList())
        {
            if (fold.Ends > now) continue;
            if (fold.Count == 0)
            {
                _folds.Remove(key);
                continue;
            }

            summaries.Add(Summary(fold, fold.Ends));
            fold.Ends += _window;
            fold.Count = 0;
        }

        return summaries;
    }

    private static LogEvent Summary(Fold fold, DateTimeOffset time)
    {
        var properties = fold.First.Properties.Select(p => new LogEventProperty(p.Key, p.Value)).ToList();
        properties.Add(new LogEventProperty("FoldedMessage", new ScalarValue(fold.Message)));
        properties.Add(new LogEventProperty("RepeatCount", new ScalarValue(fold.Count)));
        return new LogEvent(time, fold.First.Level, null, SummaryTemplate, properties);
    }

    private void Flush()
    {
        List<LogEvent> summaries;
        lock (_lock)
        {
            if (_disposed) return;
            summaries = Expire(_time.GetUtcNow());
        }

        foreach (var summary in summaries) _inner.Emit(summary);
        Arm();
    }

    /// <summary>Wakes up when the earliest open minute ends (outside the lock: a test clock may fire the timer at once).</summary>
    private void Arm()
    {
        TimeSpan due;
        lock (_lock)
        {
            if (_disposed || _folds.Count == 0) return;
            var next = _folds.Values.Min(f => f.Ends);
            due = next - _time.GetUtcNow();
        }

        try
        {
            _timer.Change(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Disposed between the check and here: Dispose has written what was counted.
        }
    }

    /// <summary>The message with its text values as they are (no quotes), as the console shows the original with <c>:l</c>.</summary>
    private static string Plain(LogEvent e)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        foreach (var token in e.MessageTemplate.Tokens)
        {
            if (token is PropertyToken property && e.Properties.TryGetValue(property.PropertyName, out var value) && value is ScalarValue { Value: string text })
                writer.Write(text);
            else
                token.Render(e.Properties, writer, CultureInfo.InvariantCulture);
        }

        return writer.ToString();
    }

    private static string Scalar(LogEvent e, string name) =>
        e.Properties.TryGetValue(name, out var value) && value is ScalarValue { Value: { } v } ? v.ToString() ?? "" : "";

    /// <summary>
    /// The message with what changes from one repeat to the next blanked: ids, prices, amounts and times (numbers of four
    /// or more digits, or with a decimal point or colon). Short integers stay, so "HTTP 401" and "HTTP 503" differ.
    /// </summary>
    internal static string Shape(string message) =>
        Numbers().Replace(message, m => m.Length >= 4 || m.Value.Contains('.', StringComparison.Ordinal) || m.Value.Contains(':', StringComparison.Ordinal) ? "#" : m.Value);

    [GeneratedRegex("[0-9][0-9.:]*")]
    private static partial Regex Numbers();

    /// <summary>Writes what is still counted (a shutdown should not swallow repeats), then disposes the console sink.</summary>
    public void Dispose()
    {
        List<LogEvent> summaries;
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            var now = _time.GetUtcNow();
            summaries = [.. _folds.Values.Where(f => f.Count > 0).Select(f => Summary(f, now))];
            _folds.Clear();
        }

        _timer.Dispose();
        foreach (var summary in summaries) _inner.Emit(summary);
        (_inner as IDisposable)?.Dispose();
    }

    private sealed class Fold(DateTimeOffset ends, LogEvent first, string message)
    {
        public DateTimeOffset Ends { get; set; } = ends;
        public LogEvent First { get; } = first;
        public string Message { get; } = message;
        public int Count { get; set; }
    }
}
