using System.Text.Json.Serialization;
using GridTrader.Exchanges.Firi.Wire;

namespace GridTrader.FiriMock.Api;

// The admin API's JSON (mock-only, not Firi's). Money leaves as strings in Firi's formatting, and
// requests accept numbers or strings.

/// <summary><c>POST /admin/faults</c> body; a plain-text body is taken as the spec itself.</summary>
internal sealed record FaultsRequest(string? Spec, int? Seed);

/// <summary><c>GET/POST /admin/faults</c>: the spec in force (canonical form), the seed, and faults injected by kind.</summary>
internal sealed record FaultsDto(string Spec, int Seed, IReadOnlyDictionary<string, long> Injected);

/// <summary><c>POST /admin/price</c>: move the market to <paramref name="Price"/>; a volume caps the fills on the way.</summary>
internal sealed record PriceRequest(string? Market, decimal Price, decimal? Volume);

/// <summary><c>POST /admin/candle</c>: walk one candle (open → low → high → close when bullish, else via the high first).</summary>
internal sealed record CandleRequest(string? Market, decimal Open, decimal High, decimal Low, decimal Close, decimal Volume);

/// <summary><c>POST /admin/deposit</c>.</summary>
internal sealed record DepositRequest(string? Currency, decimal Amount);

internal sealed record PriceDto(string Market, string Last, bool Scripted);

/// <summary>Orders created at one (market, side, price): the duplicate check of crash-safety tests.</summary>
internal sealed record CreatedOrdersDto(string Market, string Side, string Price, int Count, string Amount);

/// <summary><c>GET /admin/state</c>.</summary>
internal sealed record MockStateDto(
    string Time,
    IReadOnlyList<PriceDto> Prices,
    IReadOnlyList<FiriBalanceDto> Balances,
    IReadOnlyList<FiriOrderDto> OpenOrders,
    long OrdersCreated,
    IReadOnlyList<CreatedOrdersDto> CreatedOrders,
    long Requests,
    IReadOnlyDictionary<string, long> RequestsByRoute,
    FaultsDto Faults);

/// <summary>One order of the account with exact quantities (<c>GET /admin/ledger</c>).</summary>
internal sealed record LedgerOrderDto(long Id, string Market, string Side, string Price, string Amount, string Matched, string Remaining, string Cancelled);

/// <summary>One execution of the account (<c>GET /admin/ledger</c>).</summary>
internal sealed record LedgerTradeDto(long OrderId, string Market, string Side, string Price, string Amount, string Fee, string FeeCurrency, bool IsMaker);

/// <summary>Exact balance, not cut to the currency's display precision (<c>GET /admin/ledger</c>).</summary>
internal sealed record LedgerBalanceDto(string Currency, string Total, string Hold);

/// <summary>
/// <c>GET /admin/ledger</c>: every order (open and retained closed ones), every execution and the exact balances, so a
/// test can check a bot's books against the exchange's to the last digit.
/// </summary>
internal sealed record LedgerDto(IReadOnlyList<LedgerOrderDto> Orders, IReadOnlyList<LedgerTradeDto> Trades, IReadOnlyList<LedgerBalanceDto> Balances);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(FaultsRequest))]
[JsonSerializable(typeof(FaultsDto))]
[JsonSerializable(typeof(PriceRequest))]
[JsonSerializable(typeof(CandleRequest))]
[JsonSerializable(typeof(DepositRequest))]
[JsonSerializable(typeof(PriceDto))]
[JsonSerializable(typeof(MockStateDto))]
[JsonSerializable(typeof(LedgerDto))]
internal sealed partial class MockJsonContext : JsonSerializerContext;
