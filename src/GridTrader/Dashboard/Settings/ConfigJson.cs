using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using GridTrader.Core.Configuration;

namespace GridTrader.Dashboard.Settings;

/// <summary>
/// The configuration as the file holds it (<c>{"GridTrader": {...}}</c>, the file's own key names) and the diff of two
/// such documents setting by setting. Only settable properties are written, so the document loads back unchanged.
/// Secrets are not part of the options, so they cannot appear here.
/// </summary>
internal static class ConfigJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { OnlySettable } },
    };

    /// <summary>The effective options as a configuration file.</summary>
    public static JsonObject ToDocument(GridTraderOptions options) =>
        new() { [GridTraderOptions.SectionName] = JsonSerializer.SerializeToNode(options, Options) };

    public static string Write(JsonNode node) => node.ToJsonString(Options);

    /// <summary>Every leaf as <c>GridTrader:Markets:0:Symbol</c> → its JSON text, in document order.</summary>
    public static List<KeyValuePair<string, string>> Flatten(JsonNode? node)
    {
        var leaves = new List<KeyValuePair<string, string>>();
        Walk(node, "", leaves);
        return leaves;
    }

    /// <summary>Settings that differ, were added or were removed, in the order of <paramref name="current"/> then new ones.</summary>
    public static IReadOnlyList<ConfigChange> Diff(JsonNode? current, JsonNode? proposed)
    {
        var before = Flatten(current);
        var after = Flatten(proposed).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.OrdinalIgnoreCase);
        var changes = new List<ConfigChange>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (path, value) in before)
        {
            seen.Add(path);
            if (!after.TryGetValue(path, out var next)) changes.Add(new ConfigChange(path, value, null));
            else if (next != value) changes.Add(new ConfigChange(path, value, next));
        }

        changes.AddRange(Flatten(proposed).Where(kv => !seen.Contains(kv.Key)).Select(kv => new ConfigChange(kv.Key, null, kv.Value)));
        return changes;
    }

    private static void Walk(JsonNode? node, string path, List<KeyValuePair<string, string>> leaves)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj) Walk(child, Join(path, key), leaves);
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++) Walk(array[i], Join(path, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), leaves);
                break;
            default:
                leaves.Add(new(path, node?.ToJsonString() ?? "null"));
                break;
        }
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : path + ":" + key;

    private static void OnlySettable(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object) return;
        for (var i = type.Properties.Count - 1; i >= 0; i--)
        {
            if (type.Properties[i].Set is null) type.Properties.RemoveAt(i);
        }
    }
}

/// <summary>One changed setting: its path, and its value before and after as JSON text (null when absent).</summary>
internal sealed record ConfigChange(string Path, string? From, string? To);
