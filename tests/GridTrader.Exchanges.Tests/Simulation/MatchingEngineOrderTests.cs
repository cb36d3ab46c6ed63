using GridTrader.Core.Markets;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Exchanges.Simulation;
using static GridTrader.Exchanges.Tests.Simulation.Sim;

namespace GridTrader.Exchanges.Tests.Simulation;

public class MatchingEngineOrderTests
{
    private static readonly ExchangeError OrderNotFound =
        new(ExchangeErrorKind.NotFound, "The specified order does not exist or has been canceled");

    [Fact]
    public void PlaceOrder_Ids_StartAbove2Pow31AndIncrease()
    {
        var engine = Engine();

        var first = engine.Buy(99_000m, 0.001m);
        var second = engine.Sell(101_000m, 0.001m);

        Assert.True(first > int.MaxValue);
        Assert.Equal(2_147_483_649L, first);
        Assert.Equal(first + 1, second);
        Assert.Equal(second, engine.GetOrder(second).Value.Id);
    }

    [Fact]
    public void PlaceOrder_Rejected_DoesNotUseAnId()
    {
        var engine = Engine();
        var first = engine.Buy(99_000m, 0.001m);
        engine.PlaceOrder(Market, Side.Buy, 99_000m, 100m, T0);

        Assert.Equal(first + 1, engine.Buy(99_000m, 0.001m));
    }

    [Fact]
    public void CancelOrder_FilledOrder_IsNotFound()
    {
        var engine = Engine();
        var id = engine.Buy(99_000m, 0.01m);
        engine.MoveTo(Market, 98_000m, T0.AddSeconds(1));

        Assert.Equal(OrderNotFound, engine.CancelOrder(id).Error);
    }

    [Fact]
    public void CancelOrder_TwiceOrUnknown_IsNotFound()
    {
        var engine = Engine();
        var id = engine.Buy(99_000m, 0.01m);
        engine.CancelOrder(id);

        Assert.Equal(OrderNotFound, engine.CancelOrder(id).Error);
        Assert.Equal(OrderNotFound, engine.CancelOrder(42).Error);
    }

    [Fact]
    public void CancelOrder_OtherMarketGiven_IsNotFoundAndKeepsTheOrder()
    {
        var engine = Engine();
        var id = engine.Buy(99_000m, 0.01m);

        Assert.Equal(OrderNotFound, engine.CancelOrder(id, "ETHNOK").Error);
        Assert.Equal(1, engine.OpenOrderCount);
    }

    [Fact]
    public void CancelOrder_PartiallyFilled_ReturnsMatchedAndMovesRemainderToCancelled()
    {
        var engine = Engine(new MatchingEngineOptions { VolumeParticipation = 0.1m });
        var id = engine.Buy(99_000m, 0.05m);
        engine.ProcessCandle(Market, Candle(0, 100_000m, 100_000m, 98_000m, 98_500m, volume: 0.2m));

        var result = engine.CancelOrder(id, Market);

        Assert.Equal(new CancelResult(id, 0.02m), result.Value);
        var order = engine.GetOrder(id).Value;
        Assert.Equal((0.02m, 0m, 0.03m), (order.Matched, order.Remaining, order.Cancelled));
        Assert.True(order.IsConsistent);
    }

    [Fact]
    public void GetOrderHistory_FilledAndCancelled_ListsClosedOrdersNewestFirst()
    {
        var engine = Engine();
        var filled = engine.Buy(99_000m, 0.01m);
        var cancelled = engine.Buy(98_000m, 0.01m);
        var open = engine.Buy(90_000m, 0.01m);
        var taker = engine.Sell(99_000m, 0.01m);
        engine.CancelOrder(cancelled);
        engine.MoveTo(Market, 99_000m, T0.AddSeconds(1));

        var history = engine.GetOrderHistory(Market, 10).Value;

        Assert.Equal([taker, cancelled, filled], history.Select(o => o.Id));
        Assert.All(history, o => Assert.True(o.IsClosed && o.IsConsistent));
        Assert.Equal(0.01m, history.Single(o => o.Id == cancelled).Cancelled);
        Assert.Equal(0.01m, history.Single(o => o.Id == filled).Matched);
        Assert.DoesNotContain(open, history.Select(o => o.Id));
        Assert.Equal(2, engine.GetOrderHistory(null, 2).Value.Count);
    }

    [Fact]
    public void GetOrderHistory_BeyondCapacity_KeepsTheNewest()
    {
        var engine = Engine(new MatchingEngineOptions { ClosedOrderCapacity = 2 });
        var ids = Enumerable.Range(0, 3).Select(_ => engine.Buy(99_000m, 0.001m)).ToArray();
        foreach (var id in ids) engine.CancelOrder(id);

        Assert.Equal([ids[2], ids[1]], engine.GetOrderHistory(Market, 10).Value.Select(o => o.Id));
        Assert.Equal(ExchangeErrorKind.NotFound, engine.GetOrder(ids[0]).Error?.Kind);
    }

    [Fact]
    public void GetOpenOrders_SeveralMarkets_FiltersAndListsNewestFirst()
    {
        var engine = Engine();
        engine.AddMarket(new MarketInfo("ETHNOK", "ETH", "NOK"));
        engine.MoveTo("ETHNOK", 30_000m, T0);
        var a = engine.Buy(99_000m, 0.001m);
        var eth = engine.PlaceOrder("ETHNOK", Side.Buy, 29_000m, 0.01m, T0).Value;
        var b = engine.Buy(98_000m, 0.001m);

        Assert.Equal([b, a], engine.GetOpenOrders(Market).Value.Select(o => o.Id));
        Assert.Equal([b, eth, a], engine.GetOpenOrders().Value.Select(o => o.Id));
        Assert.Equal(ExchangeErrorKind.NotFound, engine.GetOpenOrders("XRPNOK").Error?.Kind);
    }

    [Fact]
    public void CancelAllOrders_OneMarket_CancelsOnlyThatMarketAndReleasesHolds()
    {
        var engine = Engine();
        engine.AddMarket(new MarketInfo("ETHNOK", "ETH", "NOK"));
        engine.MoveTo("ETHNOK", 30_000m, T0);
        engine.Buy(99_000m, 0.001m);
        engine.Sell(101_000m, 0.001m);
        var eth = engine.PlaceOrder("ETHNOK", Side.Buy, 29_000m, 0.01m, T0).Value;

        Assert.Equal(2, engine.CancelAllOrders(Market).Value);

        Assert.Equal([eth], engine.GetOpenOrders().Value.Select(o => o.Id));
        Assert.Equal(0m, engine.GetBalance("BTC").Hold);
        Assert.Equal(29_000m * 0.01m * 1.005m, engine.GetBalance("NOK").Hold);
        Assert.Equal(1, engine.CancelAllOrders().Value);
        Assert.Equal(0m, engine.GetBalance("NOK").Hold);
    }

    [Fact]
    public void GetOrder_Resting_ReportsFirisShape()
    {
        var engine = Engine();
        var id = engine.PlaceOrder(Market, Side.Sell, 101_000m, 0.002m, T0.AddSeconds(5)).Value;

        var order = engine.GetOrder(id).Value;

        Assert.Equal(new Core.Orders.ExchangeOrder(id, Market, Side.Sell, 101_000m, 0.002m, 0m, 0.002m, 0m, T0.AddSeconds(5)), order);
    }
}
