using GridTrader.Core.MarketData;
using GridTrader.Core.Orders;

namespace GridTrader.Exchanges.Abstractions;

/// <summary>
/// An <see cref="IExchange"/> that forwards every call to <see cref="Inner"/>; decorators (paper trading, dry runs,
/// fault injection in tests) override only the calls they change.
/// </summary>
public abstract class DelegatingExchange(IExchange inner) : IExchange
{
    protected IExchange Inner { get; } = inner ?? throw new ArgumentNullException(nameof(inner));

    public virtual string Name => Inner.Name;

    public virtual ValueTask<ExchangeResult<DateTimeOffset>> GetServerTimeAsync(CancellationToken ct = default) => Inner.GetServerTimeAsync(ct);

    public virtual ValueTask<ExchangeResult<IReadOnlyList<MarketSummary>>> GetMarketsAsync(CancellationToken ct = default) => Inner.GetMarketsAsync(ct);

    public virtual ValueTask<ExchangeResult<Ticker>> GetTickerAsync(string market, CancellationToken ct = default) => Inner.GetTickerAsync(market, ct);

    public virtual ValueTask<ExchangeResult<OrderBookSnapshot>> GetOrderBookAsync(string market, int depth, CancellationToken ct = default) =>
        Inner.GetOrderBookAsync(market, depth, ct);

    public virtual ValueTask<ExchangeResult<IReadOnlyList<PublicTrade>>> GetRecentTradesAsync(string market, int count, CancellationToken ct = default) =>
        Inner.GetRecentTradesAsync(market, count, ct);

    public virtual ValueTask<ExchangeResult<IReadOnlyList<Balance>>> GetBalancesAsync(CancellationToken ct = default) => Inner.GetBalancesAsync(ct);

    public virtual ValueTask<ExchangeResult<long>> PlaceOrderAsync(OrderRequest request, CancellationToken ct = default) =>
        Inner.PlaceOrderAsync(request, ct);

    public virtual ValueTask<ExchangeResult<CancelResult>> CancelOrderAsync(long orderId, string market, CancellationToken ct = default) =>
        Inner.CancelOrderAsync(orderId, market, ct);

    public virtual ValueTask<ExchangeResult<bool>> CancelAllOrdersAsync(string? market, CancellationToken ct = default) =>
        Inner.CancelAllOrdersAsync(market, ct);

    public virtual ValueTask<ExchangeResult<IReadOnlyList<ExchangeOrder>>> GetOpenOrdersAsync(string? market, CancellationToken ct = default) =>
        Inner.GetOpenOrdersAsync(market, ct);

    public virtual ValueTask<ExchangeResult<ExchangeOrder>> GetOrderAsync(long orderId, CancellationToken ct = default) => Inner.GetOrderAsync(orderId, ct);

    public virtual ValueTask<ExchangeResult<IReadOnlyList<ExchangeOrder>>> GetOrderHistoryAsync(string? market, int count, CancellationToken ct = default) =>
        Inner.GetOrderHistoryAsync(market, count, ct);

    public virtual ValueTask<ExchangeResult<IReadOnlyList<AccountTrade>>> GetTradeHistoryAsync(string? market, int count, CancellationToken ct = default) =>
        Inner.GetTradeHistoryAsync(market, count, ct);
}
