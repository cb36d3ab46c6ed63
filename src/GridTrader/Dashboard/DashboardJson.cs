using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using GridTrader.Dashboard.Logs;
using GridTrader.Dashboard.Market;
using GridTrader.Dashboard.Orders;
using GridTrader.Dashboard.Pnl;
using GridTrader.Dashboard.Risk;
using GridTrader.Dashboard.Settings;
using GridTrader.Dashboard.Stream;
using GridTrader.Hosting;

namespace GridTrader.Dashboard;

/// <summary>The dashboard API's documents: snake_case names, generated serializers.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(MarketsDocument))]
[JsonSerializable(typeof(CandlesDocument))]
[JsonSerializable(typeof(FillsDocument))]
[JsonSerializable(typeof(OrdersDocument))]
[JsonSerializable(typeof(RiskDocument))]
[JsonSerializable(typeof(PnlDocument))]
[JsonSerializable(typeof(LogsDocument))]
[JsonSerializable(typeof(List<LogEntry>))]
[JsonSerializable(typeof(ConfigDocument))]
[JsonSerializable(typeof(ConfigCheck))]
[JsonSerializable(typeof(ConfigApplyResult))]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(IReadOnlyList<EngineEventView>))]
[JsonSerializable(typeof(EngineEventView))]
[JsonSerializable(typeof(StatusView))]
[JsonSerializable(typeof(StreamMark))]
[JsonSerializable(typeof(JsonObject))]
internal sealed partial class DashboardJson : JsonSerializerContext;

/// <summary>An error answer: a stable code and a sentence for people.</summary>
internal sealed record ApiError(string Error, string Message);
