using GridTrader.Core.MarketData;
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
public sealed class PaperExchange(IExchange marketData, SimulatedExchange account, TimeProvider time) : DelegatingExchange(account)
{
    private readonly Dictionary<string, DateTimeOffset> _lastTrade = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _tradesLock = new();

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
            if (price > 0)
            {
                lock (account.SyncRoot) account.Engine.MoveTo(market, price, time.GetUtcNow());
            }
        }

        return result;
    }

    public override ValueTask<ExchangeResult<OrderBookSnapshot>> GetOrderBookAsync(string market, int depth, CancellationToken ct = default) =>
        marketData.GetOrderBookAsync(market, depth, ct);

    public override async ValueTask<ExchangeResult<IReadOnlyList<PublicTrade>>> GetRecentTradesAsync(string market, int count, CancellationToken ct = default)
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
                        foreach (var t in fresh) account.Engine.MoveTo(market, t.Price, time.GetUtcNow(), Math.Max(t.Amount, 0m));
                    }
                }
            }
        }

        return result;
    }








}
