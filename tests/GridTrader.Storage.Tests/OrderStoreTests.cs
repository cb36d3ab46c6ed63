using GridTrader.Core.Accounting;
using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Storage.Tests.Support;
using static GridTrader.Storage.Tests.Support.Samples;

namespace GridTrader.Storage.Tests;

public sealed class OrderStoreTests : IDisposable
{
    private readonly TempDataDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Seven orders that together pass through every state and every kind of transition.</summary>
    private static async Task<List<TrackedOrder>> WriteEveryLifecycleAsync(SqliteStore store)
    {
        var t = T0;
        DateTimeOffset Next() => t = t.AddSeconds(7).AddTicks(13);

        // Lost create answer, adopted, partially filled twice at a better price, then filled.
        var a = NewOrder(1, Side.Buy, level: 0);
        await Commit(store, a, []);
        await Commit(store, a, a.MarkSubmitting(Next()));
        await Commit(store, a, a.MarkUnknown("Timeout: no answer", Next()));
        a.AdoptExchangeId(9_000_000_001L, Next());
        await Commit(store, a, []);
        await Commit(store, a, a.ApplySnapshot(0, a.Amount, 0, Next()));
        await Commit(store, a, a.ApplySnapshot(0.001m, a.Amount - 0.001m, 0, Next(), fillPrice: 924_990.00m));
        await Commit(store, a, a.ApplySnapshot(0.0015m, a.Amount - 0.0015m, 0, Next()));
        await Commit(store, a, a.ApplySnapshot(a.Amount, 0, 0, Next()));

        // Withdrawn before it was sent.
        var b = NewOrder(2, level: 1);
        await Commit(store, b, b.MarkWithdrawn(CancelReasons.KillSwitch, Next()));

        // Rejected by the exchange.
        var c = NewOrder(3, Side.Sell, 940000.00m, level: 6);
        await Commit(store, c, c.MarkSubmitting(Next()));
        await Commit(store, c, c.MarkRejected("InsufficientFunds: balance too low", Next()));

        // Expired after its time-to-live.
        var d = NewOrder(4, level: 2);
        await CommitOpenAsync(store, d, 9_000_000_002L, Next());
        d.RequestCancel(CancelReasons.Expired, Next());
        await Commit(store, d, []);
        await Commit(store, d, d.ApplySnapshot(0, 0, d.Amount, Next()));

        // Partially filled, then cancelled by hand: the remainder is recorded as cancelled.
        var e = NewOrder(5, Side.Sell, 955000.00m, 0.5m, level: 7);
        await CommitOpenAsync(store, e, 9_000_000_003L, Next());
        await Commit(store, e, e.ApplySnapshot(0.2m, 0.3m, 0, Next()));
        e.RequestCancel(CancelReasons.Manual, Next());
        await Commit(store, e, e.ApplySnapshot(0.2m, 0, 0.3m, Next()));

        // Still resting, and an intent not yet sent: the live orders a restart must find.
        var f = NewOrder(6, level: 3);
        await CommitOpenAsync(store, f, 9_000_000_004L, Next());
        var g = NewOrder(7, level: 4);
        await Commit(store, g, []);
        return [a, b, c, d, e, f, g];
    }

    private static void AssertSameOrder(TrackedOrder expected, TrackedOrder actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Market, actual.Market);
        Assert.Equal(expected.Side, actual.Side);
        Assert.Equal(expected.Level, actual.Level);
        Assert.Equal(expected.Cell, actual.Cell);
        Assert.Equal(expected.Epoch, actual.Epoch);
        Assert.Equal(expected.ExchangeId, actual.ExchangeId);
        Assert.Equal(expected.State, actual.State);
        // Text comparison: the decimal comes back with its scale, not just numerically equal.
        Assert.Equal(expected.Price.ToString(), actual.Price.ToString());
        Assert.Equal(expected.Amount.ToString(), actual.Amount.ToString());
        Assert.Equal(expected.Filled.ToString(), actual.Filled.ToString());
        Assert.Equal(expected.FilledValue.ToString(), actual.FilledValue.ToString());
        Assert.Equal(expected.CancelledAmount.ToString(), actual.CancelledAmount.ToString());
        Assert.Equal(expected.CreatedAt.UtcTicks, actual.CreatedAt.UtcTicks);
        Assert.Equal(expected.UpdatedAt.UtcTicks, actual.UpdatedAt.UtcTicks);
        Assert.Equal(expected.SubmittedAt?.UtcTicks, actual.SubmittedAt?.UtcTicks);
        Assert.Equal(expected.ExpiresAt?.UtcTicks, actual.ExpiresAt?.UtcTicks);
        Assert.Equal(expected.CancelReason, actual.CancelReason);
        Assert.Equal(expected.RejectReason, actual.RejectReason);
    }

    [Fact]
    public async Task LoadOrders_EveryLifecycle_RestoresEveryProperty()
    {
        List<TrackedOrder> written;
        await using (var store = Open(_dir)) written = await WriteEveryLifecycleAsync(store);

        await using var reopened = Open(_dir);
        var loaded = await reopened.LoadOrdersAsync(nonFinalOnly: false);

        Assert.Equal(written.Select(o => o.Id), loaded.Select(o => o.Id));
        foreach (var (expected, actual) in written.Zip(loaded)) AssertSameOrder(expected, actual);
        // Released has its own test (Release_RestingOrder_IsFinalAndItsExchangeIdForgotten).
        var allStates = Enum.GetValues<OrderState>().Except([OrderState.PartiallyFilled, OrderState.Submitting, OrderState.Unknown, OrderState.Released]);
        Assert.Subset(loaded.Select(o => o.State).ToHashSet(), allStates.ToHashSet());
    }

    [Fact]
    public async Task Release_RestingOrder_IsFinalAndItsExchangeIdForgotten()
    {
        await using (var store = Open(_dir))
        {
            var kept = NewOrder(1, level: 0);
            await CommitOpenAsync(store, kept, 9_000_000_010L, T0);
            var left = NewOrder(2, level: 1);
            await CommitOpenAsync(store, left, 9_000_000_011L, T0);
            await Commit(store, left, left.MarkReleased("left on the exchange: market disabled", T0.AddSeconds(5)));
        }

        await using var reopened = Open(_dir);

        Assert.Equal(OrderState.Released, (await reopened.LoadOrdersAsync(nonFinalOnly: false)).Single(o => o.Id == 2).State);
        Assert.Equal([1L], (await reopened.LoadOrdersAsync(nonFinalOnly: true)).Select(o => o.Id));
        // No longer the bot's: a restart does not remember the id, so the exchange's copy is reported as foreign.
        Assert.Equal([9_000_000_010L], await reopened.LoadExchangeIdsAsync());
    }

    [Fact]
    public async Task LoadOrders_NonFinalOnly_ReturnsLiveOrdersOnly()
    {
        await using var store = Open(_dir);
        await WriteEveryLifecycleAsync(store);

        var live = await store.LoadOrdersAsync(nonFinalOnly: true);

        Assert.Equal([6L, 7L], live.Select(o => o.Id));
        Assert.Equal([OrderState.Open, OrderState.Intent], live.Select(o => o.State));
    }

    [Fact]
    public async Task LoadLatestOrders_MarketStateAndLimit_ReturnsNewestMatchingFirst()
    {
        await using var store = Open(_dir);
        await WriteEveryLifecycleAsync(store);

        var newest = await store.LoadLatestOrdersAsync(null, null, 3);
        var filled = await store.LoadLatestOrdersAsync("BTCNOK", OrderState.Filled, 10);
        var otherMarket = await store.LoadLatestOrdersAsync("ETHNOK", null, 10);

        Assert.Equal([7L, 6L, 5L], newest.Select(o => o.Id));
        Assert.Equal([1L], filled.Select(o => o.Id));
        Assert.Empty(otherMarket);
    }

    [Fact]
    public async Task LoadOrderHistory_EveryLifecycle_ReturnsEachTransitionInOrder()
    {
        await using var store = Open(_dir);
        var orders = await WriteEveryLifecycleAsync(store);

        foreach (var order in orders) Assert.Equal(order.History, await store.LoadOrderHistoryAsync(order.Id));
        var first = await store.LoadOrderHistoryAsync(1);
        Assert.Equal(
            [(OrderState.Intent, OrderState.Submitting), (OrderState.Submitting, OrderState.Unknown), (OrderState.Unknown, OrderState.Open),
             (OrderState.Open, OrderState.PartiallyFilled), (OrderState.PartiallyFilled, OrderState.PartiallyFilled),
             (OrderState.PartiallyFilled, OrderState.Filled)],
            first.Select(h => (h.From, h.To)));
        Assert.Empty(await store.LoadOrderHistoryAsync(999));
    }

    [Fact]
    public async Task LoadFills_AfterLifecycles_ReturnsEveryFillExactly()
    {
        await using var store = Open(_dir);
        await WriteEveryLifecycleAsync(store);

        var fills = await store.LoadFillsAsync("btcnok");

        Assert.Equal([1L, 1L, 1L, 5L], fills.Select(f => f.OrderId));
        Assert.Equal([0.001m, 0.0005m, 0.00065140m, 0.2m], fills.Select(f => f.Amount));
        var first = fills[0];
        // The grid generation comes back from the fill's order (grid #1).
        Assert.Equal(new Fill(1, "BTCNOK", "BTC", "NOK", Side.Buy, 924_990.00m, 0.001m, 4.62495000m, "NOK", first.Time, 0, 1), first);
        Assert.Equal("4.62495000", first.Fee.ToString());
        Assert.Equal(fills.Sum(f => f.Amount * f.Price * 0.005m), fills.Sum(f => f.Fee));
    }

    [Fact]
    public async Task LoadFills_MarketAndTimeFilters_SelectHalfOpenRange()
    {
        await using var store = Open(_dir);
        for (var id = 1; id <= 4; id++)
        {
            var order = NewOrder(id, level: id);
            await CommitOpenAsync(store, order, 100 + id, T0);
            await Commit(store, order, order.ApplySnapshot(order.Amount, 0, 0, T0.AddMinutes(id)));
        }

        var window = await store.LoadFillsAsync(from: T0.AddMinutes(2), until: T0.AddMinutes(4));

        Assert.Equal([2L, 3L], window.Select(f => f.OrderId));
        Assert.Empty(await store.LoadFillsAsync("ETHNOK"));
        Assert.Equal(4, (await store.LoadFillsAsync()).Count);
    }

    [Fact]
    public async Task CommitOrder_SameFillTwice_StoresItOnce()
    {
        await using var store = Open(_dir);
        var order = NewOrder(1);
        await CommitOpenAsync(store, order, 42, T0);
        var events = order.ApplySnapshot(0.001m, order.Amount - 0.001m, 0, T0.AddSeconds(1));
        var filled = events.OfType<OrderFilled>().Single();

        await Commit(store, order, events);
        await Commit(store, order, events);
        // The same cumulative amount spelled with another scale is still the same fill.
        var respelled = filled with { CumulativeFilled = 0.00100000m };
        await store.CommitOrderAsync(order, [respelled], [FillFor(respelled)], null);

        var fills = await store.LoadFillsAsync();
        Assert.Equal(FillFor(filled), Assert.Single(fills));
    }

    [Fact]
    public async Task CommitOrder_FailureMidTransaction_KeepsNothingOfThatCommit()
    {
        await using var store = Open(_dir);
        var order = NewOrder(1);
        await CommitOpenAsync(store, order, 42, T0);
        await Commit(store, order, order.ApplySnapshot(0.001m, order.Amount - 0.001m, 0, T0.AddSeconds(1)));
        var historyBefore = await store.LoadOrderHistoryAsync(1);

        // A genuine next fill, then one that contradicts the stored fill at cumulative 0.001: the order row, the
        // state change and the genuine fill are already written in the transaction when the contradiction is found.
        var events = order.ApplySnapshot(0.0015m, order.Amount - 0.0015m, 0, T0.AddSeconds(2)).ToList();
        var contradiction = events.OfType<OrderFilled>().Single() with { Amount = 0.0004m, CumulativeFilled = 0.001m };
        events.Add(contradiction);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Commit(store, order, events, StrategyState()).AsTask());
        Assert.Contains("different fill", ex.Message, StringComparison.Ordinal);

        var stored = Assert.Single(await store.LoadOrdersAsync(nonFinalOnly: false));
        Assert.Equal(OrderState.PartiallyFilled, stored.State);
        Assert.Equal(0.001m, stored.Filled);
        Assert.Equal(historyBefore, await store.LoadOrderHistoryAsync(1));
        Assert.Equal(0.001m, Assert.Single(await store.LoadFillsAsync()).Amount);
        Assert.Null(await store.LoadStrategyStateAsync("BTCNOK"));
    }

    [Fact]
    public async Task CommitOrder_IdReusedForAnotherOrder_FailsAndKeepsTheFirst()
    {
        await using var store = Open(_dir);
        var first = NewOrder(1, price: 925000.00m);
        await Commit(store, first, first.MarkSubmitting(T0));

        var impostor = NewOrder(1, price: 940000.00m, level: 3);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => Commit(store, impostor, impostor.MarkSubmitting(T0)).AsTask());

        Assert.Contains("MaxLocalOrderIdAsync", ex.Message, StringComparison.Ordinal);
        Assert.Equal(925000.00m, Assert.Single(await store.LoadOrdersAsync(false)).Price);
        Assert.Single(await store.LoadOrderHistoryAsync(1));
    }

    [Fact]
    public async Task CommitOrder_FillWithoutItsEvent_IsRejectedAsMisuse()
    {
        await using var store = Open(_dir);
        var order = NewOrder(1);
        var fill = new Fill(1, "BTCNOK", "BTC", "NOK", Side.Buy, 925000m, 0.001m, 4.6m, "NOK", T0);

        await Assert.ThrowsAsync<ArgumentException>(() => store.CommitOrderAsync(order, [], [fill], null).AsTask());
        Assert.Empty(await store.LoadOrdersAsync(false));
    }

    [Fact]
    public async Task MaxLocalOrderId_EmptyThenAfterOrders_ReturnsHighestId()
    {
        await using var store = Open(_dir);
        Assert.Equal(0, await store.MaxLocalOrderIdAsync());

        await WriteEveryLifecycleAsync(store);

        Assert.Equal(7, await store.MaxLocalOrderIdAsync());
        Assert.Equal(8, new OrderTracker(await store.MaxLocalOrderIdAsync() + 1).NextId);
    }
}
