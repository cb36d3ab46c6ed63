using GridTrader.Core.Orders;
using GridTrader.Exchanges.Abstractions;

namespace GridTrader.Engine.Trading;

/// <summary>
/// Brings the bot's view of a market's orders in line with the exchange, which is the truth: applies fills seen in
/// open orders, settles orders that disappeared, finds orders whose create answer was lost (Firi has no client order
/// ids: by market, side, price, amount and time window) or declares them not placed, and reports foreign orders
/// without touching them.
/// </summary>
public sealed class Reconciler(IExchange exchange, OrderTracker tracker, IEngineObserver observer, EngineSettings settings, FillApplier fills,
    OrderExecutor orders, TimeProvider time)
{
    private static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromSeconds(30);
    private readonly HashSet<long> _reportedForeign = [];

    /// <summary>One pass over one market: open orders, orders that left the book, lost creates, foreign orders.</summary>
    public async ValueTask SyncOrdersAsync(MarketSlot market, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(market);
        var openResult = await exchange.GetOpenOrdersAsync(market.Symbol, ct);
        if (!openResult.IsSuccess)
        {
            observer.OnExchangeError("open-orders", market.Symbol, openResult.Error);
            return;
        }

        var open = openResult.Value;
        var openById = new Dictionary<long, ExchangeOrder>(open.Count);
        foreach (var x in open) openById[x.Id] = x;

        foreach (var order in tracker.LiveIn(market.Symbol).ToList())
        {
            if (order.ExchangeId is not { } id) continue;
            if (openById.TryGetValue(id, out var snapshot))
            {
                await fills.ApplySnapshotAsync(order, snapshot.Matched, snapshot.Remaining, snapshot.Cancelled, null, null, ct);
                if (order.CancelReason is not null && !order.IsFinal) await orders.CancelAsync(order, order.CancelReason, ct);
            }
            else
            {
                await orders.RefreshOrderAsync(order, ct);
            }
        }

        await ResolveUnknownAsync(market, open, ct);

        foreach (var x in open)
        {
            if (!tracker.IsKnownExchangeId(x.Id) && _reportedForeign.Add(x.Id))
                observer.OnReconciliation(market.Symbol, "foreign",
                    $"Order {x.Id} ({x.Side} {x.Amount} @ {x.Price}) is not the bot's; left untouched.");
        }
    }

    /// <summary>Finds orders whose create answer was lost, or declares them not placed after the grace period.</summary>
    public async ValueTask ResolveUnknownAsync(MarketSlot market, IReadOnlyList<ExchangeOrder> open, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(market);
        ArgumentNullException.ThrowIfNull(open);
        var now = time.GetUtcNow();
        var pending = tracker.LiveIn(market.Symbol)
            .Where(o => o.State == OrderState.Unknown || (o.State == OrderState.Submitting && o.SubmittedAt < now - settings.UnknownGracePeriod))
            .OrderBy(o => o.Id)
            .ToList();
        if (pending.Count == 0) return;

        var historyResult = await exchange.GetOrderHistoryAsync(market.Symbol, 200, ct);
        if (!historyResult.IsSuccess)
        {
            observer.OnExchangeError("order-history", market.Symbol, historyResult.Error);
            return;
        }

        var candidates = open.Concat(historyResult.Value)
            .Where(x => !tracker.IsKnownExchangeId(x.Id) && x.Market == market.Symbol)
            .GroupBy(x => x.Id).Select(g => g.First())
            .OrderBy(x => x.CreatedAt).ThenBy(x => x.Id)
            .ToList();

        foreach (var order in pending)
        {
            var submitted = order.SubmittedAt ?? order.CreatedAt;
            // Same market, side, price and amount, created from shortly before the submission (clock skew) to the window's end.
            var match = candidates.FirstOrDefault(x => x.Side == order.Side && x.Price == order.Price && x.Amount == order.Amount
                && x.CreatedAt >= submitted - ClockSkewAllowance && x.CreatedAt - submitted <= settings.ReconcileWindow);
            if (match is not null)
            {
                candidates.Remove(match);
                if (order.State == OrderState.Submitting) order.MarkUnknown("answer lost (found after restart)", now);
                order.AdoptExchangeId(match.Id, now);
                tracker.Updated(order);
                observer.OnReconciliation(market.Symbol, "adopted",
                    $"Order #{order.Id} found on the exchange as {match.Id} ({match.Side} {match.Amount} @ {match.Price}).");
                await fills.ApplySnapshotAsync(order, match.Matched, match.Remaining, match.Cancelled, null, null, ct);
                if (order.CancelReason is not null && !order.IsFinal) await orders.CancelAsync(order, order.CancelReason, ct);
                continue;
            }

            if (now - submitted < settings.UnknownGracePeriod) continue;
            var events = new List<OrderEvent>(2);
            if (order.State == OrderState.Submitting) events.Add(order.MarkUnknown("answer lost", now));
            events.Add(order.MarkRejected("not found on the exchange: declared not placed", now));
            observer.OnReconciliation(market.Symbol, "not-placed",
                $"Order #{order.Id} ({order.Side} {order.Amount} @ {order.Price}) is not on the exchange; it may be placed again.");
            await fills.ApplyEventsAsync(order, events, null, ct);
        }
    }
}
