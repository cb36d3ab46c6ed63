using GridTrader.Core.Orders;
using GridTrader.Engine.Live;

namespace GridTrader.Engine.Tests.Live;

/// <summary>
/// Orders left on the exchange when a market stops (remove or disable with <see cref="RestingOrders.Leave"/>) are
/// released: the bot stops watching them. A fill the exchange made since the last order poll belongs to the bot (it was
/// its order when it filled) and must be booked before the order is let go, or the ledger misses a trade that moved money.
/// </summary>
public sealed class ReleaseUnpolledFillTests
{
    [Fact]
    public async Task RemoveLeavingOrders_ABuyFilledSinceTheLastPoll_TheFillIsBooked()
    {
        await using var h = new LiveHarness();
        await h.StartAsync();
        await h.StepUntilAsync(() => h.OpenOnExchange().Count == 3, "BTCNOK's three buys rest");
        Assert.Empty(await h.Store.LoadFillsAsync());

        h.MoveTo(984_000m); // fills the buy at 985,000 on the exchange; the engine has not polled since
        Assert.Equal(2, h.OpenOnExchange().Count);
        var remove = new RemoveMarketCommand(LiveHarness.Symbol, RestingOrders.Leave, "test");
        await h.CommandAsync(remove);
        var result = await remove.Result;

        Assert.True(result.Done, result.Message);
        var fills = await h.Store.LoadFillsAsync();
        Assert.True(fills.Count == 1, $"the buy that filled before the market was removed has {fills.Count} booked fill(s)");
        var stored = await h.Store.LoadOrdersAsync(nonFinalOnly: false);
        Assert.Equal(1, stored.Count(o => o.State == OrderState.Filled));
    }

    [Fact]
    public async Task DisableCancellingOrders_ABuyFilledSinceTheLastPoll_TheFillIsBooked()
    {
        await using var h = new LiveHarness();
        await h.StartAsync();
        await h.StepUntilAsync(() => h.OpenOnExchange().Count == 3, "BTCNOK's three buys rest");

        h.MoveTo(984_000m);
        var disable = new DisableMarketCommand(LiveHarness.Symbol, RestingOrders.Cancel, "test");
        await h.CommandAsync(disable);
        var result = await disable.Result;

        Assert.True(result.Done, result.Message);
        Assert.Single(await h.Store.LoadFillsAsync());
    }
}
