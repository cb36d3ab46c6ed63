using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;

namespace GridTrader.Storage.Serialization;

/// <summary>
/// Serializes the state documents. Only state is written: derived, get-only properties (a plan's bounds and
/// economics) are left out and recomputed after loading, so the stored JSON cannot disagree with itself.
/// </summary>
internal static class StoreJson
{
    private static readonly JsonSerializerOptions Options = new(StoreJsonContext.Default.Options)
    {
        TypeInfoResolver = StoreJsonContext.Default.WithAddedModifier(OmitDerivedProperties),
    };

    private static readonly JsonTypeInfo<GridStrategyState> StrategyInfo =
        (JsonTypeInfo<GridStrategyState>)Options.GetTypeInfo(typeof(GridStrategyState));

    private static readonly JsonTypeInfo<RiskState> RiskInfo = (JsonTypeInfo<RiskState>)Options.GetTypeInfo(typeof(RiskState));

    public static string Serialize(GridStrategyState state) => JsonSerializer.Serialize(state, StrategyInfo);

    public static GridStrategyState DeserializeStrategy(string json) =>
        JsonSerializer.Deserialize(json, StrategyInfo) ?? throw new InvalidDataException("Stored grid state is null.");

    public static string Serialize(RiskState state) => JsonSerializer.Serialize(state, RiskInfo);

    public static RiskState DeserializeRisk(string json) =>
        JsonSerializer.Deserialize(json, RiskInfo) ?? throw new InvalidDataException("Stored risk state is null.");

    private static void OmitDerivedProperties(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object) return;
        for (var i = typeInfo.Properties.Count - 1; i >= 0; i--)
        {
            var property = typeInfo.Properties[i];
            if (property.Set is null && property.AssociatedParameter is null) typeInfo.Properties.RemoveAt(i);
        }
    }
}
