using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Core.Tests.TestSupport;

namespace GridTrader.Core.Tests.Orders;

/// <summary>A buy of 1 BTC at 1000 NOK on level 3, accepted by the exchange unless a test says otherwise.</summary>
public class TrackedOrderTests
{
    private static readonly DateTimeOffset Now = TestMarkets.Start;
    private const long ExchangeId = 5_000_000_001;

    private static TrackedOrder NewIntent() => new(7, TestMarkets.Symbol, Side.Buy, 1000m, 1m, level: 3, cell: 3, epoch: 2, Now, expiresAt: null);

    private static TrackedOrder Accepted()
    {
        var order = NewIntent();
        order.MarkSubmitting(Now);
        order.MarkAccepted(ExchangeId, Now);
        return order;
    }

    /// <summary>Accepted, then 0.4 of the 1 BTC matched.</summary>
    private static TrackedOrder PartlyFilled()
    {
        var order = Accepted();
        order.ApplySnapshot(0.4m, 0.6m, 0m, Now);
        return order;
    }

    private static List<OrderFilled> Fills(IEnumerable<OrderEvent> events) => events.OfType<OrderFilled>().ToList();

    [Fact]
    [Trait("Original", "fill detection")]
    public void ApplySnapshot_FullyMatched_EmitsOneFillAndEndsFilled()
    {
        var order = Accepted();

        var events = order.ApplySnapshot(matched: 1m, remaining: 0m, cancelled: 0m, Now);

        var fill = Assert.IsType<OrderFilled>(events[0]);
        Assert.Equal(new OrderFilled(7, ExchangeId, TestMarkets.Symbol, Side.Buy, 3, 3, 1000m, 1m, 1m, 0m, true, Now), fill);
        Assert.Equal(new OrderStateChanged(7, TestMarkets.Symbol, OrderState.Open, OrderState.Filled, null, Now), events[1]);
        Assert.Equal(2, events.Count);
        Assert.Equal(OrderState.Filled, order.State);
        Assert.Equal(0m, order.Remaining);
    }

    [Fact]
    [Trait("Original", "fill detection")]
    public void ApplySnapshot_PartialThenRest_EmitsEachNewQuantityOnce()
    {
        var order = Accepted();

        var first = Fills(order.ApplySnapshot(0.4m, 0.6m, 0m, Now));

        Assert.Equal(0.4m, Assert.Single(first).Amount);
        Assert.False(first[0].IsComplete);
        Assert.Equal(0.6m, first[0].Remaining);
        Assert.Equal(OrderState.PartiallyFilled, order.State);
        Assert.Equal(0.6m, order.Remaining);

        var second = Fills(order.ApplySnapshot(1m, 0m, 0m, Now));

        Assert.Equal(0.6m, Assert.Single(second).Amount);
        Assert.Equal(1m, second[0].CumulativeFilled);
        Assert.True(second[0].IsComplete);
        Assert.Equal(OrderState.Filled, order.State);
    }

    [Fact]
    [Trait("Original", "fill detection")]
    public void ApplySnapshot_SameSnapshotTwice_YieldsNothingTheSecondTime()
    {
        var order = PartlyFilled();

        var again = order.ApplySnapshot(0.4m, 0.6m, 0m, Now.AddSeconds(5));

        Assert.Empty(again);
        Assert.Equal(0.4m, order.Filled);
        Assert.Equal(Now, order.UpdatedAt);
    }

    [Fact]
    [Trait("Original", "fill detection")]
    public void ApplySnapshot_StaleSmallerSnapshot_IsIgnored()
    {
        var order = PartlyFilled();

        Assert.Empty(order.ApplySnapshot(0.3m, 0.7m, 0m, Now));
        Assert.Empty(order.ApplySnapshot(0.3m, 0m, 0.7m, Now)); // even one that looks closed
        Assert.Equal(0.4m, order.Filled);
        Assert.Equal(OrderState.PartiallyFilled, order.State);
    }

    [Fact]
    [Trait("Original", "fill detection")]
    public void ApplySnapshot_CancelAfterPartialFill_EndsCancelledKeepingTheFill()
    {
        var order = PartlyFilled();
        order.RequestCancel(CancelReasons.Manual, Now);

        var events = order.ApplySnapshot(0.4m, 0m, 0.6m, Now);

        var change = Assert.IsType<OrderStateChanged>(Assert.Single(events));
        Assert.Equal((OrderState.PartiallyFilled, OrderState.Cancelled, CancelReasons.Manual), (change.From, change.To, change.Reason));
        Assert.Equal(0.4m, order.Filled);
        Assert.Equal(0.6m, order.CancelledAmount);
        Assert.Equal(0m, order.Remaining);
    }

    [Fact]
    public void ApplySnapshot_LastFillInTheClosingSnapshot_EmitsTheFillBeforeTheCancel()
    {
        var order = PartlyFilled();
        order.RequestCancel(CancelReasons.Rebuild, Now);

        var events = order.ApplySnapshot(0.5m, 0m, 0.5m, Now);

        var fill = Assert.IsType<OrderFilled>(events[0]);
        Assert.Equal(0.1m, fill.Amount);
        Assert.True(fill.IsComplete); // nothing more will match
        Assert.Equal(OrderState.Cancelled, Assert.IsType<OrderStateChanged>(events[1]).To);
        Assert.Equal(0.5m, order.CancelledAmount);
    }

    [Fact]
    [Trait("Original", "fill detection")]
    public void ApplySnapshot_CancelRequestedAsExpired_EndsExpired()
    {
        var order = Accepted();
        order.ApplySnapshot(0.3m, 0.7m, 0m, Now);
        order.RequestCancel(CancelReasons.Expired, Now);

        order.ApplySnapshot(0.3m, 0m, 0.7m, Now);

        Assert.Equal(OrderState.Expired, order.State);
        Assert.Equal(0.3m, order.Filled);
    }

    [Fact]
    public void ApplySnapshot_ClosedOnTheExchangeWithoutARequest_EndsCancelledAndSaysSo()
    {
        var order = Accepted();

        var change = Assert.IsType<OrderStateChanged>(Assert.Single(order.ApplySnapshot(0m, 0m, 1m, Now)));

        Assert.Equal(OrderState.Cancelled, change.To);
        Assert.Equal("cancelled on exchange", change.Reason);
    }

    [Fact]
    public void ApplySnapshot_FillsAtBetterPrices_AveragesByQuantity()
    {
        var order = Accepted();

        order.ApplySnapshot(0.4m, 0.6m, 0m, Now, fillPrice: 990m);
        order.ApplySnapshot(1m, 0m, 0m, Now, fillPrice: 1000m);

        // 0.4 × 990 + 0.6 × 1000 = 396 + 600 = 996
        Assert.Equal(996m, order.FilledValue);
        Assert.Equal(996m, order.AveragePrice);
    }

    [Fact]
    public void ApplySnapshot_SubmittingOrderSeenResting_BecomesOpen()
    {
        var order = NewIntent();
        order.MarkSubmitting(Now);

        var change = Assert.IsType<OrderStateChanged>(Assert.Single(order.ApplySnapshot(0m, 1m, 0m, Now)));

        Assert.Equal((OrderState.Submitting, OrderState.Open), (change.From, change.To));
    }

    [Fact]
    public void ApplySnapshot_UnknownOrderFoundPartlyFilled_BecomesPartiallyFilledWithTheFill()
    {
        var order = NewIntent();
        order.MarkSubmitting(Now);
        order.MarkUnknown("timeout", Now);
        order.AdoptExchangeId(ExchangeId, Now);

        var events = order.ApplySnapshot(0.25m, 0.75m, 0m, Now);

        Assert.Equal(0.25m, Assert.Single(Fills(events)).Amount);
        Assert.Equal(OrderState.PartiallyFilled, order.State);
        Assert.Equal(ExchangeId, order.ExchangeId);
    }

    [Fact]
    public void ApplySnapshot_AfterTheEnd_ChangesNothing()
    {
        var order = Accepted();
        order.ApplySnapshot(1m, 0m, 0m, Now);

        Assert.Empty(order.ApplySnapshot(1m, 0m, 0m, Now));
        Assert.Equal(1, order.History.Count(h => h.To == OrderState.Filled));
    }

    [Fact]
    public void ApplySnapshot_ImpossibleSnapshots_Throw()
    {
        Assert.Throws<InvalidOperationException>(() => NewIntent().ApplySnapshot(0m, 1m, 0m, Now)); // never sent
        Assert.Throws<ArgumentException>(() => Accepted().ApplySnapshot(1.1m, 0m, 0m, Now)); // more than the order
        Assert.Throws<ArgumentException>(() => Accepted().ApplySnapshot(-0.1m, 1m, 0m, Now));
    }

    [Fact]
    public void MarkWithdrawn_UnsentIntent_IsCancelledButASentOrderIsNot()
    {
        var intent = NewIntent();

        intent.MarkWithdrawn(CancelReasons.KillSwitch, Now);

        Assert.Equal(OrderState.Cancelled, intent.State);
        Assert.Throws<InvalidOperationException>(() => Accepted().MarkWithdrawn(CancelReasons.KillSwitch, Now));
    }

    [Fact]
    public void MarkAccepted_FinishedOrder_ThrowsForTheIllegalTransition()
    {
        var order = Accepted();
        order.ApplySnapshot(1m, 0m, 0m, Now);

        Assert.Throws<InvalidOperationException>(() => order.MarkAccepted(ExchangeId, Now));
    }

    [Fact]
    public void MarkClosedWithoutFurtherFill_PartlyFilledOrderGone_CancelsTheRest()
    {
        var order = PartlyFilled();

        order.MarkClosedWithoutFurtherFill(Now);

        Assert.Equal(OrderState.Cancelled, order.State);
        Assert.Equal(0.6m, order.CancelledAmount);
    }

    [Fact]
    public void RequestCancel_Twice_KeepsTheFirstReason()
    {
        var order = Accepted();

        order.RequestCancel(CancelReasons.Expired, Now);
        order.RequestCancel(CancelReasons.Manual, Now);

        Assert.Equal(CancelReasons.Expired, order.CancelReason);
    }

    [Fact]
    [Trait("Original", "order serialization")]
    public void Restore_EveryPersistedField_RebuildsTheSameOrderThatContinuesWhereItStopped()
    {
        var original = new TrackedOrder(7, TestMarkets.Symbol, Side.Sell, 1020m, 1m, level: 4, cell: 3, epoch: 2, Now, Now.AddHours(24));
        original.MarkSubmitting(Now.AddSeconds(1));
        original.MarkAccepted(ExchangeId, Now.AddSeconds(2));
        original.ApplySnapshot(0.4m, 0.6m, 0m, Now.AddSeconds(3), fillPrice: 1021m);
        original.RequestCancel(CancelReasons.Expired, Now.AddSeconds(4));

        var restored = TrackedOrder.Restore(original.Id, original.Market, original.Side, original.Price, original.Amount, original.Level,
            original.Cell, original.Epoch, original.CreatedAt, original.ExpiresAt, original.ExchangeId, original.State, original.Filled,
            original.FilledValue, original.CancelledAmount, original.UpdatedAt, original.SubmittedAt, original.CancelReason,
            original.RejectReason);

        Assert.Equal(Describe(original), Describe(restored));
        // It carries on from the persisted cumulative fill: only the new 0.6 is emitted, and the expiry reason holds.
        var rest = Fills(restored.ApplySnapshot(1m, 0m, 0m, Now.AddSeconds(5)));
        Assert.Equal(0.6m, Assert.Single(rest).Amount);
        Assert.Equal(1021m * 0.4m + 1020m * 0.6m, restored.FilledValue);
    }

    private static object Describe(TrackedOrder o) => new
    {
        o.Id, o.Market, o.Side, o.Price, o.Amount, o.Level, o.Cell, o.Epoch, o.CreatedAt, o.ExpiresAt, o.ExchangeId, o.State, o.Filled,
        o.FilledValue, o.CancelledAmount, o.UpdatedAt, o.SubmittedAt, o.CancelReason, o.RejectReason, o.Remaining, o.AveragePrice,
    };
}
