using GridTrader.Core.Markets;

namespace GridTrader.Core.Orders;

/// <summary>
/// One order from intent to end state, linked to its grid level. All state changes go through guarded
/// methods that return the events they caused; an illegal transition is a bug and throws.
/// </summary>
public sealed class TrackedOrder
{
    private readonly List<OrderStateChanged> _history = [];

    public TrackedOrder(long id, string market, Side side, decimal price, decimal amount, int level, int cell, int epoch,
        DateTimeOffset createdAt, DateTimeOffset? expiresAt)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(id);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(price);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        Id = id;
        Market = market;
        Side = side;
        Price = price;
        Amount = amount;
        Level = level;
        Cell = cell;
        Epoch = epoch;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
        ExpiresAt = expiresAt;
        State = OrderState.Intent;
    }

    /// <summary>Local id, assigned before the order is sent (Firi has no client order ids).</summary>
    public long Id { get; }

    public string Market { get; }
    public Side Side { get; }
    public decimal Price { get; }
    public decimal Amount { get; }

    /// <summary>Grid line the order rests on.</summary>
    public int Level { get; }

    /// <summary>Grid cell (buy/sell pair) the order belongs to.</summary>
    public int Cell { get; }

    /// <summary>Grid generation: increases each time the grid is rebuilt.</summary>
    public int Epoch { get; }

    public long? ExchangeId { get; private set; }
    public OrderState State { get; private set; }
    public decimal Filled { get; private set; }

    /// <summary>Quote value of all fills (fills may be at better prices than the limit).</summary>
    public decimal FilledValue { get; private set; }

    public decimal CancelledAmount { get; private set; }
    public DateTimeOffset CreatedAt { get; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    public DateTimeOffset? ExpiresAt { get; }

    /// <summary>A cancel has been asked for; the reason decides whether the end state is Cancelled or Expired.</summary>
    public string? CancelReason { get; private set; }

    public string? RejectReason { get; private set; }

    public decimal Remaining => State.IsFinal() ? 0 : Amount - Filled;
    public decimal AveragePrice => Filled > 0 ? FilledValue / Filled : Price;
    public bool IsFinal => State.IsFinal();
    public IReadOnlyList<OrderStateChanged> History => _history;

    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } at && now >= at && !IsFinal;

    /// <summary>Rebuilds an order from storage without replaying its history.</summary>
    public static TrackedOrder Restore(long id, string market, Side side, decimal price, decimal amount, int level, int cell, int epoch,
        DateTimeOffset createdAt, DateTimeOffset? expiresAt, long? exchangeId, OrderState state, decimal filled, decimal filledValue,
        decimal cancelledAmount, DateTimeOffset updatedAt, DateTimeOffset? submittedAt, string? cancelReason, string? rejectReason)
    {
        var order = new TrackedOrder(id, market, side, price, amount, level, cell, epoch, createdAt, expiresAt)
        {
            ExchangeId = exchangeId,
            State = state,
            Filled = filled,
            FilledValue = filledValue,
            CancelledAmount = cancelledAmount,
            UpdatedAt = updatedAt,
            SubmittedAt = submittedAt,
            CancelReason = cancelReason,
            RejectReason = rejectReason,
        };
        return order;
    }

    public OrderStateChanged MarkSubmitting(DateTimeOffset now)
    {
        SubmittedAt = now;
        return Transition(OrderState.Submitting, null, now);
    }

    /// <summary>The exchange accepted the order and gave it an id.</summary>
    public OrderStateChanged MarkAccepted(long exchangeId, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(exchangeId);
        ExchangeId = exchangeId;
        return Transition(OrderState.Open, null, now);
    }

    /// <summary>The exchange (or reconciliation) says the order does not exist and never will.</summary>
    public OrderStateChanged MarkRejected(string reason, DateTimeOffset now)
    {
        RejectReason = reason;
        return Transition(OrderState.Rejected, reason, now);
    }

    /// <summary>The answer to the create was lost: the order may or may not exist.</summary>
    public OrderStateChanged MarkUnknown(string reason, DateTimeOffset now) => Transition(OrderState.Unknown, reason, now);

    /// <summary>An intent that was never sent is withdrawn (e.g. the kill-switch engaged before submission).</summary>
    public OrderStateChanged MarkWithdrawn(string reason, DateTimeOffset now)
    {
        if (State != OrderState.Intent) throw new InvalidOperationException($"Order {Id}: only an unsent intent can be withdrawn (state {State}).");
        CancelReason = reason;
        return Transition(OrderState.Cancelled, reason, now);
    }

    /// <summary>
    /// The order is left resting on the exchange and stops being the bot's (its market was disabled or removed with
    /// "leave orders"): a final state here, while the exchange still holds it. Only a resting order with an exchange id
    /// can be released; one still being placed must be settled first.
    /// </summary>
    public OrderStateChanged MarkReleased(string reason, DateTimeOffset now)
    {
        if (ExchangeId is null || State is not (OrderState.Open or OrderState.PartiallyFilled))
            throw new InvalidOperationException($"Order {Id}: only a resting order can be released (state {State}).");
        return Transition(OrderState.Released, reason, now);
    }

    /// <summary>Records that a cancel was requested, and why (<c>expired</c> makes the end state Expired).</summary>
    public void RequestCancel(string reason, DateTimeOffset now)
    {
        CancelReason ??= reason;
        UpdatedAt = now;
    }

    /// <summary>Adopts an exchange id found by reconciliation for an order whose create answer was lost.</summary>
    public void AdoptExchangeId(long exchangeId, DateTimeOffset now)
    {
        if (State is not (OrderState.Unknown or OrderState.Submitting))
            throw new InvalidOperationException($"Order {Id}: cannot adopt an exchange id in state {State}.");
        ExchangeId = exchangeId;
        UpdatedAt = now;
    }

    /// <summary>
    /// Applies the exchange's cumulative view of the order. A fill is emitted only for matched quantity
    /// beyond what was already applied, so a repeated or stale snapshot changes nothing.
    /// <paramref name="fillPrice"/> is the execution price when known (defaults to the limit price).
    /// </summary>
    public IReadOnlyList<OrderEvent> ApplySnapshot(decimal matched, decimal remaining, decimal cancelled, DateTimeOffset now,
        decimal? fillPrice = null)
    {
        if (matched < 0 || remaining < 0 || cancelled < 0)
            throw new ArgumentException($"Order {Id}: negative quantities in snapshot (matched {matched}, remaining {remaining}, cancelled {cancelled}).");
        if (matched > Amount)
            throw new ArgumentException($"Order {Id}: snapshot matched {matched} exceeds the order amount {Amount}.");
        if (IsFinal) return [];

        var events = new List<OrderEvent>(2);
        if (State is OrderState.Intent)
            throw new InvalidOperationException($"Order {Id}: an unsent intent cannot receive an exchange snapshot.");

        if (matched > Filled)
        {
            var delta = matched - Filled;
            var price = fillPrice ?? Price;
            Filled = matched;
            FilledValue += delta * price;
            var complete = Filled == Amount;
            var closedByCancel = !complete && remaining == 0;
            var target = complete ? OrderState.Filled
                : closedByCancel ? CancelTarget()
                : OrderState.PartiallyFilled;
            if (target != State || target == OrderState.PartiallyFilled)
                events.Add(Transition(target, closedByCancel ? CancelReason ?? "cancelled on exchange" : null, now));
            if (closedByCancel) CancelledAmount = Amount - Filled;
            events.Insert(0, new OrderFilled(Id, ExchangeId, Market, Side, Level, Cell, price, delta, Filled,
                complete || closedByCancel ? 0 : Amount - Filled, complete || closedByCancel, now));
            return events;
        }

        if (remaining == 0 && matched == Filled)
        {
            // Closed without new fills: cancelled (by us, by expiry or on the exchange), or filled earlier.
            if (Filled == Amount)
            {
                events.Add(Transition(OrderState.Filled, null, now));
            }
            else
            {
                CancelledAmount = Amount - Filled;
                events.Add(Transition(CancelTarget(), CancelReason ?? "cancelled on exchange", now));
            }

            return events;
        }

        if (State is OrderState.Submitting or OrderState.Unknown)
            events.Add(Transition(Filled > 0 ? OrderState.PartiallyFilled : OrderState.Open, "seen on exchange", now));
        return events;
    }

    /// <summary>The order is gone from the exchange and no snapshot says how it ended: nothing further matched.</summary>
    public OrderStateChanged MarkClosedWithoutFurtherFill(DateTimeOffset now)
    {
        CancelledAmount = Amount - Filled;
        return Transition(Filled == Amount ? OrderState.Filled : CancelTarget(), CancelReason ?? "closed on exchange", now);
    }

    private OrderState CancelTarget() =>
        string.Equals(CancelReason, CancelReasons.Expired, StringComparison.Ordinal) ? OrderState.Expired : OrderState.Cancelled;

    private OrderStateChanged Transition(OrderState to, string? reason, DateTimeOffset now)
    {
        var from = State;
        if (!from.CanTransitionTo(to))
            throw new InvalidOperationException($"Order {Id}: illegal transition {from} → {to}.");
        State = to;
        UpdatedAt = now;
        var change = new OrderStateChanged(Id, Market, from, to, reason, now);
        _history.Add(change);
        return change;
    }

    public override string ToString() =>
        $"#{Id} {Market} {Side} {Amount}@{Price} L{Level} {State} filled {Filled}" + (ExchangeId is { } x ? $" ex:{x}" : "");
}

/// <summary>Why a cancel was requested.</summary>
public static class CancelReasons
{
    public const string Expired = "expired";
    public const string KillSwitch = "kill-switch";
    public const string Rebuild = "grid rebuild";
    public const string Stop = "grid stop";
    public const string Shutdown = "shutdown";
    public const string Manual = "manual";
    public const string MarketDisabled = "market disabled";
    public const string MarketRemoved = "market removed";
}
