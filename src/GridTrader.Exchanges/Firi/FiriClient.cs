using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GridTrader.Core.MarketData;
using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Exchanges.Firi.Wire;
using GridTrader.Exchanges.Http;
using Microsoft.Extensions.Logging;

namespace GridTrader.Exchanges.Firi;

/// <summary>
/// <see cref="IExchange"/> over Firi's REST API (docs/firi-api.md, "Endpoints"). Expected failures come back
/// as <see cref="ExchangeError"/> values; only misuse (null or malformed arguments) throws. Reads and
/// cancels are retried on transient failures; orders are placed exactly once.
/// </summary>
public sealed class FiriClient : IExchange
{
    private readonly TimeProvider _time;
    private readonly ILogger<FiriClient> _logger;
    private readonly FiriClientOptions _options;
    private readonly FiriServerClock _clock;
    private readonly FiriTransport _transport;

    /// <param name="http">Used as given; its <c>BaseAddress</c>, when set, overrides <see cref="FiriClientOptions.BaseUrl"/>.</param>
    /// <param name="time">The only clock: signature timestamps, pacing, timeouts and retry delays.</param>
    /// <param name="logger">Receives <c>firi.*</c> events; never credentials or signatures.</param>
    /// <param name="options">Settings; defaults when null.</param>
    /// <param name="credentials">Needed for private endpoints; without them those return <see cref="ExchangeErrorKind.Unauthorized"/> and send nothing.</param>
    /// <param name="pacers">
    /// The process's per-host limiters: every client given the same registry shares Firi's request budget. Null gives
    /// this client a limiter of its own.
    /// </param>
    public FiriClient(HttpClient http, TimeProvider time, ILogger<FiriClient> logger,
        FiriClientOptions? options = null, FiriCredentials? credentials = null, HostPacers? pacers = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options ?? new FiriClientOptions();
        _options.Validate();
        _time = time;
        _logger = logger;
        _clock = new FiriServerClock(time);
        _transport = new FiriTransport(http, time, logger, _options, credentials, _clock, pacers);
    }

    public string Name => "firi";

    /// <summary>Offset of Firi's clock to the local one, as last learned from <c>GET /time</c>.</summary>
    public TimeSpan ClockOffset => _clock.Offset;

    /// <summary>Reads <c>GET /time</c> and signs with the learned offset from then on. Returns the offset.</summary>
    public async ValueTask<ExchangeResult<TimeSpan>> SyncClockAsync(CancellationToken ct = default)
    {
        var serverTime = await GetServerTimeAsync(ct);
        return serverTime.IsSuccess ? ExchangeResult<TimeSpan>.Success(_clock.Offset) : serverTime.Error;
    }

    public async ValueTask<ExchangeResult<DateTimeOffset>> GetServerTimeAsync(CancellationToken ct = default)
    {
        var call = FiriCall.PublicRead("time");
        var response = await SendAsync(call, ct);
        if (!response.IsSuccess) return response.Error;
        var seconds = Decode(call, response.Value.Body, FiriJsonContext.Default.FiriTimeDto, dto => dto.Time);
        if (!seconds.IsSuccess) return seconds.Error;

        TimeSpan? previous = _clock.IsSynced ? _clock.Offset : null;
        var offset = _clock.Learn(seconds.Value, response.Value.SentAt, response.Value.ReceivedAt);
        if (offset != previous) FiriLog.ClockSynced(_logger, offset.TotalSeconds);
        return ExchangeResult<DateTimeOffset>.Success(DateTimeOffset.FromUnixTimeSeconds(seconds.Value));
    }

    public ValueTask<ExchangeResult<IReadOnlyList<MarketSummary>>> GetMarketsAsync(CancellationToken ct = default) =>
        ReadListAsync(FiriCall.PublicRead("v2/markets"), FiriJsonContext.Default.IReadOnlyListFiriMarketDto,
            FiriWireMapper.ToMarketSummary, ct);

    /// <summary>One market's summary (<c>GET /v2/markets/{market}</c>): last price and 24 h stats.</summary>
    public ValueTask<ExchangeResult<MarketSummary>> GetMarketAsync(string market, CancellationToken ct = default) =>
        ReadAsync(FiriCall.PublicRead($"v2/markets/{Symbol(market)}"), FiriJsonContext.Default.FiriMarketDto,
            FiriWireMapper.ToMarketSummary, ct);

    /// <summary>
    /// Best bid and ask from <c>GET /v2/markets/{market}/ticker</c>. That endpoint has no last price, so
    /// with <see cref="FiriClientOptions.TickerLastFromMarket"/> (the default) <c>Last</c> comes from
    /// <c>GET /v2/markets/{market}</c>, and a failure of either request fails the call; otherwise
    /// <c>Last</c> is 0. <c>Time</c> is the local time of the answer (Firi sends none).
    /// </summary>
    public async ValueTask<ExchangeResult<Ticker>> GetTickerAsync(string market, CancellationToken ct = default)
    {
        var symbol = Symbol(market);
        var call = FiriCall.PublicRead($"v2/markets/{symbol}/ticker");
        var response = await SendAsync(call, ct);
        if (!response.IsSuccess) return response.Error;
        var time = _time.GetUtcNow();

        var last = 0m;
        if (_options.TickerLastFromMarket)
        {
            var summary = await GetMarketAsync(symbol, ct);
            if (!summary.IsSuccess) return summary.Error;
            last = summary.Value.Last;
        }

        return Decode(call, response.Value.Body, FiriJsonContext.Default.FiriTickerDto,
            dto => FiriWireMapper.ToTicker(symbol, dto, last, time));
    }

    /// <summary>
    /// Every market's ticker in one request (<c>GET /v2/markets/tickers</c>), with <c>Last</c> from
    /// <c>GET /v2/markets</c> under the same rule as <see cref="GetTickerAsync"/>.
    /// </summary>
    public async ValueTask<ExchangeResult<IReadOnlyList<Ticker>>> GetTickersAsync(CancellationToken ct = default)
    {
        var call = FiriCall.PublicRead("v2/markets/tickers");
        var response = await SendAsync(call, ct);
        if (!response.IsSuccess) return response.Error;
        var time = _time.GetUtcNow();

        var lastByMarket = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        if (_options.TickerLastFromMarket)
        {
            var markets = await GetMarketsAsync(ct);
            if (!markets.IsSuccess) return markets.Error;
            foreach (var summary in markets.Value) lastByMarket[summary.Market] = summary.Last;
        }

        return Decode(call, response.Value.Body, FiriJsonContext.Default.IReadOnlyListFiriMarketTickerDto,
            list => (IReadOnlyList<Ticker>)list
                .Select(dto => FiriWireMapper.ToTicker(dto, lastByMarket.GetValueOrDefault(dto.Market ?? string.Empty), time))
                .ToList());
    }

    public ValueTask<ExchangeResult<OrderBookSnapshot>> GetOrderBookAsync(string market, int depth, CancellationToken ct = default)
    {
        var symbol = Symbol(market);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        var levels = depth.ToString(CultureInfo.InvariantCulture);
        return ReadAsync(FiriCall.PublicRead($"v2/markets/{symbol}/depth", $"bids={levels}&asks={levels}"),
            FiriJsonContext.Default.FiriOrderBookDto, dto => FiriWireMapper.ToOrderBook(symbol, dto, depth), ct);
    }

    public ValueTask<ExchangeResult<IReadOnlyList<PublicTrade>>> GetRecentTradesAsync(string market, int count,
        CancellationToken ct = default)
    {
        var symbol = Symbol(market);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return ReadNewestFirstAsync(FiriCall.PublicRead($"v2/markets/{symbol}/history", FiriCall.CountQuery(count)),
            FiriJsonContext.Default.IReadOnlyListFiriPublicTradeDto, dto => FiriWireMapper.ToPublicTrade(symbol, dto), t => t.Time, ct);
    }

    public ValueTask<ExchangeResult<IReadOnlyList<Balance>>> GetBalancesAsync(CancellationToken ct = default) =>
        ReadListAsync(FiriCall.PrivateRead("v2/balances"), FiriJsonContext.Default.IReadOnlyListFiriBalanceDto,
            FiriWireMapper.ToBalance, ct);

    /// <summary>
    /// <c>POST /v2/orders</c>, sent once. The price and amount must already fit the market's precision
    /// (<see cref="FiriClientOptions.Markets"/>): the client formats, it never rounds, and a value with too
    /// many decimals is refused as <see cref="ExchangeErrorKind.InvalidRequest"/> without a request.
    /// A timeout, a dropped connection, a 5xx, an unreadable 2xx or a cancellation in flight yields
    /// <see cref="ExchangeErrorKind.OutcomeUnknown"/>: the order may exist.
    /// </summary>
    public async ValueTask<ExchangeResult<long>> PlaceOrderAsync(OrderRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var symbol = Symbol(request.Market);
        var precision = _options.PrecisionOf(symbol);
        var order = new FiriOrderCreateBody(string.Empty, string.Empty, symbol, request.Side.ToWire(),
            FiriFormat.FormatDecimal(request.Price, precision.PriceDecimals),
            FiriFormat.FormatDecimal(request.Amount, precision.AmountDecimals));
        var call = FiriCall.Create("v2/orders", order);

        var invalid = Validate(request, symbol, precision);
        if (invalid is not null) return _transport.Report(call, new ExchangeError(ExchangeErrorKind.InvalidRequest, invalid));

        var response = await SendAsync(call, ct);
        if (!response.IsSuccess)
        {
            if (response.Error.Kind == ExchangeErrorKind.OutcomeUnknown) FiriLog.OutcomeUnknown(_logger, symbol, response.Error);
            return response.Error;
        }

        var id = Decode(call, response.Value.Body, FiriJsonContext.Default.FiriOrderIdDto, dto => dto.Id);
        if (!id.IsSuccess || id.Value <= 0)
        {
            // Firi accepted the order (2xx) but its id is unreadable: it exists, the bot just cannot name it.
            var unknown = new ExchangeError(ExchangeErrorKind.OutcomeUnknown,
                $"Order accepted (HTTP {response.Value.Status.ToString(CultureInfo.InvariantCulture)}) but its id could not be read: "
                + (id.IsSuccess ? $"id {id.Value.ToString(CultureInfo.InvariantCulture)}" : id.Error.Message),
                response.Value.Status);
            FiriLog.OutcomeUnknown(_logger, symbol, unknown);
            return unknown;
        }

        FiriLog.OrderPlaced(_logger, id.Value, order.Type, order.Amount, symbol, order.Price);
        return ExchangeResult<long>.Success(id.Value);
    }

    /// <summary>
    /// <c>DELETE /v2/orders/{id}/detailed</c>; <paramref name="market"/> only names the order in logs.
    /// A retried cancel whose first attempt did succeed reports <see cref="ExchangeErrorKind.NotFound"/>.
    /// </summary>
    public ValueTask<ExchangeResult<CancelResult>> CancelOrderAsync(long orderId, string market, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(orderId, 1);
        return ReadAsync(FiriCall.Cancel($"v2/orders/{Id(orderId)}/detailed"), FiriJsonContext.Default.FiriMatchedDto,
            dto => new CancelResult(orderId, FiriWireMapper.ToMatched(dto)), ct);
    }

    /// <summary><c>DELETE /v2/orders</c> or <c>DELETE /v2/orders/{market}</c> (204; any body is ignored).</summary>
    public async ValueTask<ExchangeResult<bool>> CancelAllOrdersAsync(string? market, CancellationToken ct = default)
    {
        var path = market is null ? "v2/orders" : $"v2/orders/{Symbol(market)}";
        var response = await SendAsync(FiriCall.Cancel(path), ct);
        return response.IsSuccess ? ExchangeResult<bool>.Success(true) : response.Error;
    }

    public ValueTask<ExchangeResult<IReadOnlyList<ExchangeOrder>>> GetOpenOrdersAsync(string? market, CancellationToken ct = default) =>
        ReadListAsync(FiriCall.PrivateRead(market is null ? "v2/orders" : $"v2/orders/{Symbol(market)}"),
            FiriJsonContext.Default.IReadOnlyListFiriOrderDto, FiriWireMapper.ToOrder, ct);

    /// <summary><c>GET /v2/order/{id}</c>, which answers with the order object or a one-element array.</summary>
    public async ValueTask<ExchangeResult<ExchangeOrder>> GetOrderAsync(long orderId, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(orderId, 1);
        var call = FiriCall.PrivateRead($"v2/order/{Id(orderId)}");
        var response = await SendAsync(call, ct);
        if (!response.IsSuccess) return response.Error;

        var orders = Decode(call, response.Value.Body, ReadOneOrMany, list => list.Select(FiriWireMapper.ToOrder).ToList());
        if (!orders.IsSuccess) return orders.Error;
        if (orders.Value.Count == 0)
            return _transport.Report(call, new ExchangeError(ExchangeErrorKind.NotFound, "Firi answered with no order.", response.Value.Status));
        var match = orders.Value.FirstOrDefault(o => o.Id == orderId);
        return match is not null
            ? ExchangeResult<ExchangeOrder>.Success(match)
            : _transport.Report(call, new ExchangeError(ExchangeErrorKind.InvalidResponse,
                $"Firi answered with order {Id(orders.Value[0].Id)}, not the one asked for.", response.Value.Status));
    }

    public ValueTask<ExchangeResult<IReadOnlyList<ExchangeOrder>>> GetOrderHistoryAsync(string? market, int count,
        CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var path = market is null ? "v2/orders/history" : $"v2/orders/{Symbol(market)}/history";
        return ReadNewestFirstAsync(FiriCall.PrivateRead(path, FiriCall.CountQuery(count)),
            FiriJsonContext.Default.IReadOnlyListFiriOrderDto, FiriWireMapper.ToOrder, o => o.CreatedAt, ct);
    }

    /// <summary><c>GET /v2/history/orders[/{market}]</c>: Firi's TradeRecords, which carry neither order id nor fee.</summary>
    public ValueTask<ExchangeResult<IReadOnlyList<AccountTrade>>> GetTradeHistoryAsync(string? market, int count,
        CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var path = market is null ? "v2/history/orders" : $"v2/history/orders/{Symbol(market)}";
        return ReadNewestFirstAsync(FiriCall.PrivateRead(path, FiriCall.CountQuery(count)),
            FiriJsonContext.Default.IReadOnlyListFiriTradeRecordDto, FiriWireMapper.ToAccountTrade, t => t.Time, ct);
    }

    private async ValueTask<ExchangeResult<TOut>> ReadAsync<TDto, TOut>(FiriCall call, JsonTypeInfo<TDto> type,
        Func<TDto, TOut> map, CancellationToken ct)
    {
        var response = await SendAsync(call, ct);
        return response.IsSuccess ? Decode(call, response.Value.Body, type, map) : response.Error;
    }

    private ValueTask<ExchangeResult<IReadOnlyList<TOut>>> ReadListAsync<TDto, TOut>(FiriCall call,
        JsonTypeInfo<IReadOnlyList<TDto>> type, Func<TDto, TOut> map, CancellationToken ct) =>
        ReadAsync(call, type, list => (IReadOnlyList<TOut>)list.Select(map).ToList(), ct);

    /// <summary>A list sorted newest first whatever order Firi sent it in (the sort is stable).</summary>
    private async ValueTask<ExchangeResult<IReadOnlyList<TOut>>> ReadNewestFirstAsync<TDto, TOut>(FiriCall call,
        JsonTypeInfo<IReadOnlyList<TDto>> type, Func<TDto, TOut> map, Func<TOut, DateTimeOffset> time, CancellationToken ct)
    {
        var items = await ReadListAsync(call, type, map, ct);
        return items.IsSuccess
            ? ExchangeResult<IReadOnlyList<TOut>>.Success(items.Value.OrderByDescending(time).ToList())
            : items;
    }

    /// <summary>Sends a call, first learning the server clock when a private call needs it and it is not known yet.</summary>
    private async ValueTask<ExchangeResult<FiriResponse>> SendAsync(FiriCall call, CancellationToken ct)
    {
        if (call.IsPrivate && _transport.HasCredentials && _options.AutoSyncClock && !_clock.IsSynced)
        {
            var synced = await SyncClockAsync(ct);
            if (!synced.IsSuccess)
            {
                if (synced.Error.Kind == ExchangeErrorKind.Cancelled) return synced.Error;
                FiriLog.ClockSyncFailed(_logger, synced.Error);
            }
        }

        return await _transport.SendAsync(call, ct);
    }

    private ExchangeResult<TOut> Decode<TDto, TOut>(FiriCall call, byte[] body, JsonTypeInfo<TDto> type, Func<TDto, TOut> map) =>
        Decode(call, body, bytes => JsonSerializer.Deserialize(bytes, type) ?? throw new JsonException("The answer is JSON null."), map);

    /// <summary>The decoding edge: malformed JSON or values become <see cref="ExchangeErrorKind.InvalidResponse"/>.</summary>
    private ExchangeResult<TOut> Decode<TDto, TOut>(FiriCall call, byte[] body, Func<byte[], TDto> read, Func<TDto, TOut> map)
    {
        string problem;
        try
        {
            return ExchangeResult<TOut>.Success(map(read(body)));
        }
        catch (JsonException ex)
        {
            problem = ex.Message;
        }
        catch (FormatException ex)
        {
            problem = ex.Message;
        }
        catch (OverflowException ex)
        {
            problem = ex.Message;
        }

        return _transport.Report(call, new ExchangeError(ExchangeErrorKind.InvalidResponse, $"Unreadable answer: {problem}"));
    }

    private static IReadOnlyList<FiriOrderDto> ReadOneOrMany(byte[] body)
    {
        var reader = new Utf8JsonReader(body);
        if (!reader.Read()) throw new JsonException("The answer is empty.");
        return reader.TokenType == JsonTokenType.StartArray
            ? JsonSerializer.Deserialize(body, FiriJsonContext.Default.IReadOnlyListFiriOrderDto) ?? []
            : [JsonSerializer.Deserialize(body, FiriJsonContext.Default.FiriOrderDto) ?? throw new JsonException("The answer is JSON null.")];
    }

    private static string? Validate(OrderRequest request, string symbol, FiriMarketPrecision precision)
    {
        if (request.Price <= 0 || request.Amount <= 0) return "Price and amount must be positive.";
        if (!FiriFormat.FitsDecimals(request.Price, precision.PriceDecimals))
            return $"Price {request.Price.ToString(CultureInfo.InvariantCulture)} has more than {precision.PriceDecimals} decimals, the precision of {symbol}.";
        if (!FiriFormat.FitsDecimals(request.Amount, precision.AmountDecimals))
            return $"Amount {request.Amount.ToString(CultureInfo.InvariantCulture)} has more than {precision.AmountDecimals} decimals, the precision of {symbol}.";
        return null;
    }

    /// <summary>A market symbol as it appears in a path: upper case letters and digits only (e.g. BTCNOK).</summary>
    private static string Symbol(string market)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(market);
        var symbol = market.Trim().ToUpperInvariant();
        if (!symbol.All(char.IsAsciiLetterOrDigit))
            throw new ArgumentException($"'{market}' is not a market symbol such as BTCNOK.", nameof(market));
        return symbol;
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
