using System.Globalization;
using System.Text.Json;
using GridTrader.Core.Markets;
using GridTrader.Exchanges.Firi.Wire;
using GridTrader.FiriMock.Auth;
using GridTrader.FiriMock.Faults;

namespace GridTrader.FiriMock.Api;

/// <summary>
/// Firi's REST routes (docs/firi-api.md, "Endpoints") over the mock exchange, with the documented shapes and
/// statuses: 201 <c>{"id"}</c> for a new order, 204 for bulk cancels, 200 <c>{"matched"}</c> for a detailed
/// cancel, a one-element array for <c>GET /v2/order/{id}</c>, and <c>{"name","message"}</c> errors.
/// </summary>
internal sealed class FiriEndpoints(MockServices services)
{
    private const int DefaultCount = 100;
    private const int MaxCount = 10_000;
    private const int DefaultDepth = 50;

    private delegate Task PrivateHandler(HttpContext context, byte[] body);

    private readonly MockServices _s = services;

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/time", Time);
        foreach (var v in (ReadOnlySpan<string>)["/v1", "/v2"])
        {
            app.MapGet(v + "/markets", Markets);
            app.MapGet(v + "/markets/{market}", Market);
            app.MapGet(v + "/markets/{market}/depth", Depth);
            app.MapGet(v + "/markets/{market}/history", PublicTrades);
            app.MapGet(v + "/balances", Private(MockPermissions.Read, Balances));
        }

        app.MapGet("/v2/markets/tickers", Tickers);
        app.MapGet("/v2/markets/{market}/ticker", Ticker);

        app.MapGet("/v2/orders", Private(MockPermissions.Read, OpenOrders));
        app.MapPost("/v2/orders", Private(MockPermissions.Trade, CreateOrder));
        app.MapDelete("/v2/orders", Private(MockPermissions.Trade, CancelAll));
        app.MapGet("/v2/orders/history", Private(MockPermissions.Read, OrderHistory));
        app.MapGet("/v2/orders/{market}", Private(MockPermissions.Read, OpenOrders));
        app.MapDelete("/v2/orders/{target}", Private(MockPermissions.Trade, CancelMarketOrOrder));
        app.MapGet("/v2/orders/{market}/history", Private(MockPermissions.Read, OrderHistory));
        app.MapGet("/v2/order/{id}", Private(MockPermissions.Read, OrderById));
        app.MapDelete("/v2/orders/{id}/detailed", Private(MockPermissions.Trade, CancelDetailed));
        app.MapDelete("/v2/orders/{id}/{market}/detailed", Private(MockPermissions.Trade, CancelDetailed));
        app.MapGet("/v2/history/orders", Private(MockPermissions.Read, TradeHistory));
        app.MapGet("/v2/history/orders/{market}", Private(MockPermissions.Read, TradeHistory));
        app.MapGet("/v2/history/trades", Private(MockPermissions.Read, TradeHistory));

        app.MapFallback(context => HttpJson.WriteErrorAsync(context, MockError.RouteNotFound));
    }

    // ---- Public ------------------------------------------------------------------------------

    private Task Time(HttpContext context) =>
        HttpJson.WriteAsync(context, 200, new FiriTimeDto(_s.Exchange.Now.ToUnixTimeSeconds()), HttpJson.Firi.FiriTimeDto);

    private Task Markets(HttpContext context)
    {
        var markets = _s.Exchange.Run(e => e.GetMarketSummaries());
        var list = markets.Select(m => MockWire.Market(m, _s.Exchange.Market(m.Market)!)).ToList();
        return HttpJson.WriteAsync(context, 200, list, HttpJson.Firi.IReadOnlyListFiriMarketDto);
    }

    private Task Market(HttpContext context)
    {
        if (MarketOf(context) is not { } info) return HttpJson.WriteErrorAsync(context, MockError.MarketNotFound);
        var summary = _s.Exchange.Run(e => e.GetMarketSummary(info.Symbol)).Value;
        return HttpJson.WriteAsync(context, 200, MockWire.Market(summary, info), HttpJson.Firi.FiriMarketDto);
    }

    private Task Tickers(HttpContext context)
    {
        var now = _s.Exchange.Now;
        var tickers = _s.Exchange.Run(e => _s.Exchange.Markets.Select(m => (m, e.GetTicker(m.Symbol, now).Value)).ToList());
        var list = tickers.Select(t => MockWire.MarketTicker(t.Value, t.m)).ToList();
        return HttpJson.WriteAsync(context, 200, list, HttpJson.Firi.IReadOnlyListFiriMarketTickerDto);
    }

    private Task Ticker(HttpContext context)
    {
        if (MarketOf(context) is not { } info) return HttpJson.WriteErrorAsync(context, MockError.MarketNotFound);
        var now = _s.Exchange.Now;
        var ticker = _s.Exchange.Run(e => e.GetTicker(info.Symbol, now)).Value;
        return HttpJson.WriteAsync(context, 200, MockWire.Ticker(ticker), HttpJson.Firi.FiriTickerDto);
    }

    private Task Depth(HttpContext context)
    {
        if (MarketOf(context) is not { } info) return HttpJson.WriteErrorAsync(context, MockError.MarketNotFound);
        if (!TryCount(context, "bids", DefaultDepth, out var bids) || !TryCount(context, "asks", DefaultDepth, out var asks))
            return HttpJson.WriteErrorAsync(context, MockError.BadRequest("bids and asks are level counts"));
        var book = _s.Exchange.Run(e => e.GetOrderBook(info.Symbol, Math.Max(bids, asks))).Value;
        var dto = MockWire.OrderBook(book with { Bids = book.Bids.Take(bids).ToList(), Asks = book.Asks.Take(asks).ToList() }, info);
        return HttpJson.WriteAsync(context, 200, dto, HttpJson.Firi.FiriOrderBookDto);
    }

    private Task PublicTrades(HttpContext context)
    {
        if (MarketOf(context) is not { } info) return HttpJson.WriteErrorAsync(context, MockError.MarketNotFound);
        if (!TryCount(context, "count", DefaultCount, out var count)) return BadCount(context);
        var trades = _s.Exchange.Run(e => e.GetPublicTrades(info.Symbol, count)).Value;
        var list = trades.Select(t => MockWire.PublicTrade(t, info)).ToList();
        return HttpJson.WriteAsync(context, 200, list, HttpJson.Firi.IReadOnlyListFiriPublicTradeDto);
    }

    // ---- Private -----------------------------------------------------------------------------

    /// <summary>Authenticates (signature over the exact body bytes, expiry, permission), then runs the handler.</summary>
    private RequestDelegate Private(MockPermissions required, PrivateHandler handler) => async context =>
    {
        var body = await HttpJson.ReadBodyAsync(context);
        var outcome = _s.Auth.Authenticate(context.Request.Headers, context.Request.Query, body, _s.Exchange.Now, required);
        if (outcome.Error is { } error)
        {
            MockLog.AuthRefused(_s.Logger, context.Request.Method, context.Request.Path, error.Name);
            await HttpJson.WriteErrorAsync(context, error);
            return;
        }

        await handler(context, body);
    };

    private Task Balances(HttpContext context, byte[] body)
    {
        var markets = _s.Exchange.Markets;
        var balances = _s.Exchange.Run(e => e.GetBalances());
        var list = balances.Select(b => MockWire.Balance(b, MockWire.CurrencyDecimals(b.Currency, markets))).ToList();
        return HttpJson.WriteAsync(context, 200, list, HttpJson.Firi.IReadOnlyListFiriBalanceDto);
    }

    private Task OpenOrders(HttpContext context, byte[] body)
    {
        var symbol = RouteValue(context, "market");
        MarketInfo? info = null;
        if (symbol is not null && (info = _s.Exchange.Market(symbol)) is null)
            return HttpJson.WriteErrorAsync(context, MockError.MarketNotFound);
        if (!TryCount(context, "count", int.MaxValue, out var count)) return BadCount(context);
        var orders = _s.Exchange.Run(e => e.GetOpenOrders(info?.Symbol)).Value;
        var list = orders.Take(count).Select(o => MockWire.Order(o, _s.Exchange.Market(o.Market)!)).ToList();
        return HttpJson.WriteAsync(context, 200, list, HttpJson.Firi.IReadOnlyListFiriOrderDto);
    }

    private async Task CreateOrder(HttpContext context, byte[] body)
    {
        var order = ParseOrder(body);
        if (order.Error is { } invalid)
        {
            await HttpJson.WriteErrorAsync(context, invalid);
            return;
        }

        var (info, side, price, amount) = (order.Market!, order.Side, order.Price, order.Amount);
        var placed = _s.Exchange.PlaceOrder(info, side, price, amount);
        if (!placed.IsSuccess)
        {
            await HttpJson.WriteErrorAsync(context, MockError.FromEngine(placed.Error, MockError.MarketNotFound));
            return;
        }

        MockLog.OrderCreated(_s.Logger, placed.Value, side.ToWire(), MockWire.Amount(amount, info), info.Symbol, MockWire.Price(price, info));
        if (context.Items[FaultMiddleware.DecisionKey] is FaultDecision { LoseCreate: true })
        {
            // The order exists; its answer never arrives (or arrives after the client stopped waiting).
            _s.Faults.Record(FaultKind.LostCreate);
            MockLog.Fault(_s.Logger, FaultSpec.KindName(FaultKind.LostCreate), context.Request.Method, context.Request.Path);
            if (_s.Faults.Spec.LostCreateDelay is not { } delay)
            {
                context.Abort();
                return;
            }

            if (!await FaultMiddleware.DelayAsync(delay, _s, context)) return;
        }

        await HttpJson.WriteAsync(context, 201, new FiriOrderIdDto(placed.Value), HttpJson.Firi.FiriOrderIdDto);
    }

    private Task CancelAll(HttpContext context, byte[] body)
    {
        _s.Exchange.Run(e => e.CancelAllOrders());
        return HttpJson.WriteEmptyAsync(context, 204);
    }

    /// <summary><c>DELETE /v2/orders/{x}</c>: a market cancels that market's orders, a number one own open order.</summary>
    private Task CancelMarketOrOrder(HttpContext context, byte[] body)
    {
        var target = RouteValue(context, "target");
        if (_s.Exchange.Market(target) is { } info)
        {
            _s.Exchange.Run(e => e.CancelAllOrders(info.Symbol));
            return HttpJson.WriteEmptyAsync(context, 204);
        }

        if (!long.TryParse(target, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return HttpJson.WriteErrorAsync(context, MockError.MarketNotFound);
        var cancelled = _s.Exchange.Run(e => e.CancelOrder(id));
        return cancelled.IsSuccess
            ? HttpJson.WriteEmptyAsync(context, 204)
            : HttpJson.WriteErrorAsync(context, MockError.OrderNotFound);
    }

    private Task CancelDetailed(HttpContext context, byte[] body)
    {
        var market = RouteValue(context, "market");
        if (!long.TryParse(RouteValue(context, "id"), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return HttpJson.WriteErrorAsync(context, MockError.OrderNotFound);
        if (market is not null && _s.Exchange.Market(market) is null) return HttpJson.WriteErrorAsync(context, MockError.MarketNotFound);
        var (cancelled, order) = _s.Exchange.Run(e => (e.CancelOrder(id, market), e.GetOrder(id)));
        if (!cancelled.IsSuccess) return HttpJson.WriteErrorAsync(context, MockError.OrderNotFound);
        var matched = MockWire.Amount(cancelled.Value.MatchedBeforeCancel, _s.Exchange.Market(order.Value.Market)!);
        return HttpJson.WriteAsync(context, 200, new FiriMatchedDto(matched), HttpJson.Firi.FiriMatchedDto);
    }

    private Task OrderHistory(HttpContext context, byte[] body)
    {
        if (!TryMarketFilter(context, out var symbol)) return HttpJson.WriteErrorAsync(context, MockError.MarketNotFound);
        if (!TryCount(context, "count", DefaultCount, out var count)) return BadCount(context);
        var orders = _s.Exchange.Run(e => e.GetOrderHistory(symbol, count)).Value;
        var list = orders.Select(o => MockWire.Order(o, _s.Exchange.Market(o.Market)!)).ToList();
        return HttpJson.WriteAsync(context, 200, list, HttpJson.Firi.IReadOnlyListFiriOrderDto);
    }

    /// <summary><c>GET /v2/order/{id}</c>: a one-element array, as in the docs' sample.</summary>
    private Task OrderById(HttpContext context, byte[] body)
    {
        if (!long.TryParse(RouteValue(context, "id"), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return HttpJson.WriteErrorAsync(context, MockError.OrderNotFound);
        var order = _s.Exchange.Run(e => e.GetOrder(id));
        if (!order.IsSuccess) return HttpJson.WriteErrorAsync(context, MockError.OrderNotFound);
        IReadOnlyList<FiriOrderDto> list = [MockWire.Order(order.Value, _s.Exchange.Market(order.Value.Market)!)];
        return HttpJson.WriteAsync(context, 200, list, HttpJson.Firi.IReadOnlyListFiriOrderDto);
    }

    private Task TradeHistory(HttpContext context, byte[] body)
    {
        if (!TryMarketFilter(context, out var symbol)) return HttpJson.WriteErrorAsync(context, MockError.MarketNotFound);
        if (!TryCount(context, "count", DefaultCount, out var count)) return BadCount(context);
        var trades = _s.Exchange.Run(e => e.GetAccountTrades(symbol, count)).Value;
        var list = trades.Select(t => MockWire.TradeRecord(t, _s.Exchange.Market(t.Market)!)).ToList();
        return HttpJson.WriteAsync(context, 200, list, HttpJson.Firi.IReadOnlyListFiriTradeRecordDto);
    }

    // ---- Helpers -----------------------------------------------------------------------------

    private readonly record struct ParsedOrder(MarketInfo? Market, Side Side, decimal Price, decimal Amount, MockError? Error);

    /// <summary>
    /// Reads <c>{"market","type","price","amount"}</c> (extra fields such as timestamp and validity are
    /// ignored). Values are strings; numbers are tolerated. Firi's and SNOW's validation messages.
    /// </summary>
    private ParsedOrder ParseOrder(byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return Invalid(MockError.BadRequest("The body is not JSON"));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return Invalid(MockError.BadRequest("The body is not a JSON object"));
            var symbol = Text(root, "market");
            if (string.IsNullOrWhiteSpace(symbol)) return Invalid(MockError.BadRequest("Market is invalid"));
            if (_s.Exchange.Market(symbol) is not { } info) return Invalid(MockError.MarketNotFound);
            var type = Text(root, "type")?.Trim().ToUpperInvariant();
            if (type is not ("BID" or "ASK"))
                return Invalid(MockError.BadRequest("Only bid and ask is supported as type at this time"));
            if (!TryPositiveDecimal(Text(root, "price"), out var price)) return Invalid(MockError.BadRequest("Price is invalid"));
            if (!TryPositiveDecimal(Text(root, "amount"), out var amount)) return Invalid(new MockError(400, "InvalidAmount", "Amount is invalid"));
            return new ParsedOrder(info, type == "BID" ? Side.Buy : Side.Sell, price, amount, null);
        }

        static ParsedOrder Invalid(MockError error) => new(null, default, 0m, 0m, error);
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    /// <summary>SNOW's amount rule <c>^\d+(\.\d+)?$</c>: digits, optionally a point and more digits; above zero.</summary>
    private static bool TryPositiveDecimal(string? text, out decimal value)
    {
        value = 0m;
        if (string.IsNullOrEmpty(text) || !char.IsAsciiDigit(text[0]) || !char.IsAsciiDigit(text[^1])) return false;
        if (!text.All(c => char.IsAsciiDigit(c) || c == '.') || text.Count(c => c == '.') > 1) return false;
        return decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) && value > 0m;
    }

    private MarketInfo? MarketOf(HttpContext context) => _s.Exchange.Market(RouteValue(context, "market"));

    /// <summary>An optional <c>{market}</c> route value: true with null when absent, false when it names no market.</summary>
    private bool TryMarketFilter(HttpContext context, out string? symbol)
    {
        symbol = null;
        var value = RouteValue(context, "market");
        if (value is null) return true;
        symbol = _s.Exchange.Market(value)?.Symbol;
        return symbol is not null;
    }

    private static string? RouteValue(HttpContext context, string name) =>
        context.Request.RouteValues.TryGetValue(name, out var value) ? value?.ToString() : null;

    /// <summary>
    /// A count query parameter: absent → <paramref name="fallback"/>; huge (a client once sent 10^20 for
    /// "everything") → clamped. False when it is not a whole number.
    /// </summary>
    private static bool TryCount(HttpContext context, string name, int fallback, out int count)
    {
        count = fallback;
        var text = context.Request.Query[name].ToString();
        if (text.Length == 0) return true;
        if (!text.All(char.IsAsciiDigit)) return false;
        count = text.Length > 9 ? MaxCount : Math.Clamp(int.Parse(text, CultureInfo.InvariantCulture), 0, MaxCount);
        return true;
    }

    private static Task BadCount(HttpContext context) =>
        HttpJson.WriteErrorAsync(context, MockError.BadRequest("count must be a whole number"));
}
