using GridTrader.Core.Markets;
using GridTrader.Core.Strategy;
using GridTrader.Engine.Live;

namespace GridTrader.Engine.Tests.Live;

/// <summary>
/// A market its loss limit stopped, then disabled and enabled again by a person: like a resume (whose loss limit counts
/// from the resume), the new grid must not be stopped at its first price by the loss that stopped the old one, which
/// would sell whatever the new grid buys at the market, again and again.
/// </summary>
public sealed class ReenabledLossLimitTests
{
    [Fact]
    public async Task Enable_AfterTheLossLimitStoppedTheMarket_NewGridIsNotStoppedByTheOldLoss()
    {
        await using var h = new LiveHarness();
        h.Grid = h.Grid with { LossLimit = 50m };
        await h.StartAsync();
        await h.StepUntilAsync(() => h.OpenOnExchange().Count == 3, "the ladder rests");
        h.PassCandle(1_000_000m, 1_000_000m, 984_000m, 984_000m, 10m);
        await h.StepUntilAsync(() => h.OpenOnExchange().Any(o => o.Side == Side.Sell), "the filled buy's sell rests");
        h.MoveTo(965_000m);
        await h.StepUntilAsync(() => Phase(h) == GridPhase.Stopped, "the loss limit stops the grid");
        await h.StepUntilAsync(() => h.OpenOnExchange().Count == 0, "the exit sells what the grid held");

        var disable = new DisableMarketCommand(LiveHarness.Symbol, RestingOrders.Cancel, "done with it");
        await h.CommandAsync(disable);
        Assert.True((await disable.Result).Done);
        var enable = new EnableMarketCommand(new MarketSetup(h.Market, h.Grid, h.Budget, TimeSpan.FromMinutes(1)), "try again");
        await h.CommandAsync(enable);
        Assert.True((await enable.Result).Done);
        await h.StepAsync(5);

        Assert.NotEqual(GridPhase.Stopped, Phase(h));
    }

    private static GridPhase Phase(LiveHarness h) => h.Engine!.Snapshot!.Markets.Single().Phase;
}
