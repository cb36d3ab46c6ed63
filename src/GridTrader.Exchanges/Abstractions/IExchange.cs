using GridTrader.Core.MarketData;
using GridTrader.Core.Orders;

namespace GridTrader.Exchanges.Abstractions;

/// <summary>
/// One exchange account, as the engine sees it. Implemented by the Firi REST client, the simulated
/// exchange (backtest) and the paper exchange. The strategy never knows which one it has.
/// Every method returns expected failures as values; only misuse throws.
/// </summary>
public interface IExchange
{
    /// <summary>A short name for logs, e.g. <c>firi</c> or <c>simulated</c>.</summary>
    string Name { get; }

    /// <summary>The exchange's clock (Firi: <c>GET /time</c>).</summary>
    ValueTask<ExchangeResult<DateTimeOffset>> GetServerTimeAsync(CancellationToken ct = default);

    ValueTask<ExchangeResult<IReadOnlyList<MarketSummary>>> GetMarketsAsync(CancellationToken ct = default);

    ValueTask<ExchangeResult<Ticker>> GetTickerAsync(string market, CancellationToken ct = default);

    ValueTask<ExchangeResult<OrderBookSnapshot>> GetOrderBookAsync(string market, int depth, CancellationToken ct = default);

    /// <summary>Recent public trades, newest first.</summary>
    ValueTask<ExchangeResult<IReadOnlyList<PublicTrade>>> GetRecentTradesAsync(string market, int count, CancellationToken ct = default);

    ValueTask<ExchangeResult<IReadOnlyList<Balance>>> GetBalancesAsync(CancellationToken ct = default);

    /// <summary>
    /// Places a limit order and returns the exchange's order id. Never retried blindly: when the answer
    /// is lost the error is <see cref="ExchangeErrorKind.OutcomeUnknown"/> and reconciliation decides.
    /// </summary>
    ValueTask<ExchangeResult<long>> PlaceOrderAsync(OrderRequest request, CancellationToken ct = default);

    /// <summary>Cancels one order. An order that is already closed yields <see cref="ExchangeErrorKind.NotFound"/>.</summary>
    ValueTask<ExchangeResult<CancelResult>> CancelOrderAsync(long orderId, string market, CancellationToken ct = default);

    /// <summary>Cancels every open order, or only those of <paramref name="market"/>.</summary>
    ValueTask<ExchangeResult<bool>> CancelAllOrdersAsync(string? market, CancellationToken ct = default);

    /// <summary>Open orders (something remaining), of one market or all.</summary>
    ValueTask<ExchangeResult<IReadOnlyList<ExchangeOrder>>> GetOpenOrdersAsync(string? market, CancellationToken ct = default);

    ValueTask<ExchangeResult<ExchangeOrder>> GetOrderAsync(long orderId, CancellationToken ct = default);

    /// <summary>Closed orders (filled and/or cancelled), newest first.</summary>
    ValueTask<ExchangeResult<IReadOnlyList<ExchangeOrder>>> GetOrderHistoryAsync(string? market, int count, CancellationToken ct = default);

    /// <summary>The account's own executions, newest first.</summary>
    ValueTask<ExchangeResult<IReadOnlyList<AccountTrade>>> GetTradeHistoryAsync(string? market, int count, CancellationToken ct = default);
}
