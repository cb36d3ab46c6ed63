using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GridTrader.Dashboard.Settings;

/// <summary>
/// Applies a <see cref="JsonEdit"/> to the text of a JSON file and keeps everything it does not touch byte for byte:
/// untouched keys, their formatting and comments. A changed value is replaced where it stands; a new key is added after
/// the last one of its object, indented like its siblings; a missing object is added holding only the edited keys. Only a
/// container that loses a key is written anew (comments inside that one container are lost).
/// </summary>
internal static class JsonTextPatch
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The text with <paramref name="edit"/> applied; throws <see cref="JsonException"/> when the text is not JSON.</summary>
    public static string Apply(string text, JsonEdit? edit)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (edit is null) return text;
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, ReaderOptions);
        if (!reader.Read()) throw new JsonException("The file is empty.");
        var root = Read(ref reader);
        var ops = new List<(int Start, int End, string Text)>();
        Patch(bytes, root, edit, ops);

        var result = new List<byte>(bytes.Length + 256);
        var position = 0;
        foreach (var (start, end, replacement) in ops.OrderBy(o => o.Start))
        {
            if (start < position) throw new InvalidOperationException("Overlapping edits of the configuration text.");
            result.AddRange(bytes.AsSpan(position, start - position));
            result.AddRange(Encoding.UTF8.GetBytes(replacement));
            position = end;
        }

        result.AddRange(bytes.AsSpan(position));
        return Encoding.UTF8.GetString([.. result]);
    }

    private static void Patch(byte[] text, Node node, JsonEdit edit, List<(int, int, string)> ops)
    {
        if (edit is not EditChildren children || !node.IsContainer || children.Children.Any(c => c.Value is RemoveNode && node.Find(c.Key) is not null))
        {
            // A new value, a change of kind, or a container losing keys: this node is written anew.
            var current = JsonNode.Parse(Encoding.UTF8.GetString(text, node.Start, node.End - node.Start), documentOptions: DocumentOptions);
            ops.Add((node.Start, node.End, Format(edit.ApplyTo(current), LineIndent(text, node.Start))));
            return;
        }

        var additions = new List<(string? Key, JsonNode? Value)>();
        foreach (var (key, child) in children.Children)
        {
            var existing = node.Find(key);
            if (existing is not null)
            {
                Patch(text, existing.Value, child, ops);
                continue;
            }

            // A missing key gets only what the edit sets in it: a market's new Grid block holds the edited keys, not a full copy.
            if (child is not RemoveNode) additions.Add((node.IsObject ? key : null, child.ApplyTo(null)));
        }

        if (additions.Count > 0) ops.Add(Insertion(text, node, additions));
    }

    /// <summary>New members after the container's last one (or into an empty one), each on its own line, indented like its siblings.</summary>
    private static (int, int, string) Insertion(byte[] text, Node node, List<(string? Key, JsonNode? Value)> additions)
    {
        var parentIndent = LineIndent(text, node.Start);
        var indent = node.Children.Count > 0 ? LineIndent(text, node.Children[0].ItemStart) : parentIndent + "  ";
        var sameLine = node.Children.Count > 0 && !HasNewlineBetween(text, node.Start, node.Children[0].ItemStart);
        var separator = sameLine ? " " : "\n" + indent;
        var builder = new StringBuilder();
        foreach (var (key, value) in additions)
        {
            if (builder.Length > 0 || node.Children.Count > 0) builder.Append(',');
            builder.Append(separator);
            if (key is not null) builder.Append(JsonSerializer.Serialize(key)).Append(": ");
            builder.Append(Format(value, sameLine ? "" : indent));
        }

        if (node.Children.Count > 0) return (node.Children[^1].Value.End, node.Children[^1].Value.End, builder.ToString());
        builder.Append(sameLine ? " " : "\n" + parentIndent);
        return (node.Start + 1, node.Close, builder.ToString());
    }

    private static string ToText(JsonNode? value) => value?.ToJsonString(Indented) ?? "null";

    private static string Format(JsonNode? value, string indent) => Reindent(ToText(value), indent);

    private static string Reindent(string json, string indent) => json.Replace("\n", "\n" + indent, StringComparison.Ordinal);

    /// <summary>The white space that starts the line <paramref name="position"/> is on.</summary>
    private static string LineIndent(byte[] text, int position)
    {
        var lineStart = position;
        while (lineStart > 0 && text[lineStart - 1] != (byte)'\n') lineStart--;
        var end = lineStart;
        while (end < text.Length && text[end] is (byte)' ' or (byte)'\t') end++;
        return Encoding.UTF8.GetString(text, lineStart, end - lineStart);
    }

    private static bool HasNewlineBetween(byte[] text, int from, int to) => Array.IndexOf(text, (byte)'\n', from, to - from) >= 0;

    private static Node Read(ref Utf8JsonReader reader)
    {
        var node = new Node(reader.TokenType, (int)reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var key = reader.GetString()!;
                    var itemStart = (int)reader.TokenStartIndex;
                    reader.Read();
                    node.Children.Add(new Child(key, itemStart, Read(ref reader)));
                }

                node.Close = (int)reader.TokenStartIndex;
                break;
            case JsonTokenType.StartArray:
                var index = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var itemStart = (int)reader.TokenStartIndex;
                    node.Children.Add(new Child((index++).ToString(CultureInfo.InvariantCulture), itemStart, Read(ref reader)));
                }

                node.Close = (int)reader.TokenStartIndex;
                break;
        }

        node.End = (int)reader.BytesConsumed;
        return node;
    }

    private sealed class Node(JsonTokenType kind, int start)
    {
        public int Start { get; } = start;
        public int End { get; set; }

        /// <summary>Where the closing brace or bracket is.</summary>
        public int Close { get; set; }

        public List<Child> Children { get; } = [];
        public bool IsObject => kind == JsonTokenType.StartObject;
        public bool IsContainer => kind is JsonTokenType.StartObject or JsonTokenType.StartArray;

        /// <summary>A member by key (configuration keys are case-insensitive), or an array element by index.</summary>
        public Child? Find(string key) => Children.FirstOrDefault(c => c.Key.Equals(key, StringComparison.OrdinalIgnoreCase));
    }

    private sealed record Child(string Key, int ItemStart, Node Value);
}
