using GridTrader.Core.MarketData;
using GridTrader.Core.Orders;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Exchanges.Simulation;

namespace GridTrader.Exchanges.Paper;

/// <summary>
/// Paper trading: real market data from <paramref name="marketData"/>, orders and balances in a simulated account.
/// Private calls never reach the real exchange: they are answered by <paramref name="account"/> only, and the
/// market-data client is expected to be built without credentials. Every ticker and public trade seen moves the
/// simulated price, so resting paper orders fill when the real market crosses them as the account's
/// <see cref="MatchingEngineOptions.FillModel"/> defines it: with trade-through, only prints at least a tick through an
/// order's price fill it; with volume-share, a print fills at most the share of its own amount and a ticker fills nothing.
/// </summary>
/// <remarks>
/// With a <paramref name="store"/>, the account is saved after every change (an order placed or cancelled, a price move
/// that filled something) before the call returns, like an exchange that has committed its books: a restarted paper bot
/// finds the balances, resting orders, fills and ids it left, and reconciles against them as a live bot does against
/// Firi. A save that fails is not an answer the caller could act on, so it is thrown.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001",
    Justification = "The SemaphoreSlim's wait handle is never requested, so it holds nothing that needs disposing.")]
public sealed class PaperExchange(IExchange marketData, SimulatedExchange account, TimeProvider time, IPaperAccountStore? store = null)
    : DelegatingExchange(account)
{
    private readonly Dictionary<string, DateTimeOffset> _lastTrade = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _tradesLock = new();
    // Changes and their saves happen one at a time, so the store never receives an older account after a newer one. The
    // wait is short and not cancellable: a cancelled call is answered by the account itself, which changes nothing.
    private readonly SemaphoreSlim _changes = new(1, 1);

    public override string Name => "paper";

    public SimulatedExchange Account => account;

    public override ValueTask<ExchangeResult<DateTimeOffset>> GetServerTimeAsync(CancellationToken ct = default) => marketData.GetServerTimeAsync(ct);

    public override ValueTask<ExchangeResult<IReadOnlyList<MarketSummary>>> GetMarketsAsync(CancellationToken ct = default) => marketData.GetMarketsAsync(ct);

    public override async ValueTask<ExchangeResult<Ticker>> GetTickerAsync(string market, CancellationToken ct = default)
    {
        var result = await marketData.GetTickerAsync(market, ct);
        if (result.IsSuccess)
        {
            var price = result.Value.Reference;
            if (price > 0) await ChangeAsync(() => account.Engine.MoveTo(market, price, time.GetUtcNow()));
        }

        return result;
    }

    public override ValueTask<ExchangeResult<OrderBookSnapshot>> GetOrderBookAsync(string market, int depth, CancellationToken ct = default) =>
        marketData.GetOrderBookAsync(market, depth, ct);

    public override async ValueTask<ExchangeResult<IReadOnlyList<PublicTrade>>> GetRecentTradesAsync(string market, int count, CancellationToken ct = default)
    {
        var result = await marketData.GetRecentTradesAsync(market, count, ct);
        if (!result.IsSuccess) return result;
        List<PublicTrade> fresh;
        bool first;
        lock (_tradesLock)
        {
            var since = _lastTrade.GetValueOrDefault(market, DateTimeOffset.MinValue);
            fresh = result.Value.Where(t => t.Time > since && t.Price > 0).OrderBy(t => t.Time).ToList();
            first = since == DateTimeOffset.MinValue;
            if (fresh.Count > 0) _lastTrade[market] = fresh[^1].Time;
        }

        // The first read only sets the starting point: trades from before the bot started fill nothing.
        if (!first && fresh.Count > 0)
        {
            await ChangeAsync(() =>
            {
                foreach (var t in fresh) account.Engine.MoveTo(market, t.Price, time.GetUtcNow(), Math.Max(t.Amount, 0m));
            });
        }

        return result;
    }

    public override ValueTask<ExchangeResult<long>> PlaceOrderAsync(OrderRequest request, CancellationToken ct = default) =>
        ChangeAsync(() => base.PlaceOrderAsync(request, ct));

    public override ValueTask<ExchangeResult<CancelResult>> CancelOrderAsync(long orderId, string market, CancellationToken ct = default) =>
        ChangeAsync(() => base.CancelOrderAsync(orderId, market, ct));

    public override ValueTask<ExchangeResult<bool>> CancelAllOrdersAsync(string? market, CancellationToken ct = default) =>
        ChangeAsync(() => base.CancelAllOrdersAsync(market, ct));

    /// <summary>Saves the account as it is now (the first start saves the freshly funded one).</summary>
    public async ValueTask SaveAsync(CancellationToken ct = default)
    {
        if (store is null) return;
        await _changes.WaitAsync(ct);
        try
        {
            await store.SaveAsync(Export(), ct);
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>A price move: saved only when it filled something.</summary>
    private async ValueTask ChangeAsync(Action move)
    {
        await _changes.WaitAsync(CancellationToken.None);
        try
        {
            long before, after;
            lock (account.SyncRoot)
            {
                before = account.Engine.TradeCount;
                move();
                after = account.Engine.TradeCount;
            }

            // Once the account has changed the save must happen, whatever the caller's token says now.
            if (store is not null && after != before) await store.SaveAsync(Export(), CancellationToken.None);
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>An order call: saved when it succeeded (a refused call changed nothing).</summary>
    private async ValueTask<ExchangeResult<T>> ChangeAsync<T>(Func<ValueTask<ExchangeResult<T>>> call)
    {
        await _changes.WaitAsync(CancellationToken.None);
        try
        {
            var result = await call();
            if (store is not null && result.IsSuccess) await store.SaveAsync(Export(), CancellationToken.None);
            return result;
        }
        finally
        {
            _changes.Release();
        }
    }

    private MatchingAccountState Export()
    {
        lock (account.SyncRoot) return account.Engine.ExportAccount();
    }
}
