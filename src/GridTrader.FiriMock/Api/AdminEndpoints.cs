using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GridTrader.Core.MarketData;
using GridTrader.Core.Markets;
using GridTrader.Exchanges.Firi.Wire;
using GridTrader.FiriMock.Faults;

namespace GridTrader.FiriMock.Api;

/// <summary>
/// The mock-only admin API, unauthenticated (the server listens on 127.0.0.1 only) and never faulted:
/// <list type="bullet">
/// <item><c>GET /admin/state</c>: prices, balances, open orders, orders created per (market, side, price),
/// requests per route, faults injected;</item>
/// <item><c>GET /admin/faults</c>, <c>POST /admin/faults</c> (<c>{"spec":"…","seed":n}</c> or the spec as plain text);</item>
/// <item><c>POST /admin/price</c> <c>{"market","price","volume"?}</c> and <c>POST /admin/candle</c>
/// <c>{"market","open","high","low","close","volume"}</c>: scripted moves, after which that market's feed stays paused;</item>
/// <item><c>POST /admin/deposit</c> <c>{"currency","amount"}</c>;</item>
/// <item><c>POST /admin/reset</c>: engine, balances, prices, counters and faults back to the start.</item>
/// </list>
/// </summary>
internal sealed class AdminEndpoints(MockServices services)
{
    private readonly MockServices _s = services;

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/admin/state", State);
        app.MapGet("/admin/ledger", context => HttpJson.WriteAsync(context, 200, Ledger(), MockJsonContext.Default.LedgerDto));
        app.MapGet("/admin/faults", context => HttpJson.WriteAsync(context, 200, Faults(), MockJsonContext.Default.FaultsDto));
        app.MapPost("/admin/faults", SetFaults);
        app.MapPost("/admin/price", Price);
        app.MapPost("/admin/candle", Candle);
        app.MapPost("/admin/deposit", Deposit);
        app.MapPost("/admin/reset", Reset);
    }

    public MockStateDto Snapshot()
    {
        var exchange = _s.Exchange;
        var markets = exchange.Markets;
        var (balances, orders, prices) = exchange.Run(e => (
            e.GetBalances(),
            e.GetOpenOrders().Value,
            markets.Select(m => (m, Last: e.TryGetLastPrice(m.Symbol, out var p) ? p : 0m)).ToList()));
        var (created, byPrice) = exchange.Created();
        return new MockStateDto(
            FiriFormat.FormatTime(exchange.Now),
            prices.Select(p => new PriceDto(p.m.Symbol, MockWire.Price(p.Last, p.m), exchange.IsScripted(p.m.Symbol))).ToList(),
            balances.Select(b => MockWire.Balance(b, MockWire.CurrencyDecimals(b.Currency, markets))).ToList(),
            orders.Select(o => MockWire.Order(o, exchange.Market(o.Market)!)).ToList(),
            created,
            byPrice.Select(c => new CreatedOrdersDto(c.Market, c.Side.ToWire(), MockWire.Price(c.Price, exchange.Market(c.Market)!),
                c.Count, MockWire.Amount(c.Amount, exchange.Market(c.Market)!))).ToList(),
            _s.Requests.Total,
            _s.Requests.ByRoute,
            Faults());
    }

    /// <summary>Every order, execution and exact balance of the account.</summary>
    public LedgerDto Ledger()
    {
        static string D(decimal d) => d.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (open, closed, trades, balances) = _s.Exchange.Run(e => (
            e.GetOpenOrders().Value,
            e.GetOrderHistory(null, int.MaxValue).Value,
            e.GetAccountTrades(null, int.MaxValue).Value,
            e.GetBalances()));
        return new LedgerDto(
            open.Concat(closed).OrderBy(o => o.Id)
                .Select(o => new LedgerOrderDto(o.Id, o.Market, o.Side.ToWire(), D(o.Price), D(o.Amount), D(o.Matched), D(o.Remaining), D(o.Cancelled)))
                .ToList(),
            trades.Reverse()
                .Select(t => new LedgerTradeDto(t.OrderId ?? 0, t.Market, t.Side.ToWire(), D(t.Price), D(t.Amount), D(t.Fee), t.FeeCurrency ?? "", t.IsMaker))
                .ToList(),
            balances.Select(b => new LedgerBalanceDto(b.Currency, D(b.Total), D(b.Hold))).ToList());
    }

    private FaultsDto Faults() => new(
        _s.Faults.Spec.ToString(),
        _s.Faults.Seed,
        _s.Faults.Injected.ToDictionary(e => FaultSpec.KindName(e.Key), e => e.Value, StringComparer.Ordinal));

    private Task State(HttpContext context) => HttpJson.WriteAsync(context, 200, Snapshot(), MockJsonContext.Default.MockStateDto);

    private async Task SetFaults(HttpContext context)
    {
        var body = await HttpJson.ReadBodyAsync(context);
        FaultsRequest? request;
        if (IsJson(body))
        {
            request = await ReadAsync(context, body, MockJsonContext.Default.FaultsRequest);
            if (request is null) return;
        }
        else
        {
            request = new FaultsRequest(Encoding.UTF8.GetString(body), null);
        }

        FaultSpec spec;
        try
        {
            spec = FaultSpec.Parse(request.Spec);
        }
        catch (FormatException ex)
        {
            await HttpJson.WriteErrorAsync(context, MockError.BadRequest(ex.Message));
            return;
        }

        _s.Faults.Configure(spec, request.Seed);
        MockLog.Admin(_s.Logger, "faults", spec.ToString());
        await HttpJson.WriteAsync(context, 200, Faults(), MockJsonContext.Default.FaultsDto);
    }

    private async Task Price(HttpContext context)
    {
        var (request, info) = await ReadMarketRequestAsync(context, MockJsonContext.Default.PriceRequest, r => r.Market);
        if (request is null || info is null) return;

        if (request.Price <= 0m || !FiriFormat.FitsDecimals(request.Price, info.PriceDecimals) || request.Volume < 0m)
        {
            await HttpJson.WriteErrorAsync(context, MockError.BadRequest($"price must be positive with at most {info.PriceDecimals} decimals; volume non-negative"));
            return;
        }

        _s.Exchange.MovePrice(info, request.Price, request.Volume);
        MockLog.Admin(_s.Logger, "price", $"{info.Symbol} {MockWire.Price(request.Price, info)}");
        await WritePriceAsync(context, info);
    }

    private async Task Candle(HttpContext context)
    {
        var (request, info) = await ReadMarketRequestAsync(context, MockJsonContext.Default.CandleRequest, r => r.Market);
        if (request is null || info is null) return;

        var candle = new Candle(0, request.Open, request.High, request.Low, request.Close, request.Volume);
        var onTick = new[] { candle.Open, candle.High, candle.Low, candle.Close }.All(p => FiriFormat.FitsDecimals(p, info.PriceDecimals));
        if (!candle.IsValid || !onTick)
        {
            await HttpJson.WriteErrorAsync(context, MockError.BadRequest("inconsistent candle: need low ≤ open, close ≤ high, low > 0, volume ≥ 0, prices on the tick"));
            return;
        }

        _s.Exchange.ProcessCandle(info, candle);
        MockLog.Admin(_s.Logger, "candle", info.Symbol);
        await WritePriceAsync(context, info);
    }

    private async Task Deposit(HttpContext context)
    {
        var request = await ReadAsync(context, await HttpJson.ReadBodyAsync(context), MockJsonContext.Default.DepositRequest);
        if (request is null) return;
        if (string.IsNullOrWhiteSpace(request.Currency) || !request.Currency.All(char.IsAsciiLetterOrDigit) || request.Amount <= 0m)
        {
            await HttpJson.WriteErrorAsync(context, MockError.BadRequest("currency (letters) and a positive amount are required"));
            return;
        }

        _s.Exchange.Deposit(request.Currency, request.Amount);
        MockLog.Admin(_s.Logger, "deposit", request.Currency.ToUpperInvariant());
        await State(context);
    }

    private Task Reset(HttpContext context)
    {
        _s.Exchange.Reset();
        _s.Requests.Clear();
        _s.Faults.Reset(_s.Options.Faults, _s.Options.Seed);
        MockLog.Admin(_s.Logger, "reset", "engine, counters and faults");
        return State(context);
    }

    private Task WritePriceAsync(HttpContext context, MarketInfo info)
    {
        var last = _s.Exchange.Run(e => e.TryGetLastPrice(info.Symbol, out var p) ? p : 0m);
        return HttpJson.WriteAsync(context, 200, new PriceDto(info.Symbol, MockWire.Price(last, info), _s.Exchange.IsScripted(info.Symbol)),
            MockJsonContext.Default.PriceDto);
    }

    private static bool IsJson(byte[] body) => body.AsSpan().TrimStart(" \t\r\n"u8) is [(byte)'{', ..];

    /// <summary>Reads a JSON request naming a market, or answers 400 or 404 and returns nulls.</summary>
    private async Task<(T? Request, MarketInfo? Market)> ReadMarketRequestAsync<T>(HttpContext context, JsonTypeInfo<T> type,
        Func<T, string?> market)
        where T : class
    {
        var request = await ReadAsync(context, await HttpJson.ReadBodyAsync(context), type);
        if (request is null) return (null, null);
        if (_s.Exchange.Market(market(request)) is { } info) return (request, info);
        await HttpJson.WriteErrorAsync(context, MockError.MarketNotFound);
        return (null, null);
    }

    /// <summary>Reads a JSON body, or answers 400 and returns null.</summary>
    private static async Task<T?> ReadAsync<T>(HttpContext context, byte[] body, JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            if (JsonSerializer.Deserialize(body, type) is { } value) return value;
        }
        catch (JsonException)
        {
        }

        await HttpJson.WriteErrorAsync(context, MockError.BadRequest($"expected a JSON {typeof(T).Name}"));
        return null;
    }
}
