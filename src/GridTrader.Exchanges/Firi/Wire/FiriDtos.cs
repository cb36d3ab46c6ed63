using System.Text.Json.Serialization;

namespace GridTrader.Exchanges.Firi.Wire;

// Firi's JSON, one record per shape (docs/firi-api.md, "Answers"). Prices, amounts and balances are
// JSON strings and stay strings here: the client parses them with FiriFormat, and the mock writes
// them with the exact precision Firi uses (F2, F8, F16). Ids are int64 and exceed 32 bits.

/// <summary><c>GET /time</c>: epoch seconds.</summary>
internal sealed record FiriTimeDto(
    [property: JsonPropertyName("time")] long Time);

/// <summary><c>GET /v2/markets</c> item and <c>GET /v2/markets/{market}</c>.</summary>
internal sealed record FiriMarketDto(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("last")] string? Last,
    [property: JsonPropertyName("high")] string? High,
    [property: JsonPropertyName("change")] string? Change,
    [property: JsonPropertyName("low")] string? Low,
    [property: JsonPropertyName("volume")] string? Volume);

/// <summary><c>GET /v2/markets/{market}/ticker</c>.</summary>
internal sealed record FiriTickerDto(
    [property: JsonPropertyName("bid")] string? Bid,
    [property: JsonPropertyName("ask")] string? Ask,
    [property: JsonPropertyName("spread")] string? Spread);

/// <summary><c>GET /v2/markets/tickers</c> item.</summary>
internal sealed record FiriMarketTickerDto(
    [property: JsonPropertyName("market")] string? Market,
    [property: JsonPropertyName("bid")] string? Bid,
    [property: JsonPropertyName("ask")] string? Ask,
    [property: JsonPropertyName("spread")] string? Spread);

/// <summary><c>GET /v2/markets/{market}/depth</c>: each level is <c>[price, amount]</c>, best first.</summary>
internal sealed record FiriOrderBookDto(
    [property: JsonPropertyName("bids")] IReadOnlyList<IReadOnlyList<string>>? Bids,
    [property: JsonPropertyName("asks")] IReadOnlyList<IReadOnlyList<string>>? Asks);

/// <summary><c>GET /v2/markets/{market}/history</c> item; <c>type</c> is the taker's side.</summary>
internal sealed record FiriPublicTradeDto(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("amount")] string? Amount,
    [property: JsonPropertyName("price")] string? Price,
    [property: JsonPropertyName("created_at")] string? CreatedAt,
    [property: JsonPropertyName("total")] string? Total);

/// <summary><c>GET /v2/balances</c> item.</summary>
internal sealed record FiriBalanceDto(
    [property: JsonPropertyName("currency")] string? Currency,
    [property: JsonPropertyName("balance")] string? Balance,
    [property: JsonPropertyName("hold")] string? Hold,
    [property: JsonPropertyName("available")] string? Available);

/// <summary>An order (open list, history, <c>GET /v2/order/{id}</c>): <c>amount = remaining + matched + cancelled</c>.</summary>
internal sealed record FiriOrderDto(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("market")] string? Market,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("price")] string? Price,
    [property: JsonPropertyName("amount")] string? Amount,
    [property: JsonPropertyName("remaining")] string? Remaining,
    [property: JsonPropertyName("matched")] string? Matched,
    [property: JsonPropertyName("cancelled")] string? Cancelled,
    [property: JsonPropertyName("created_at")] string? CreatedAt);

/// <summary>
/// <c>POST /v2/orders</c> body. Property order is wire order: timestamp and validity first, so the
/// same bytes are the body and the signed payload (docs/firi-api.md, "Signing").
/// </summary>
internal sealed record FiriOrderCreateBody(
    [property: JsonPropertyName("timestamp")] string Timestamp,
    [property: JsonPropertyName("validity")] string Validity,
    [property: JsonPropertyName("market")] string Market,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("price")] string Price,
    [property: JsonPropertyName("amount")] string Amount);

/// <summary>The signed payload of a request without a body (GET, DELETE).</summary>
internal sealed record FiriAuthPayload(
    [property: JsonPropertyName("timestamp")] string Timestamp,
    [property: JsonPropertyName("validity")] string Validity);

/// <summary><c>POST /v2/orders</c> answer (201).</summary>
internal sealed record FiriOrderIdDto(
    [property: JsonPropertyName("id")] long Id);

/// <summary><c>DELETE /v2/orders/{id}/detailed</c> answer (200): amount matched before the cancel.</summary>
internal sealed record FiriMatchedDto(
    [property: JsonPropertyName("matched")] string? Matched);

/// <summary>
/// <c>GET /v2/history/orders</c> item (Firi's TradeRecord). One older client saw another shape on the same
/// route (<c>type</c>, <c>created_at</c>, <c>matched</c>, <c>cancelled</c>); those fields are modelled too
/// so either shape reads.
/// </summary>
internal sealed record FiriTradeRecordDto(
    [property: JsonPropertyName("id"), JsonConverter(typeof(FiriIdStringConverter))] string? Id,
    [property: JsonPropertyName("market")] string? Market,
    [property: JsonPropertyName("price")] string? Price,
    [property: JsonPropertyName("price_currency")] string? PriceCurrency,
    [property: JsonPropertyName("amount")] string? Amount,
    [property: JsonPropertyName("amount_currency")] string? AmountCurrency,
    [property: JsonPropertyName("cost")] string? Cost,
    [property: JsonPropertyName("cost_currency")] string? CostCurrency,
    [property: JsonPropertyName("side")] string? Side,
    [property: JsonPropertyName("isMaker")] bool? IsMaker,
    [property: JsonPropertyName("date")] string? Date,
    [property: JsonPropertyName("type")] string? Type = null,
    [property: JsonPropertyName("created_at")] string? CreatedAt = null,
    [property: JsonPropertyName("matched")] string? Matched = null,
    [property: JsonPropertyName("cancelled")] string? Cancelled = null);

/// <summary>Error body: <c>{"name":"InsufficientFunds","message":"Insufficient funds"}</c>.</summary>
internal sealed record FiriErrorDto(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("message")] string? Message);
