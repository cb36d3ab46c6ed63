using GridTrader.Core.MarketData;
using GridTrader.Core.Orders;
using GridTrader.Exchanges.Abstractions;

namespace GridTrader.Engine.Tests.Live;

/// <summary>An exchange decorator that loses answers the way networks do.</summary>
internal sealed class FaultyExchange(IExchange inner) : IExchange
{
    private readonly Lock _gate = new();
    private int _loseCreateAnswers;
    private int _dropCreatesBeforeSending;
    private int _privateCalls;

    public string Name => inner.Name;

    /// <summary>Number of calls to endpoints that need credentials.</summary>
    public int PrivateCalls => Volatile.Read(ref _privateCalls);

    public int PlaceCalls { get; private set; }

    /// <summary>The next <paramref name="n"/> creates reach the exchange, but their answer is lost.</summary>
    public void LoseCreateAnswers(int n)
    {
        lock (_gate) _loseCreateAnswers = n;
    }

    /// <summary>The next <paramref name="n"/> creates never reach the exchange and their outcome is unknown.</summary>
    public void DropCreatesBeforeSending(int n)
    {
        lock (_gate) _dropCreatesBeforeSending = n;
    }

    private bool Take(ref int counter)
    {
        lock (_gate)
        {
            if (counter <= 0) return false;
            counter--;
            return true;
        }
    }

    public ValueTask<ExchangeResult<DateTimeOffset>> GetServerTimeAsync(CancellationToken ct = default) => inner.GetServerTimeAsync(ct);

    public ValueTask<ExchangeResult<IReadOnlyList<MarketSummary>>> GetMarketsAsync(CancellationToken ct = default) => inner.GetMarketsAsync(ct);

    public ValueTask<ExchangeResult<Ticker>> GetTickerAsync(string market, CancellationToken ct = default) => inner.GetTickerAsync(market, ct);

    public ValueTask<ExchangeResult<OrderBookSnapshot>> GetOrderBookAsync(string market, int depth, CancellationToken ct = default) =>
        inner.GetOrderBookAsync(market, depth, ct);

    public ValueTask<ExchangeResult<IReadOnlyList<PublicTrade>>> GetRecentTradesAsync(string market, int count, CancellationToken ct = default) =>
        inner.GetRecentTradesAsync(market, count, ct);

    public ValueTask<ExchangeResult<IReadOnlyList<Balance>>> GetBalancesAsync(CancellationToken ct = default)
    {
        Interlocked.Increment(ref _privateCalls);
        return inner.GetBalancesAsync(ct);
    }

    public async ValueTask<ExchangeResult<long>> PlaceOrderAsync(OrderRequest request, CancellationToken ct = default)
    {
        Interlocked.Increment(ref _privateCalls);
        PlaceCalls++;
        if (Take(ref _dropCreatesBeforeSending))
            return ExchangeResult<long>.Failure(ExchangeErrorKind.OutcomeUnknown, "connection dropped (injected)");
        var result = await inner.PlaceOrderAsync(request, ct);
        if (Take(ref _loseCreateAnswers))
            return ExchangeResult<long>.Failure(ExchangeErrorKind.OutcomeUnknown, "answer lost (injected)");
        return result;
    }

    public ValueTask<ExchangeResult<CancelResult>> CancelOrderAsync(long orderId, string market, CancellationToken ct = default)
    {
        Interlocked.Increment(ref _privateCalls);
        return inner.CancelOrderAsync(orderId, market, ct);
    }

    public ValueTask<ExchangeResult<bool>> CancelAllOrdersAsync(string? market, CancellationToken ct = default)
    {
        Interlocked.Increment(ref _privateCalls);
        return inner.CancelAllOrdersAsync(market, ct);
    }

    public ValueTask<ExchangeResult<IReadOnlyList<ExchangeOrder>>> GetOpenOrdersAsync(string? market, CancellationToken ct = default)
    {
        Interlocked.Increment(ref _privateCalls);
        return inner.GetOpenOrdersAsync(market, ct);
    }

    public ValueTask<ExchangeResult<ExchangeOrder>> GetOrderAsync(long orderId, CancellationToken ct = default)
    {
        Interlocked.Increment(ref _privateCalls);
        return inner.GetOrderAsync(orderId, ct);
    }

    public ValueTask<ExchangeResult<IReadOnlyList<ExchangeOrder>>> GetOrderHistoryAsync(string? market, int count, CancellationToken ct = default)
    {
        Interlocked.Increment(ref _privateCalls);
        return inner.GetOrderHistoryAsync(market, count, ct);
    }

    public ValueTask<ExchangeResult<IReadOnlyList<AccountTrade>>> GetTradeHistoryAsync(string? market, int count, CancellationToken ct = default)
    {
        Interlocked.Increment(ref _privateCalls);
        return inner.GetTradeHistoryAsync(market, count, ct);
    }
}
