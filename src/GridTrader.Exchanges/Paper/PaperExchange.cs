using GridTrader.Core.MarketData;
using GridTrader.Core.Orders;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Exchanges.Simulation;

namespace GridTrader.Exchanges.Paper;

/// <summary>
/// Paper trading: real market data from <paramref name="marketData"/>, orders and balances in a simulated account.
/// Private calls never reach the real exchange: they are answered by <paramref name="account"/> only, and the
/// market-data client is expected to be built without credentials. Every ticker and public trade seen moves the
/// simulated price, so resting paper orders fill when the real market crosses them.
/// </summary>
public sealed class PaperExchange(IExchange marketData, SimulatedExchange account, TimeProvider time) : IExchange
{
    private readonly Dictionary<string, DateTimeOffset> _lastTrade = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _tradesLock = new();

    public string Name => "paper";

    public SimulatedExchange Account => account;

    public ValueTask<ExchangeResult<DateTimeOffset>> GetServerTimeAsync(CancellationToken ct = default) => marketData.GetServerTimeAsync(ct);

    public ValueTask<ExchangeResult<IReadOnlyList<MarketSummary>>> GetMarketsAsync(CancellationToken ct = default) => marketData.GetMarketsAsync(ct);

    public async ValueTask<ExchangeResult<Ticker>> GetTickerAsync(string market, CancellationToken ct = default)
    {
        var result = await marketData.GetTickerAsync(market, ct);
        if (result.IsSuccess)
        {
            var price = result.Value.Reference;
            if (price > 0)
            {
                lock (account.SyncRoot) account.Engine.MoveTo(market, price, time.GetUtcNow());
            }
        }

        return result;
    }

    public ValueTask<ExchangeResult<OrderBookSnapshot>> GetOrderBookAsync(string market, int depth, CancellationToken ct = default) =>
        marketData.GetOrderBookAsync(market, depth, ct);

    public async ValueTask<ExchangeResult<IReadOnlyList<PublicTrade>>> GetRecentTradesAsync(string market, int count, CancellationToken ct = default)
    {
        var result = await marketData.GetRecentTradesAsync(market, count, ct);
        if (!result.IsSuccess) return result;
        lock (_tradesLock)
        {
            var since = _lastTrade.GetValueOrDefault(market, DateTimeOffset.MinValue);
            var fresh = result.Value.Where(t => t.Time > since && t.Price > 0).OrderBy(t => t.Time).ToList();
            if (fresh.Count > 0)
            {
                _lastTrade[market] = fresh[^1].Time;
                // The first read only sets the starting point: trades from before the bot started fill nothing.
                if (since != DateTimeOffset.MinValue)
                {
                    lock (account.SyncRoot)
                    {
                        foreach (var t in fresh) account.Engine.MoveTo(market, t.Price, time.GetUtcNow());
                    }
                }
            }
        }

        return result;
    }

    public ValueTask<ExchangeResult<IReadOnlyList<Balance>>> GetBalancesAsync(CancellationToken ct = default) => account.GetBalancesAsync(ct);

    public ValueTask<ExchangeResult<long>> PlaceOrderAsync(OrderRequest request, CancellationToken ct = default) => account.PlaceOrderAsync(request, ct);

    public ValueTask<ExchangeResult<CancelResult>> CancelOrderAsync(long orderId, string market, CancellationToken ct = default) =>
        account.CancelOrderAsync(orderId, market, ct);

    public ValueTask<ExchangeResult<bool>> CancelAllOrdersAsync(string? market, CancellationToken ct = default) => account.CancelAllOrdersAsync(market, ct);

    public ValueTask<ExchangeResult<IReadOnlyList<ExchangeOrder>>> GetOpenOrdersAsync(string? market, CancellationToken ct = default) =>
        account.GetOpenOrdersAsync(market, ct);

    public ValueTask<ExchangeResult<ExchangeOrder>> GetOrderAsync(long orderId, CancellationToken ct = default) => account.GetOrderAsync(orderId, ct);

    public ValueTask<ExchangeResult<IReadOnlyList<ExchangeOrder>>> GetOrderHistoryAsync(string? market, int count, CancellationToken ct = default) =>
        account.GetOrderHistoryAsync(market, count, ct);

    public ValueTask<ExchangeResult<IReadOnlyList<AccountTrade>>> GetTradeHistoryAsync(string? market, int count, CancellationToken ct = default) =>
        account.GetTradeHistoryAsync(market, count, ct);
}
