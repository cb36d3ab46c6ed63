namespace GridTrader.Logging.Export;

/// <summary>
/// Which log records to keep: <see cref="From"/> inclusive, <see cref="To"/> exclusive; <see cref="Event"/> exact, or a
/// prefix when it ends in <c>*</c> (<c>order.*</c>); <see cref="Market"/> exact, ignoring case. Null means no filter.
/// </summary>
public sealed record LogFilter(DateTimeOffset? From = null, DateTimeOffset? To = null, string? Event = null, string? Market = null)
{
    public bool Matches(LogRecord record)
    {
        if (From is { } from && record.Time < from) return false;
        if (To is { } to && record.Time >= to) return false;
        if (Market is { Length: > 0 } market && !string.Equals(record.Market, market, StringComparison.OrdinalIgnoreCase)) return false;
        if (Event is not { Length: > 0 } pattern) return true;
        return pattern.EndsWith('*')
            ? record.Event.StartsWith(pattern[..^1], StringComparison.Ordinal)
            : string.Equals(record.Event, pattern, StringComparison.Ordinal);
    }

    /// <summary>
    /// Whether a daily file can hold matching records, from the date in its name. Files are named by local date, so a
    /// day's margin on both sides keeps every time zone safe.
    /// </summary>
    public bool MayContain(DateOnly fileDate)
    {
        var start = new DateTimeOffset(fileDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        if (From is { } from && start.AddDays(2) <= from) return false;
        if (To is { } to && start.AddDays(-1) >= to) return false;
        return true;
    }
}
