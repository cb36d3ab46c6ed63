using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Exchanges.Simulation;
using Microsoft.Extensions.Time.Testing;
using static GridTrader.Exchanges.Tests.Simulation.Sim;

namespace GridTrader.Exchanges.Tests.Simulation;

public class SimulatedExchangeTests
{
    private readonly FakeTimeProvider _time = new(T0);

    private SimulatedExchange Exchange()
    {
        var exchange = new SimulatedExchange([BtcNok], new Dictionary<string, decimal> { ["NOK"] = 10_000m, ["BTC"] = 0.1m }, _time);
        exchange.Engine.MoveTo(Market, StartPrice, T0);
        return exchange;
    }

    [Fact]
    public async Task PlaceOrderAsync_Resting_IsOpenWithTheProvidersTime()
    {
        var exchange = Exchange();
        _time.Advance(TimeSpan.FromSeconds(90));

        var id = (await exchange.PlaceOrderAsync(new OrderRequest(Market, Side.Buy, 99_000m, 0.01m))).Value;

        var open = Assert.Single((await exchange.GetOpenOrdersAsync(Market)).Value);
        Assert.Equal((id, T0.AddSeconds(90)), (open.Id, open.CreatedAt));
        Assert.Equal("simulated", exchange.Name);
        Assert.Equal(T0.AddSeconds(90), (await exchange.GetServerTimeAsync()).Value);
    }

    [Fact]
    public async Task CancelOrderAsync_AfterFillThroughTheEngine_IsNotFoundAndHistoryHasTheFill()
    {
        var exchange = Exchange();
        var id = (await exchange.PlaceOrderAsync(new OrderRequest(Market, Side.Buy, 99_000m, 0.01m))).Value;
        exchange.Engine.ProcessCandle(Market, Candle(0, 100_000m, 100_000m, 98_000m, 98_500m));

        var cancel = await exchange.CancelOrderAsync(id, Market);

        Assert.Equal(ExchangeErrorKind.NotFound, cancel.Error?.Kind);
        Assert.Equal(id, Assert.Single((await exchange.GetTradeHistoryAsync(Market, 10)).Value).OrderId);
        Assert.Equal(id, Assert.Single((await exchange.GetOrderHistoryAsync(null, 10)).Value).Id);
        Assert.Equal(0.11m, (await exchange.GetBalancesAsync()).Value.Single(b => b.Currency == "BTC").Total);
    }

    [Fact]
    public async Task GetRecentTradesAsync_AfterCandle_ReturnsTheEnginesPublicTrades()
    {
        var exchange = Exchange();
        exchange.Engine.ProcessCandle(Market, Candle(0, 100_000m, 100_500m, 99_500m, 100_200m, volume: 4m));

        var trades = (await exchange.GetRecentTradesAsync(Market, 2)).Value;

        Assert.Equal([100_200m, 100_500m], trades.Select(t => t.Price));
        Assert.Equal(100_200m, (await exchange.GetTickerAsync(Market)).Value.Last);
        Assert.Equal(100_200m, Assert.Single((await exchange.GetMarketsAsync()).Value).Last);
    }

    [Fact]
    public async Task CancelAllOrdersAsync_UnknownMarket_IsNotFound()
    {
        var exchange = Exchange();
        await exchange.PlaceOrderAsync(new OrderRequest(Market, Side.Sell, 101_000m, 0.01m));

        Assert.Equal(ExchangeErrorKind.NotFound, (await exchange.CancelAllOrdersAsync("ETHNOK")).Error?.Kind);
        Assert.True((await exchange.CancelAllOrdersAsync(null)).Value);
        Assert.Empty((await exchange.GetOpenOrdersAsync(null)).Value);
    }

    [Fact]
    public async Task PlaceOrderAsync_CancelledToken_IsCancelledAndPlacesNothing()
    {
        var exchange = Exchange();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var result = await exchange.PlaceOrderAsync(new OrderRequest(Market, Side.Buy, 99_000m, 0.01m), cts.Token);

        Assert.Equal(ExchangeErrorKind.Cancelled, result.Error?.Kind);
        Assert.Equal(0, exchange.Engine.OpenOrderCount);
    }

    [Fact]
    public async Task PlaceOrderAsync_FromManyThreads_KeepsBalancesAndOrdersConsistent()
    {
        var exchange = Exchange();

        await Parallel.ForAsync(0, 400, async (i, ct) =>
            Assert.True((await exchange.PlaceOrderAsync(new OrderRequest(Market, Side.Buy, 90_000m + i, 0.0001m), ct)).IsSuccess));

        var open = (await exchange.GetOpenOrdersAsync(Market)).Value;
        Assert.Equal(400, open.Count);
        Assert.Equal(400, open.Select(o => o.Id).Distinct().Count());
        var expectedHold = open.Sum(o => o.Price * o.Amount * 1.005m);
        Assert.Equal(expectedHold, (await exchange.GetBalancesAsync()).Value.Single(b => b.Currency == "NOK").Hold);
    }

    [Fact]
    public async Task GetOrderBookAsync_RestingOrders_ShowsThem()
    {
        var exchange = Exchange();
        await exchange.PlaceOrderAsync(new OrderRequest(Market, Side.Buy, 99_000m, 0.01m));

        var book = (await exchange.GetOrderBookAsync(Market, 5)).Value;

        Assert.Equal([new BookLevel(99_000m, 0.01m)], book.Bids);
        Assert.Empty(book.Asks);
    }
}
