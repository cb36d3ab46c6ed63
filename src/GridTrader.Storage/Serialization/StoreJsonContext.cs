using System.Text.Json.Serialization;
using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;

namespace GridTrader.Storage.Serialization;

/// <summary>Source-generated JSON metadata for the state snapshots kept as documents. Enums are stored by name.</summary>
[JsonSourceGenerationOptions(
    UseStringEnumConverter = true,
    Converters = [typeof(CaseInsensitiveSetConverter), typeof(CaseInsensitiveDictionaryConverter<DateTimeOffset>)])]
[JsonSerializable(typeof(GridStrategyState))]
[JsonSerializable(typeof(RiskState))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;
