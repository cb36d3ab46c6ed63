using GridTrader.Core.MarketData;
using GridTrader.Core.Orders;
using GridTrader.Exchanges.Abstractions;

namespace GridTrader.Hosting;

/// <summary>Lets reads through and refuses every state-changing call: what a dry-run reconciliation runs against.</summary>
internal sealed class ReadOnlyExchange(IExchange inner) : IExchange
{
    private static readonly ExchangeError Refused = new(ExchangeErrorKind.NotSupported, "dry run: nothing is sent to the exchange");

    public List<string> Refusals { get; } = [];

    public string Name => inner.Name;

    public ValueTask<ExchangeResult<DateTimeOffset>> GetServerTimeAsync(CancellationToken ct = default) => inner.GetServerTimeAsync(ct);

    public ValueTask<ExchangeResult<IReadOnlyList<MarketSummary>>> GetMarketsAsync(CancellationToken ct = default) => inner.GetMarketsAsync(ct);

    public ValueTask<ExchangeResult<Ticker>> GetTickerAsync(string market, CancellationToken ct = default) => inner.GetTickerAsync(market, ct);

    public ValueTask<ExchangeResult<OrderBookSnapshot>> GetOrderBookAsync(string market, int depth, CancellationToken ct = default) =>
        inner.GetOrderBookAsync(market, depth, ct);

    public ValueTask<ExchangeResult<IReadOnlyList<PublicTrade>>> GetRecentTradesAsync(string market, int count, CancellationToken ct = default) =>
        inner.GetRecentTradesAsync(market, count, ct);

    public ValueTask<ExchangeResult<IReadOnlyList<Balance>>> GetBalancesAsync(CancellationToken ct = default) => inner.GetBalancesAsync(ct);

    public ValueTask<ExchangeResult<long>> PlaceOrderAsync(OrderRequest request, CancellationToken ct = default)
    {
        Refusals.Add($"would place {request.Side} {request.Amount} {request.Market} @ {request.Price}");
        return ValueTask.FromResult(ExchangeResult<long>.Failure(Refused));
    }

    public ValueTask<ExchangeResult<CancelResult>> CancelOrderAsync(long orderId, string market, CancellationToken ct = default)
    {
        Refusals.Add($"would cancel order {orderId} ({market})");
        return ValueTask.FromResult(ExchangeResult<CancelResult>.Failure(Refused));
    }

    public ValueTask<ExchangeResult<bool>> CancelAllOrdersAsync(string? market, CancellationToken ct = default)
    {
        Refusals.Add($"would cancel every order{(market is null ? "" : $" of {market}")}");
        return ValueTask.FromResult(ExchangeResult<bool>.Failure(Refused));
    }

    public ValueTask<ExchangeResult<IReadOnlyList<ExchangeOrder>>> GetOpenOrdersAsync(string? market, CancellationToken ct = default) =>
        inner.GetOpenOrdersAsync(market, ct);

    public ValueTask<ExchangeResult<ExchangeOrder>> GetOrderAsync(long orderId, CancellationToken ct = default) => inner.GetOrderAsync(orderId, ct);

    public ValueTask<ExchangeResult<IReadOnlyList<ExchangeOrder>>> GetOrderHistoryAsync(string? market, int count, CancellationToken ct = default) =>
        inner.GetOrderHistoryAsync(market, count, ct);

    public ValueTask<ExchangeResult<IReadOnlyList<AccountTrade>>> GetTradeHistoryAsync(string? market, int count, CancellationToken ct = default) =>
        inner.GetTradeHistoryAsync(market, count, ct);
}
