namespace GridTrader.Logging.Export;

/// <summary>
/// Which log records to keep, the one filter of <c>logs export</c> and the dashboard's Logs tab (tail and download).
/// <see cref="From"/> inclusive, <see cref="To"/> exclusive; <see cref="Event"/> is an event name (<c>order.placed</c>),
/// a family (<c>order</c> or <c>order.</c>: the name itself and every <c>order.…</c> event) or a prefix ending in
/// <c>*</c> (<c>order.*</c>); <see cref="Market"/> exact; <see cref="MinLevel"/> keeps that level and the more severe
/// ones (<c>warn</c>, <c>Warning</c>). Names, markets and levels ignore case. Null or blank means no filter.
/// </summary>
public sealed record LogFilter(DateTimeOffset? From = null, DateTimeOffset? To = null, string? Event = null, string? Market = null,
    string? MinLevel = null)
{
    private static readonly string[] Levels = ["Verbose", "Debug", "Information", "Warning", "Error", "Fatal"];

    public bool Matches(LogRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Matches(record.Time, record.Level, record.Event, record.Market);
    }

    /// <summary>The rule itself, on the four fields every log line has.</summary>
    public bool Matches(DateTimeOffset time, string level, string eventName, string? market)
    {
        if (From is { } from && time < from) return false;
        if (To is { } to && time >= to) return false;
        if (!string.IsNullOrWhiteSpace(MinLevel) && Rank(level) < Rank(MinLevel)) return false;
        if (!string.IsNullOrWhiteSpace(Market) && !string.Equals(market, Market.Trim(), StringComparison.OrdinalIgnoreCase)) return false;
        return string.IsNullOrWhiteSpace(Event) || EventMatches(eventName, Event.Trim());
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

    /// <summary>Serilog level names and their short forms (<c>info</c>, <c>warn</c>, <c>err</c>) rank by severity; unknown ranks as Information.</summary>
    public static int Rank(string level)
    {
        ArgumentNullException.ThrowIfNull(level);
        var text = level.Trim();
        if (text.Length > 0)
        {
            for (var i = 0; i < Levels.Length; i++)
            {
                if (Levels[i].StartsWith(text[..Math.Min(3, text.Length)], StringComparison.OrdinalIgnoreCase)) return i;
            }
        }

        return Array.IndexOf(Levels, "Information");
    }

    private static bool EventMatches(string name, string pattern)
    {
        if (pattern.EndsWith('*')) return name.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase);
        return name.Equals(pattern, StringComparison.OrdinalIgnoreCase)
            || name.StartsWith(pattern.TrimEnd('.') + ".", StringComparison.OrdinalIgnoreCase);
    }
}
