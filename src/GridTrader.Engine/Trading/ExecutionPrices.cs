using GridTrader.Core.Orders;
using GridTrader.Exchanges.Abstractions;

namespace GridTrader.Engine.Trading;

/// <summary>
/// The price an order's new fill was actually paid at. Firi's orders show only their limit and cumulative
/// <c>matched</c>; its trade history (<c>GET /v2/history/orders/{market}</c>) shows every execution with its price and
/// maker flag but no order id (docs/firi-api.md, "Answers"). A resting order fills as maker at its limit; only a
/// marketable order, taking liquidity when it is placed, fills at another (better) price. So:
/// <list type="bullet">
/// <item>executions that name the order (the simulated and paper exchanges do) are used as they are, after those of
/// the amount already booked;</item>
/// <item>otherwise, for the order's first fill only, the taker executions of the market and side, at or better than
/// the limit, from shortly before the order was sent until a minute after, oldest first, up to the new amount;</item>
/// <item>whatever they do not cover is booked at the limit.</item>
/// </list>
/// Each execution prices one fill only. The history is read once per market and moment (one request per
/// reconciliation pass that saw a fill), never when nothing filled.
/// </summary>
public sealed class ExecutionPrices(IExchange exchange, IEngineObserver observer, TimeProvider time)
{
    /// <summary>Executions read per lookup.</summary>
    public const int HistoryCount = 50;

    private static readonly TimeSpan Before = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan After = TimeSpan.FromMinutes(1);

    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly Queue<string> _usedOrder = new();
    private (string Market, DateTimeOffset At, IReadOnlyList<AccountTrade> Trades)? _cache;

    /// <summary>
    /// The average price of <paramref name="amount"/> newly matched on <paramref name="order"/>, or null when the history
    /// cannot be read or shows nothing but the limit.
    /// </summary>
    public async ValueTask<decimal?> PriceAsync(TrackedOrder order, decimal amount, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (amount <= 0 || order.ExchangeId is not { } exchangeId) return null;
        var trades = await HistoryAsync(order.Market, ct);
        if (trades is null) return null;

        // Executions that name the order: the oldest ones priced its earlier fills (order.Filled, which survives a restart
        // where the used set does not), so they are skipped by amount.
        var own = SkipBooked(trades.Where(t => t.OrderId == exchangeId).OrderBy(t => t.Time), order.Filled);
        if (own.Count == 0 && trades.All(t => t.OrderId is null))
        {
            // A taker execution happens only when the order is placed, so it belongs to the order's first fill; a later
            // fill rests as maker at the limit. Pricing it from the history could take the first fill's execution again
            // after a restart (the used set is lost with the process).
            if (order.Filled > 0) return null;
            var sent = order.SubmittedAt ?? order.CreatedAt;
            own = [.. trades.Where(t => !t.IsMaker && t.OrderId is null && !_used.Contains(t.Id)
                    && string.Equals(t.Market, order.Market, StringComparison.OrdinalIgnoreCase) && t.Side == order.Side
                    && (order.Side == Core.Markets.Side.Buy ? t.Price <= order.Price : t.Price >= order.Price)
                    && t.Time >= sent - Before && t.Time <= sent + After)
                .OrderBy(t => t.Time)];
        }

        var covered = 0m;
        var value = 0m;
        foreach (var t in own)
        {
            if (covered + t.Amount > amount) break;
            covered += t.Amount;
            value += t.Amount * t.Price;
            Use(t.Id);
            if (covered == amount) break;
        }

        if (covered == 0) return null;
        var price = (value + ((amount - covered) * order.Price)) / amount;
        if (price != order.Price)
            observer.OnReconciliation(order.Market, "execution-price", $"Order #{order.Id}: {amount} filled at {price} (limit {order.Price}), from the trade history.");
        return price;
    }

    /// <summary>
    /// The executions after the first <paramref name="booked"/> of the order's amount; none when an execution straddles
    /// that amount (it cannot be told which part was booked: the rest is booked at the limit).
    /// </summary>
    private static List<AccountTrade> SkipBooked(IEnumerable<AccountTrade> ordered, decimal booked)
    {
        var rest = new List<AccountTrade>();
        var skipped = 0m;
        foreach (var t in ordered)
        {
            if (skipped < booked)
            {
                skipped += t.Amount;
                if (skipped > booked) return [];
                continue;
            }

            rest.Add(t);
        }

        return rest;
    }

    private async ValueTask<IReadOnlyList<AccountTrade>?> HistoryAsync(string market, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_cache is { } c && string.Equals(c.Market, market, StringComparison.OrdinalIgnoreCase) && c.At == now) return c.Trades;
        var result = await exchange.GetTradeHistoryAsync(market, HistoryCount, ct);
        if (!result.IsSuccess)
        {
            observer.OnExchangeError("trade-history", market, result.Error);
            return null;
        }

        _cache = (market, now, result.Value);
        return result.Value;
    }

    private void Use(string id)
    {
        if (!_used.Add(id)) return;
        _usedOrder.Enqueue(id);
        while (_usedOrder.Count > 10_000) _used.Remove(_usedOrder.Dequeue());
    }
}
