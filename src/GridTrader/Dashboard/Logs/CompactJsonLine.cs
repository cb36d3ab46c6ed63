using System.Text.Json;

namespace GridTrader.Dashboard.Logs;

/// <summary>
/// Reads one line of a Serilog compact-JSON log (<c>@t</c>, <c>@m</c> or <c>@mt</c>, <c>@l</c>, <c>@x</c>, plus the
/// properties <c>EventName</c> or <c>EventId.Name</c>, and <c>Market</c>). Tolerant: anything that is not such an
/// object is skipped rather than failing the tail.
/// </summary>
internal static class CompactJsonLine
{
    public static LogEntry? TryParse(string line, long seq)
    {
        if (string.IsNullOrWhiteSpace(line)) return null;
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            if (Text(root, "@t") is not { } t || !DateTimeOffset.TryParse(t, System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.AssumeUniversal, out var time))
                return null;
            var message = Text(root, "@m") ?? Text(root, "@mt") ?? "";
            if (Text(root, "@x") is { Length: > 0 } exception) message += " — " + exception.Split('\n', 2)[0].Trim();
            return new LogEntry(seq, time.ToUniversalTime(), Text(root, "@l") ?? "Information", EventOf(root), Text(root, "Market"), message);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string EventOf(JsonElement root)
    {
        if (Text(root, "EventName") is { Length: > 0 } name) return name;
        return root.TryGetProperty("EventId", out var id) && id.ValueKind == JsonValueKind.Object && Text(id, "Name") is { } idName ? idName : "";
    }

    private static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
