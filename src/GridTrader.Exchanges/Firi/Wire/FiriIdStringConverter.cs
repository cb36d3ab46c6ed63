using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridTrader.Exchanges.Firi.Wire;

/// <summary>
/// Reads an id that Firi documents as a string (a UUID) but that would be harmless as a number,
/// so a change of representation does not break trade-history parsing. Writes a string.
/// </summary>
internal sealed class FiriIdStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
            JsonTokenType.Null => null,
            _ => throw new JsonException($"Expected a string or number id, got {reader.TokenType}."),
        };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);
}
