using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace GridTrader.Exchanges.Tests.Firi.Support;

/// <summary>One captured log event: its formatted text, every structured value and the exception text.</summary>
internal sealed record LogEntry(LogLevel Level, EventId EventId, string Message, IReadOnlyList<string> Values, string? Exception)
{
    /// <summary>Everything this entry would put in any sink.</summary>
    public string AllText => string.Join('\n', [Message, .. Values, Exception ?? string.Empty]);
}

/// <summary>An <see cref="ILogger{T}"/> that keeps every event at every level, for assertions.</summary>
internal sealed class CapturingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => _entries.ToArray();

    /// <summary>Raised on the logging thread for every event, after it is stored.</summary>
    public event Action<LogEntry>? Logged;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? pairs.Select(p => $"{p.Key}={p.Value}").ToList()
            : [];
        var entry = new LogEntry(logLevel, eventId, formatter(state, exception), values, exception?.ToString());
        _entries.Enqueue(entry);
        Logged?.Invoke(entry);
    }

    public IReadOnlyList<LogEntry> Named(string eventName) => Entries.Where(e => e.EventId.Name == eventName).ToList();
}
