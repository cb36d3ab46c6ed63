using System.Text.Json;
using System.Text.Json.Serialization;
using GridTrader.Exchanges.Simulation;

namespace GridTrader.Exchanges.Paper;

/// <summary>A paper account as JSON: decimals keep every digit, sides and times are text.</summary>
public static class PaperAccountJson
{
    public static string Serialize(MatchingAccountState account) =>
        JsonSerializer.Serialize(account, PaperAccountJsonContext.Default.MatchingAccountState);

    /// <summary>Reads a saved account; throws <see cref="JsonException"/> when the text is not one.</summary>
    public static MatchingAccountState Deserialize(string json) =>
        JsonSerializer.Deserialize(json, PaperAccountJsonContext.Default.MatchingAccountState)
        ?? throw new JsonException("The saved paper account is empty.");
}

[JsonSourceGenerationOptions(WriteIndented = false, UseStringEnumConverter = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(MatchingAccountState))]
internal sealed partial class PaperAccountJsonContext : JsonSerializerContext;
