using GridTrader.Core.Accounting;
using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Core.Strategy;
using GridTrader.Storage.Serialization;
using GridTrader.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace GridTrader.Storage;

public sealed partial class SqliteStore
{
    private const string OrderColumns =
        "id, exchange_id, market, side, price, amount, level, cell, epoch, state, filled, filled_value, cancelled, " +
        "created_at, updated_at, submitted_at, expires_at, cancel_reason, reject_reason";

    private const string FillColumns =
        "order_id, market, base_currency, quote_currency, side, price, amount, fee, fee_currency, time, level";

    private static string FillColumnsOf(string alias) => string.Join(", ", FillColumns.Split(", ").Select(c => $"{alias}.{c}"));

    /// <summary>SQL list of the final states, built from the domain so the two cannot drift apart.</summary>
    private static readonly string FinalStates = string.Join(", ",
        Enum.GetValues<OrderState>().Where(s => s.IsFinal()).Select(s => $"'{SqlText.Enum(s)}'"));

    /// <inheritdoc />
    /// <remarks>
    /// Each fill must come with the <see cref="OrderFilled"/> event that produced it: the event's cumulative matched
    /// amount keys the fill, so committing the same fill again stores it once. A different fill at an already stored
    /// cumulative amount is a contradiction and fails the whole commit.
    /// </remarks>
    public ValueTask CommitOrderAsync(TrackedOrder order, IReadOnlyList<OrderEvent> events, IReadOnlyList<Fill> fills,
        GridStrategyState? strategyState, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(fills);
        foreach (var e in events)
        {
            if (e.OrderId != order.Id)
                throw new ArgumentException($"Event of order {e.OrderId} committed with order {order.Id}.", nameof(events));
        }

        var keyedFills = KeyFills(order, events, fills);
        var updatedAt = Now();
        var strategy = strategyState is null ? ((string Market, string Json)?)null : (strategyState.Market, StoreJson.Serialize(strategyState));
        return WriteAsync(tx =>
        {
            UpsertOrder(tx, order);
            foreach (var change in events.OfType<OrderStateChanged>()) InsertStateChange(tx, change);
            foreach (var (fill, cumulative) in keyedFills) InsertFill(tx, fill, cumulative);
            if (strategy is { } s) UpsertStrategyState(tx, s.Market, s.Json, updatedAt);
        }, ct);
    }

    /// <summary>Pairs every fill with the cumulative matched amount of the event that produced it.</summary>
    private static List<(Fill Fill, string Cumulative)> KeyFills(TrackedOrder order, IReadOnlyList<OrderEvent> events, IReadOnlyList<Fill> fills)
    {
        var keyed = new List<(Fill, string)>(fills.Count);
        if (fills.Count == 0) return keyed;
        var unmatched = events.OfType<OrderFilled>().ToList();
        foreach (var fill in fills)
        {
            if (fill.OrderId != order.Id)
                throw new ArgumentException($"Fill of order {fill.OrderId} committed with order {order.Id}.", nameof(fills));
            var index = unmatched.FindIndex(f => f.Amount == fill.Amount && f.Price == fill.Price && f.Time == fill.Time);
            if (index < 0)
                throw new ArgumentException($"Fill {fill.Amount}@{fill.Price} of order {order.Id} has no OrderFilled event in the commit.", nameof(fills));
            keyed.Add((fill, SqlText.CanonicalDecimal(unmatched[index].CumulativeFilled)));
            unmatched.RemoveAt(index);
        }

        return keyed;
    }

    private static void UpsertOrder(SqliteTransaction tx, TrackedOrder order)
    {
        // Identity columns never change; an id reused for another order (numbering restarted) must not overwrite it.
        var changed = tx.Command($"""
            INSERT INTO orders ({OrderColumns})
            VALUES ($id, $exchange_id, $market, $side, $price, $amount, $level, $cell, $epoch, $state, $filled, $filled_value,
                    $cancelled, $created_at, $updated_at, $submitted_at, $expires_at, $cancel_reason, $reject_reason)
            ON CONFLICT (id) DO UPDATE SET
                exchange_id = excluded.exchange_id, state = excluded.state, filled = excluded.filled,
                filled_value = excluded.filled_value, cancelled = excluded.cancelled, updated_at = excluded.updated_at,
                submitted_at = excluded.submitted_at, cancel_reason = excluded.cancel_reason, reject_reason = excluded.reject_reason
            WHERE orders.market = excluded.market AND orders.side = excluded.side AND orders.price = excluded.price
                AND orders.amount = excluded.amount AND orders.level = excluded.level AND orders.created_at = excluded.created_at
            """)
            .With("$id", order.Id).With("$exchange_id", order.ExchangeId).With("$market", order.Market)
            .With("$side", SqlText.Enum(order.Side)).With("$price", SqlText.Decimal(order.Price))
            .With("$amount", SqlText.Decimal(order.Amount)).With("$level", order.Level).With("$cell", order.Cell)
            .With("$epoch", order.Epoch).With("$state", SqlText.Enum(order.State)).With("$filled", SqlText.Decimal(order.Filled))
            .With("$filled_value", SqlText.Decimal(order.FilledValue)).With("$cancelled", SqlText.Decimal(order.CancelledAmount))
            .With("$created_at", SqlText.Time(order.CreatedAt)).With("$updated_at", SqlText.Time(order.UpdatedAt))
            .With("$submitted_at", SqlText.TimeOrNull(order.SubmittedAt)).With("$expires_at", SqlText.TimeOrNull(order.ExpiresAt))
            .With("$cancel_reason", order.CancelReason).With("$reject_reason", order.RejectReason)
            .Run();
        if (changed == 0)
            throw new InvalidOperationException($"Order id {order.Id} is already stored for a different order; local ids must continue from MaxLocalOrderIdAsync.");
    }

    private static void InsertStateChange(SqliteTransaction tx, OrderStateChanged change) =>
        tx.Command("INSERT INTO order_events (order_id, from_state, to_state, reason, time) VALUES ($order_id, $from, $to, $reason, $time)")
            .With("$order_id", change.OrderId).With("$from", SqlText.Enum(change.From)).With("$to", SqlText.Enum(change.To))
            .With("$reason", change.Reason).With("$time", SqlText.Time(change.Time))
            .Run();

    private void InsertFill(SqliteTransaction tx, Fill fill, string cumulative)
    {
        var inserted = tx.Command($"""
            INSERT INTO fills (cumulative_filled, {FillColumns})
            VALUES ($cumulative, $order_id, $market, $base, $quote, $side, $price, $amount, $fee, $fee_currency, $time, $level)
            ON CONFLICT (order_id, cumulative_filled) DO NOTHING
            """)
            .With("$cumulative", cumulative).With("$order_id", fill.OrderId).With("$market", fill.Market)
            .With("$base", fill.BaseCurrency).With("$quote", fill.QuoteCurrency).With("$side", SqlText.Enum(fill.Side))
            .With("$price", SqlText.Decimal(fill.Price)).With("$amount", SqlText.Decimal(fill.Amount))
            .With("$fee", SqlText.Decimal(fill.Fee)).With("$fee_currency", fill.FeeCurrency)
            .With("$time", SqlText.Time(fill.Time)).With("$level", fill.Level)
            .Run();
        if (inserted == 1) return;

        var (side, price, amount) = tx.Command("SELECT side, price, amount FROM fills WHERE order_id = $order_id AND cumulative_filled = $cumulative")
            .With("$order_id", fill.OrderId).With("$cumulative", cumulative)
            .Query(r => (r.GetEnum<Side>(0), r.GetDecimalText(1), r.GetDecimalText(2))).Single();
        if (side != fill.Side || price != fill.Price || amount != fill.Amount)
        {
            throw new InvalidOperationException($"Order {fill.OrderId} already has a different fill at cumulative {cumulative} " +
                $"({side} {amount}@{price}); refusing {fill.Side} {fill.Amount}@{fill.Price}.");
        }

        StoreLog.DuplicateFillIgnored(_logger, fill.OrderId, cumulative);
    }

    /// <summary>Orders by local id; with <paramref name="nonFinalOnly"/>, only those still live (what a restart needs).</summary>
    public ValueTask<IReadOnlyList<TrackedOrder>> LoadOrdersAsync(bool nonFinalOnly, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<TrackedOrder>>(tx =>
        {
            var where = nonFinalOnly ? $"WHERE state NOT IN ({FinalStates})" : "";
            return tx.Command($"SELECT {OrderColumns} FROM orders {where} ORDER BY id").Query(ReadOrder);
        }, ct);

    /// <summary>
    /// The newest <paramref name="limit"/> orders (highest local id first), optionally of one market and one state:
    /// the order history a person browses, without loading every order ever placed.
    /// </summary>
    public ValueTask<IReadOnlyList<TrackedOrder>> LoadLatestOrdersAsync(string? market, OrderState? state, int limit, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return ReadAsync<IReadOnlyList<TrackedOrder>>(tx =>
        {
            var filter = new SqlFilter()
                .When(market, "market = $market", "$market")
                .When(state is { } s ? SqlText.Enum(s) : null, "state = $state", "$state");
            return filter.Bind(tx.Command($"SELECT {OrderColumns} FROM orders {filter} ORDER BY id DESC LIMIT $limit").With("$limit", limit))
                .Query(ReadOrder);
        }, ct);
    }

    private static TrackedOrder ReadOrder(SqliteDataReader r) => TrackedOrder.Restore(
        id: r.GetInt64(0), market: r.GetString(2), side: r.GetEnum<Side>(3), price: r.GetDecimalText(4),
        amount: r.GetDecimalText(5), level: r.GetInt32(6), cell: r.GetInt32(7), epoch: r.GetInt32(8),
        createdAt: r.GetTime(13), expiresAt: r.GetTimeOrNull(16), exchangeId: r.GetInt64OrNull(1),
        state: r.GetEnum<OrderState>(9), filled: r.GetDecimalText(10), filledValue: r.GetDecimalText(11),
        cancelledAmount: r.GetDecimalText(12), updatedAt: r.GetTime(14), submittedAt: r.GetTimeOrNull(15),
        cancelReason: r.GetStringOrNull(17), rejectReason: r.GetStringOrNull(18));

    /// <summary>Every state change of one order, in commit order (empty for an unknown id).</summary>
    public ValueTask<IReadOnlyList<OrderStateChanged>> LoadOrderHistoryAsync(long orderId, CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<OrderStateChanged>>(tx =>
            tx.Command("""
                SELECT e.order_id, o.market, e.from_state, e.to_state, e.reason, e.time
                FROM order_events e JOIN orders o ON o.id = e.order_id
                WHERE e.order_id = $order_id ORDER BY e.id
                """).With("$order_id", orderId)
                .Query(r => new OrderStateChanged(r.GetInt64(0), r.GetString(1), r.GetEnum<OrderState>(2), r.GetEnum<OrderState>(3),
                    r.GetStringOrNull(4), r.GetTime(5))), ct);

    /// <summary>Fills in time order, optionally of one market and within [<paramref name="from"/>, <paramref name="until"/>).</summary>
    public ValueTask<IReadOnlyList<Fill>> LoadFillsAsync(string? market = null, DateTimeOffset? from = null, DateTimeOffset? until = null,
        CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<Fill>>(tx =>
        {
            var filter = new SqlFilter()
                .When(market, "f.market = $market", "$market")
                .When(from is { } f ? SqlText.Time(f) : null, "f.time >= $from", "$from")
                .When(until is { } t ? SqlText.Time(t) : null, "f.time < $to", "$to");
            // A fill's grid generation is its order's: read from the order rather than stored twice.
            return filter.Bind(tx.Command($"SELECT {FillColumnsOf("f")}, COALESCE(o.epoch, 0) FROM fills f LEFT JOIN orders o ON o.id = f.order_id {filter} ORDER BY f.time, f.id"))
                .Query(r => new Fill(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetEnum<Side>(4),
                    r.GetDecimalText(5), r.GetDecimalText(6), r.GetDecimalText(7), r.GetString(8), r.GetTime(9), r.GetInt32(10), r.GetInt32(11)));
        }, ct);

    /// <summary>The highest local order id ever stored (0 when none), so numbering continues after a restart.</summary>
    public ValueTask<long> MaxLocalOrderIdAsync(CancellationToken ct = default) =>
        ReadAsync(tx => tx.Command("SELECT COALESCE(MAX(id), 0) FROM orders").Scalar() is long id ? id : 0L, ct);

    /// <summary>
    /// Every exchange order id the bot has ever recorded, final orders included: an order found on the exchange with one
    /// of these ids is the bot's own, never a candidate for a lost create and never foreign.
    /// </summary>
    public ValueTask<IReadOnlyList<long>> LoadExchangeIdsAsync(CancellationToken ct = default) =>
        // A released order was left on the exchange and is no longer the bot's: its id is not remembered (it is foreign).
        ReadAsync<IReadOnlyList<long>>(tx => tx.Command($"SELECT exchange_id FROM orders WHERE exchange_id IS NOT NULL AND state <> '{SqlText.Enum(OrderState.Released)}'")
            .Query(r => r.GetInt64(0)), ct);
}
