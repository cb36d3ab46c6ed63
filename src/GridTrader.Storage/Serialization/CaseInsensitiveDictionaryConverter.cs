using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridTrader.Storage.Serialization;

/// <summary>Reads a map keyed by market symbol back with the case-insensitive keys the engine uses.</summary>
internal sealed class CaseInsensitiveDictionaryConverter<TValue> : JsonConverter<IReadOnlyDictionary<string, TValue>>
{
    public override IReadOnlyDictionary<string, TValue> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("Expected an object.");
        var valueInfo = options.GetTypeInfo(typeof(TValue));
        var map = new Dictionary<string, TValue>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString() ?? throw new JsonException("Null key.");
            reader.Read();
            map[key] = (TValue)JsonSerializer.Deserialize(ref reader, valueInfo)!;
        }

        return map;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, TValue> value, JsonSerializerOptions options)
    {
        var valueInfo = options.GetTypeInfo(typeof(TValue));
        writer.WriteStartObject();
        foreach (var (key, item) in value.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WritePropertyName(key);
            JsonSerializer.Serialize(writer, item, valueInfo);
        }

        writer.WriteEndObject();
    }
}
