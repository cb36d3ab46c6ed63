using System.Text.Json;

namespace GridTrader.Logging.Export;

/// <summary>One line of a JSONL log file, with the fields every consumer needs pulled out of the raw object.</summary>
public sealed record LogRecord(DateTimeOffset Time, string TimeText, string Level, string Event, string? Market, string Message, string? Exception,
    JsonElement Raw)
{
    /// <summary>The event's own properties (everything but the <c>@</c>-prefixed fields of the compact format).</summary>
    public IEnumerable<JsonProperty> Properties => Raw.EnumerateObject().Where(p => !p.Name.StartsWith('@'));

    /// <summary>A property as text (numbers exactly as written), or null when absent or null.</summary>
    public string? Property(string name) => Raw.TryGetProperty(name, out var value) ? AsText(value) : null;

    internal static string? AsText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };

    /// <summary>Parses one line; null when it is not a compact-JSON log event (not JSON, not an object, no valid <c>@t</c>).</summary>
    public static LogRecord? TryParse(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            if (!root.TryGetProperty("@t", out var t) || t.ValueKind != JsonValueKind.String || !t.TryGetDateTimeOffset(out var time)) return null;
            var raw = root.Clone();
            return new LogRecord(time, t.GetString()!, Text(raw, "@l") ?? "Information", EventOf(raw), Text(raw, "Market"),
                Text(raw, "@m") ?? Text(raw, "@mt") ?? "", Text(raw, "@x"), raw);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string EventOf(JsonElement raw)
    {
        if (Text(raw, "EventName") is { Length: > 0 } name) return name;
        return raw.TryGetProperty("EventId", out var id) && id.ValueKind == JsonValueKind.Object && Text(id, "Name") is { } idName
            ? idName
            : "";
    }

    private static string? Text(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
