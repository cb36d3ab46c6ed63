using GridTrader.Core.MarketData;
using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Exchanges.Abstractions;

namespace GridTrader.Exchanges.Simulation;

/// <summary>
/// <see cref="IExchange"/> over a <see cref="MatchingEngine"/>, for backtests and paper trading. Every call
/// completes synchronously and takes its time from the injected <see cref="TimeProvider"/> (the backtest's
/// data-driven clock, or the system clock in paper mode). Calls are serialised on <see cref="SyncRoot"/>;
/// whoever drives <see cref="Engine"/> directly from another thread takes the same lock.
/// </summary>
public sealed class SimulatedExchange : IExchange
{
    private static readonly ExchangeError CancelledError = new(ExchangeErrorKind.Cancelled, "The operation was cancelled.");
    private readonly TimeProvider _time;

    public SimulatedExchange(MatchingEngine engine, TimeProvider timeProvider)
    {
        Engine = engine ?? throw new ArgumentNullException(nameof(engine));
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
    }

    /// <summary>Builds an engine with <paramref name="markets"/> and <paramref name="initialBalances"/> (currency → amount).</summary>
    public SimulatedExchange(IEnumerable<MarketInfo> markets, IReadOnlyDictionary<string, decimal> initialBalances,
        TimeProvider timeProvider, MatchingEngineOptions? options = null)
        : this(new MatchingEngine(options), timeProvider)
    {
        ArgumentNullException.ThrowIfNull(markets);
        ArgumentNullException.ThrowIfNull(initialBalances);
        foreach (var market in markets) Engine.AddMarket(market);
        foreach (var (currency, amount) in initialBalances) Engine.Deposit(currency, amount);
    }

    public string Name => "simulated";

    /// <summary>The engine, for the backtester's fast path (candles, fill draining) on the owning thread.</summary>
    public MatchingEngine Engine { get; }

    public Lock SyncRoot { get; } = new();

    public ValueTask<ExchangeResult<DateTimeOffset>> GetServerTimeAsync(CancellationToken ct = default) =>
        Run(_time.GetUtcNow(), ct);

    public ValueTask<ExchangeResult<IReadOnlyList<MarketSummary>>> GetMarketsAsync(CancellationToken ct = default) =>
        Run(static (e, _) => ExchangeResult<IReadOnlyList<MarketSummary>>.Success(e.GetMarketSummaries()), 0, ct);

    public ValueTask<ExchangeResult<Ticker>> GetTickerAsync(string market, CancellationToken ct = default) =>
        Run(static (e, a) => e.GetTicker(a.market, a.now), (market, now: _time.GetUtcNow()), ct);

    public ValueTask<ExchangeResult<OrderBookSnapshot>> GetOrderBookAsync(string market, int depth, CancellationToken ct = default) =>
        Run(static (e, a) => e.GetOrderBook(a.market, a.depth), (market, depth), ct);

    public ValueTask<ExchangeResult<IReadOnlyList<PublicTrade>>> GetRecentTradesAsync(string market, int count, CancellationToken ct = default) =>
        Run(static (e, a) => e.GetPublicTrades(a.market, a.count), (market, count), ct);

    public ValueTask<ExchangeResult<IReadOnlyList<Balance>>> GetBalancesAsync(CancellationToken ct = default) =>
        Run(static (e, _) => ExchangeResult<IReadOnlyList<Balance>>.Success(e.GetBalances()), 0, ct);

    public ValueTask<ExchangeResult<long>> PlaceOrderAsync(OrderRequest request, CancellationToken ct = default) =>
        Run(static (e, a) => e.PlaceOrder(a.request, a.now), (request, now: _time.GetUtcNow()), ct);

    public ValueTask<ExchangeResult<CancelResult>> CancelOrderAsync(long orderId, string market, CancellationToken ct = default) =>
        Run(static (e, a) => e.CancelOrder(a.orderId, a.market), (orderId, market), ct);

    public ValueTask<ExchangeResult<bool>> CancelAllOrdersAsync(string? market, CancellationToken ct = default) =>
        Run(static (e, m) => e.CancelAllOrders(m) is { IsSuccess: false } r
            ? ExchangeResult<bool>.Failure(r.Error)
            : ExchangeResult<bool>.Success(true), market, ct);

    public ValueTask<ExchangeResult<IReadOnlyList<ExchangeOrder>>> GetOpenOrdersAsync(string? market, CancellationToken ct = default) =>
        Run(static (e, m) => e.GetOpenOrders(m), market, ct);

    public ValueTask<ExchangeResult<ExchangeOrder>> GetOrderAsync(long orderId, CancellationToken ct = default) =>
        Run(static (e, id) => e.GetOrder(id), orderId, ct);

    public ValueTask<ExchangeResult<IReadOnlyList<ExchangeOrder>>> GetOrderHistoryAsync(string? market, int count, CancellationToken ct = default) =>
        Run(static (e, a) => e.GetOrderHistory(a.market, a.count), (market, count), ct);

    public ValueTask<ExchangeResult<IReadOnlyList<AccountTrade>>> GetTradeHistoryAsync(string? market, int count, CancellationToken ct = default) =>
        Run(static (e, a) => e.GetAccountTrades(a.market, a.count), (market, count), ct);

    /// <summary>Runs one engine call under the lock; a caller that has already cancelled gets a Cancelled error instead.</summary>
    private ValueTask<ExchangeResult<T>> Run<T, TArg>(Func<MatchingEngine, TArg, ExchangeResult<T>> call, TArg arg, CancellationToken ct)
    {
        if (ct.IsCancellationRequested) return new(ExchangeResult<T>.Failure(CancelledError));
        lock (SyncRoot)
        {
            return new(call(Engine, arg));
        }
    }

    private static ValueTask<ExchangeResult<T>> Run<T>(T value, CancellationToken ct) =>
        new(ct.IsCancellationRequested ? ExchangeResult<T>.Failure(CancelledError) : ExchangeResult<T>.Success(value));
}
