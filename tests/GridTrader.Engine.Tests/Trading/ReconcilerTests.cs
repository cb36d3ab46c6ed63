using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Exchanges.Abstractions;

namespace GridTrader.Engine.Tests.Trading;

/// <summary>
/// Agreeing with the exchange. The subject is mostly the buy at 985,000 of the starting ladder (see
/// <see cref="TradingRig"/>), whose create is lost; the search window is 10 minutes, the grace period 30 seconds.
/// </summary>
public sealed class ReconcilerTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);
    private readonly TradingRig _rig = new();

    private ValueTask SyncAsync() => _rig.Core.Reconciler.SyncOrdersAsync(_rig.BtcSlot);

    private static ExchangeError Dropped => new(ExchangeErrorKind.OutcomeUnknown, "connection dropped before sending");

    /// <summary>The ladder is placed, but the create of the 985,000 buy never reaches the exchange: it is Unknown.</summary>
    private async Task<TrackedOrder> LostCreateAsync()
    {
        _rig.Exchange.Refuse = r => r.Price == 985_000m ? Dropped : null;
        await _rig.LadderAsync();
        _rig.Exchange.Refuse = _ => null;
        var order = _rig.LiveAt(985_000m);
        Assert.Equal(OrderState.Unknown, order.State);
        return order;
    }

    [Theory]
    [InlineData(5, true)] // created just after the submission
    [InlineData(9 * 60, true)] // late, but inside the 10-minute window
    [InlineData(-20, true)] // a little before it: the exchange's clock runs ahead
    [InlineData(11 * 60, false)] // after the window
    [InlineData(-60, false)] // too long before the submission to be it
    public async Task Sync_OrderMatchingALostCreate_IsAdoptedOnlyInsideTheTimeWindow(int createdSecondsAfterSubmission, bool adopted)
    {
        var offset = TimeSpan.FromSeconds(createdSecondsAfterSubmission);
        long foundId;
        TrackedOrder order;
        if (offset < TimeSpan.Zero)
        {
            foundId = _rig.PlaceDirectly(Side.Buy, 985_000m, await AmountOf985Async());
            _rig.Time.Advance(-offset);
            order = await LostCreateAsync();
        }
        else
        {
            order = await LostCreateAsync();
            _rig.Time.Advance(offset);
            foundId = _rig.PlaceDirectly(Side.Buy, 985_000m, order.Amount);
        }

        var graceOver = order.SubmittedAt!.Value + Grace;
        if (_rig.Time.GetUtcNow() < graceOver) _rig.Time.SetUtcNow(graceOver);
        await SyncAsync();

        if (adopted)
        {
            Assert.Equal((foundId, OrderState.Open), (order.ExchangeId, order.State));
            Assert.Single(_rig.Observer.Reconciliations, r => r.Kind == "adopted");
            Assert.DoesNotContain(_rig.Observer.Reconciliations, r => r.Kind == "foreign");
        }
        else
        {
            Assert.Null(order.ExchangeId);
            Assert.Equal(OrderState.Rejected, order.State);
            Assert.DoesNotContain(_rig.Observer.Reconciliations, r => r.Kind == "adopted");
            Assert.Single(_rig.Observer.Reconciliations, r => r.Kind == "foreign" && r.Message.Contains(foundId.ToString(), StringComparison.Ordinal));
        }
    }

    /// <summary>The amount the grid gives the 985,000 buy (learnt from a rig that places it).</summary>
    private static async Task<decimal> AmountOf985Async()
    {
        var probe = new TradingRig();
        await probe.LadderAsync();
        return probe.LiveAt(985_000m).Amount;
    }

    [Fact]
    public async Task Sync_MatchingOrderWhoseIdTheBotAlreadyKnows_IsNotAdopted()
    {
        var order = await LostCreateAsync();
        var id = _rig.PlaceDirectly(Side.Buy, 985_000m, order.Amount);
        _rig.Tracker.RememberExchangeIds([id]); // an order of the bot's own, finished long ago (loaded at restart)

        _rig.Time.Advance(Grace);
        await SyncAsync();

        Assert.Null(order.ExchangeId);
        Assert.Equal(OrderState.Rejected, order.State);
        Assert.DoesNotContain(_rig.Observer.Reconciliations, r => r.Kind is "adopted" or "foreign");
    }

    [Fact]
    public async Task Sync_LostCreateNotOnTheExchange_IsDeclaredNotPlacedOnlyAfterTheGracePeriod()
    {
        var order = await LostCreateAsync();

        _rig.Time.Advance(Grace - TimeSpan.FromSeconds(1));
        await SyncAsync();
        Assert.Equal(OrderState.Unknown, order.State);
        Assert.Same(order, _rig.Tracker.LiveAt(TradingRig.Btc, order.Level));

        _rig.Time.Advance(TimeSpan.FromSeconds(1));
        await SyncAsync();
        Assert.Equal(OrderState.Rejected, order.State);
        Assert.Null(_rig.Tracker.LiveAt(TradingRig.Btc, order.Level));
        Assert.Single(_rig.Observer.Reconciliations, r => r.Kind == "not-placed");
    }

    [Fact]
    public async Task Sync_SubmittingOrderLeftByACrash_IsAdoptedWhenTheExchangeHasIt()
    {
        // The intent was durable and sent, then the process died before the answer: restored as Submitting.
        var now = _rig.Time.GetUtcNow();
        var order = _rig.Tracker.CreateIntent(TradingRig.Btc, Side.Buy, 900_000m, 0.002m, 0, 0, 0, now, null);
        order.MarkSubmitting(now);
        var id = _rig.PlaceDirectly(Side.Buy, 900_000m, 0.002m);

        _rig.Time.Advance(Grace - TimeSpan.FromSeconds(1));
        await SyncAsync();
        Assert.Equal(OrderState.Submitting, order.State); // a submission in flight is left alone

        _rig.Time.Advance(TimeSpan.FromSeconds(2));
        await SyncAsync();
        Assert.Equal((id, OrderState.Open), (order.ExchangeId, order.State));
    }

    [Fact]
    public async Task Sync_UnknownOrderCancelledBeforeItWasFound_IsCancelledOnceAdopted()
    {
        _rig.Exchange.LoseAnswer = r => r.Price == 985_000m;
        await _rig.LadderAsync();
        var order = _rig.LiveAt(985_000m);
        await _rig.Core.Orders.CancelAsync(order, CancelReasons.Manual);
        Assert.Equal(OrderState.Unknown, order.State);
        Assert.Empty(_rig.Exchange.CancelCalls); // nothing to cancel by yet

        await SyncAsync();

        Assert.Equal(OrderState.Cancelled, order.State);
        Assert.Equal([order.ExchangeId!.Value], _rig.Exchange.CancelCalls);
        Assert.DoesNotContain(_rig.OpenOnExchange(), o => o.Price == 985_000m);
    }

    [Fact]
    public async Task Sync_ForeignOrder_IsReportedOnceAcrossManySyncsAndLeftAlone()
    {
        await _rig.LadderAsync();
        var foreign = _rig.PlaceDirectly(Side.Buy, 800_000m, 0.001m);

        for (var i = 0; i < 5; i++)
        {
            _rig.Time.Advance(TimeSpan.FromSeconds(5));
            await SyncAsync();
        }

        Assert.Single(_rig.Observer.Reconciliations, r => r.Kind == "foreign");
        Assert.Contains(_rig.OpenOnExchange(), o => o.Id == foreign);
        Assert.Empty(_rig.Exchange.CancelCalls);
        Assert.Null(_rig.Tracker.FindByExchangeId(foreign));
    }

    [Fact]
    public async Task Sync_OrderFilledOffTheBook_IsRefreshedAndSettled()
    {
        await _rig.LadderAsync();
        var order = _rig.LiveAt(985_000m);
        _rig.MoveTo(TradingRig.Btc, 984_000m);

        await SyncAsync();

        Assert.Equal(OrderState.Filled, order.State);
        var fill = Assert.Single(_rig.Observer.Fills);
        Assert.Equal((order.Id, order.Amount), (fill.OrderId, fill.Amount));
        Assert.Null(_rig.Tracker.LiveAt(TradingRig.Btc, order.Level));

        await SyncAsync();
        Assert.Single(_rig.Observer.Fills);
    }

    [Fact]
    public async Task Sync_OrderCancelledOnTheExchange_IsSettledAsCancelled()
    {
        await _rig.LadderAsync();
        var order = _rig.LiveAt(970_000m);
        await _rig.Simulated.CancelOrderAsync(order.ExchangeId!.Value, TradingRig.Btc); // someone cancelled it on the website

        await SyncAsync();

        Assert.Equal(OrderState.Cancelled, order.State);
        Assert.Equal(order.Amount, order.CancelledAmount);
        Assert.Empty(_rig.Observer.Fills);
    }
}
