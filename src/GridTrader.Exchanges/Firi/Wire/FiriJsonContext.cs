using System.Text.Json.Serialization;

namespace GridTrader.Exchanges.Firi.Wire;

/// <summary>
/// Source-generated serializers for every Firi wire shape. Compact output (the signed payload must be
/// compact), nulls omitted on write, ids readable from strings as well as numbers.
/// </summary>
[JsonSourceGenerationOptions(
    WriteIndented = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(FiriTimeDto))]
[JsonSerializable(typeof(FiriMarketDto))]
[JsonSerializable(typeof(IReadOnlyList<FiriMarketDto>))]
[JsonSerializable(typeof(FiriTickerDto))]
[JsonSerializable(typeof(IReadOnlyList<FiriMarketTickerDto>))]
[JsonSerializable(typeof(FiriOrderBookDto))]
[JsonSerializable(typeof(IReadOnlyList<FiriPublicTradeDto>))]
[JsonSerializable(typeof(IReadOnlyList<FiriBalanceDto>))]
[JsonSerializable(typeof(FiriOrderDto))]
[JsonSerializable(typeof(IReadOnlyList<FiriOrderDto>))]
[JsonSerializable(typeof(FiriOrderCreateBody))]
[JsonSerializable(typeof(FiriAuthPayload))]
[JsonSerializable(typeof(FiriOrderIdDto))]
[JsonSerializable(typeof(FiriMatchedDto))]
[JsonSerializable(typeof(IReadOnlyList<FiriTradeRecordDto>))]
[JsonSerializable(typeof(FiriErrorDto))]
internal sealed partial class FiriJsonContext : JsonSerializerContext;
