using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Core.Tests.TestSupport;

namespace GridTrader.Core.Tests.Orders;

public class OrderTrackerTests
{
    private static readonly DateTimeOffset Now = TestMarkets.Start;
    private static readonly TimeSpan Day = TimeSpan.FromHours(24);

    private readonly OrderTracker _tracker = new();

    private TrackedOrder Intent(int level, string market = TestMarkets.Symbol, TimeSpan? ttl = null) =>
        _tracker.CreateIntent(market, Side.Buy, 1000m, 1m, level, level, epoch: 0, Now, ttl);

    private TrackedOrder Sent(int level, long exchangeId, TimeSpan? ttl = null)
    {
        var order = Intent(level, ttl: ttl);
        order.MarkSubmitting(Now);
        order.MarkAccepted(exchangeId, Now);
        _tracker.Updated(order);
        return order;
    }

    [Fact]
    [Trait("Original", "order registration")]
    public void CreateIntent_NewLevels_RegistersIntentsWithIncreasingIds()
    {
        var first = Intent(1);
        var second = Intent(2);

        Assert.Equal((1L, 2L), (first.Id, second.Id));
        Assert.Equal(OrderState.Intent, first.State);
        Assert.Same(first, _tracker.LiveAt(TestMarkets.Symbol, 1));
        Assert.Equal(2, _tracker.Live.Count());
        Assert.Equal(3, _tracker.NextId);
    }

    [Fact]
    [Trait("Original", "order registration")]
    public void CreateIntent_LevelWithALiveOrder_IsRefused()
    {
        var first = Intent(1);

        var error = Assert.Throws<InvalidOperationException>(() => Intent(1));

        Assert.Contains("Level 1", error.Message, StringComparison.Ordinal);
        Assert.Single(_tracker.All);
        Assert.Same(first, _tracker.LiveAt(TestMarkets.Symbol, 1));
    }

    [Fact]
    public void CreateIntent_LevelWhoseOrderEnded_IsFreeAgain()
    {
        var first = Sent(1, 101);
        first.ApplySnapshot(1m, 0m, 0m, Now);
        _tracker.Updated(first);

        var second = Intent(1);

        Assert.Same(second, _tracker.LiveAt(TestMarkets.Symbol, 1));
    }

    [Fact]
    public void CreateIntent_SameLevelOfAnotherMarket_IsIndependent()
    {
        Intent(1);

        var other = Intent(1, market: "ETHNOK");

        Assert.Same(other, _tracker.LiveAt("ETHNOK", 1));
        Assert.Single(_tracker.LiveIn("ETHNOK"));
    }

    [Fact]
    public void Updated_AfterAcceptance_IndexesTheExchangeId()
    {
        var order = Sent(1, 5_000_000_001);

        Assert.Same(order, _tracker.FindByExchangeId(5_000_000_001));
        Assert.Null(_tracker.FindByExchangeId(5_000_000_002));
    }

    [Fact]
    [Trait("Original", "fill detection")]
    public void DueForExpiry_TimeToLivePassed_ListsSentOrdersUntilTheirCancelIsRequested()
    {
        var sent = Sent(1, 101, ttl: Day);
        var unsent = Intent(2, ttl: Day); // nothing to cancel on the exchange yet
        var noTtl = Sent(3, 103);

        Assert.Empty(_tracker.DueForExpiry(Now + Day - TimeSpan.FromSeconds(1)));
        Assert.Equal([sent], _tracker.DueForExpiry(Now + Day));
        Assert.Equal(Now + Day, sent.ExpiresAt);
        Assert.Null(noTtl.ExpiresAt);
        Assert.True(unsent.IsExpired(Now + Day));

        sent.RequestCancel(CancelReasons.Expired, Now + Day);
        Assert.Empty(_tracker.DueForExpiry(Now + Day)); // asked once, not every poll

        sent.ApplySnapshot(0m, 0m, 1m, Now + Day);
        _tracker.Updated(sent);
        Assert.Equal(OrderState.Expired, sent.State);
        Assert.Null(_tracker.LiveAt(TestMarkets.Symbol, 1));
    }

    [Fact]
    public void Add_RestoredOrders_BlockTheirLevelsAndMoveTheNextIdPastThem()
    {
        var live = TrackedOrder.Restore(41, TestMarkets.Symbol, Side.Sell, 1020m, 1m, 4, 3, 0, Now, null, 9001, OrderState.Open,
            0m, 0m, 0m, Now, Now, null, null);
        var done = TrackedOrder.Restore(42, TestMarkets.Symbol, Side.Buy, 1000m, 1m, 2, 2, 0, Now, null, 9002, OrderState.Filled,
            1m, 1000m, 0m, Now, Now, null, null);

        _tracker.Add(live);
        _tracker.Add(done);

        Assert.Equal(43, _tracker.NextId);
        Assert.Throws<InvalidOperationException>(() => Intent(4));
        Assert.Equal(43, Intent(2).Id);
        Assert.Throws<InvalidOperationException>(() => _tracker.Add(live));
    }

    [Fact]
    public void PruneFinal_OldEndedOrders_LeaveMemoryButLiveOnesStay()
    {
        var ended = Sent(1, 101);
        ended.ApplySnapshot(1m, 0m, 0m, Now);
        _tracker.Updated(ended);
        var live = Sent(2, 102);

        var pruned = _tracker.PruneFinal(Now.AddMinutes(1));

        Assert.Equal(1, pruned);
        Assert.Equal([live], _tracker.All);
        Assert.Null(_tracker.FindByExchangeId(101));
    }
}
