using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridTrader.Storage.Serialization;

/// <summary>
/// Reads a set of market symbols back as a case-insensitive set, as the engine builds it (System.Text.Json cannot
/// create an <see cref="IReadOnlySet{T}"/> by itself).
/// </summary>
internal sealed class CaseInsensitiveSetConverter : JsonConverter<IReadOnlySet<string>>
{
    public override IReadOnlySet<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("Expected an array of strings.");
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            set.Add(reader.GetString() ?? throw new JsonException("Null in a set of strings."));
        return set;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlySet<string> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var item in value.Order(StringComparer.Ordinal)) writer.WriteStringValue(item);
        writer.WriteEndArray();
    }
}
