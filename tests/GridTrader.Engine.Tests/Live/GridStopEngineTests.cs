using GridTrader.Core.Markets;
using GridTrader.Core.Strategy;

namespace GridTrader.Engine.Tests.Live;

/// <summary>
/// The grid's stop-loss and loss limit in the live engine (a real SQLite file, the simulated exchange, a fake clock): the
/// stop fires once, cancels the grid's orders, sells what the grid bought, and a restart neither sells again nor places
/// the grid again. The default harness grid: 6 levels at a fixed 1.5% around 1,000,000 NOK, 20% of 100,000 NOK, so buys
/// of about 3,333 NOK rest at 985,000, 970,000 and 955,000.
/// </summary>
public sealed class GridStopEngineTests
{
    private const decimal StopLoss = 975_000m;

    /// <summary>Starts, lets the ladder rest, then a candle down to 984,000 fills the buy at 985,000 and its sell rests above.</summary>
    private static async Task<LiveHarness> BoughtOneAsync(Func<LiveHarness, Core.Grid.GridSettings> grid)
    {
        var h = new LiveHarness();
        h.Grid = grid(h);
        await h.StartAsync();
        await h.StepUntilAsync(() => h.OpenOnExchange().Count == 3, "the ladder rests");
        h.PassCandle(1_000_000m, 1_000_000m, 984_000m, 984_000m, 10m);
        await h.StepUntilAsync(() => h.OpenOnExchange().Any(o => o.Side == Side.Sell), "the filled buy's sell rests");
        Assert.True(Base(h) > 0m, "the grid holds the coins it bought");
        return h;
    }

    private static decimal Base(LiveHarness h)
    {
        lock (h.Simulated.SyncRoot) return h.Simulated.Engine.GetAmounts("BTC").Total;
    }

    private static MarketSnapshotView Market(LiveHarness h) => new(h.Engine!.Snapshot!.Markets.Single());

    private readonly record struct MarketSnapshotView(Engine.Live.MarketSnapshot Snapshot)
    {
        public GridPhase Phase => Snapshot.Phase;
        public string? StopReason => Snapshot.StopReason;
    }

    [Fact]
    public async Task StopLoss_PriceAtTheStop_FiresOnceCancelsTheGridAndSellsWhatItBought()
    {
        await using var h = await BoughtOneAsync(h => h.Grid with { StopLossPrice = StopLoss });
        var held = Base(h);
        var placedBefore = h.Exchange.PlaceCalls;

        h.MoveTo(974_000m);
        await h.StepUntilAsync(() => Market(h).Phase == GridPhase.Stopped, "the stop-loss fires");
        await h.StepUntilAsync(() => Base(h) == 0m, "the exit sell fills");
        // The price stays under the stop: nothing more happens.
        await h.StepAsync(20);
        h.MoveTo(960_000m);
        await h.StepAsync(20);

        Assert.StartsWith("stop-loss: price 974000", Market(h).StopReason, StringComparison.Ordinal);
        Assert.Empty(h.OpenOnExchange());
        // Exactly one order after the stop: the exit sell of everything the grid held, at most 0.3% under the price.
        Assert.Equal(placedBefore + 1, h.Exchange.PlaceCalls);
        var exit = Assert.Single(h.Observer.Fills, f => f.Side == Side.Sell);
        Assert.Equal(held, exit.Amount);
        Assert.InRange(exit.Price, 974_000m * 0.997m, 974_000m);
        // The grid's other orders were cancelled, not filled; the grid's own sell was cancelled before the exit went out.
        Assert.Single(h.Observer.Fills, f => f.Side == Side.Buy);
        Assert.Equal(3, h.Observer.StateChanges.Count(c => c.To == Core.Orders.OrderState.Cancelled && c.Reason == Core.Orders.CancelReasons.Stop));
    }

    [Fact]
    public async Task StopLoss_RestartAfterTheExitFilled_StaysStoppedAndPlacesNothing()
    {
        await using var h = await BoughtOneAsync(h => h.Grid with { StopLossPrice = StopLoss });
        h.MoveTo(974_000m);
        await h.StepUntilAsync(() => Base(h) == 0m && h.OpenOnExchange().Count == 0, "stopped and sold");
        var placed = h.Exchange.PlaceCalls;

        await h.StopAsync();
        h.MoveTo(1_000_000m);
        await h.StartAsync();
        await h.StepAsync(30);

        Assert.Equal(GridPhase.Stopped, Market(h).Phase);
        Assert.StartsWith("stop-loss", Market(h).StopReason, StringComparison.Ordinal);
        Assert.Equal(placed, h.Exchange.PlaceCalls);
        Assert.Empty(h.OpenOnExchange());
    }

    [Fact]
    public async Task StopLoss_CrashWhileTheExitsOutcomeIsUnknown_RestoredBotNeitherPlacesTheGridNorSellsTwiceAndTheExitCompletes()
    {
        await using var h = await BoughtOneAsync(h => h.Grid with { StopLossPrice = StopLoss });
        var held = Base(h);
        var placed = h.Exchange.PlaceCalls;
        // The exit's create never reaches the exchange and its answer is lost; the process dies before it learns more.
        h.Exchange.DropCreatesBeforeSending(1);
        h.MoveTo(974_000m);
        await h.StepUntilAsync(() => h.Exchange.PlaceCalls == placed + 1, "the exit is sent");
        Assert.Equal(GridPhase.Stopped, Market(h).Phase);
        Assert.Empty(h.OpenOnExchange());
        Assert.Equal(held, Base(h));

        await h.AbandonAsync();
        await h.StartAsync();
        await h.StepUntilAsync(() => Base(h) == 0m, "the restored bot sells what the grid held");
        await h.StepAsync(30);
        h.MoveTo(1_000_000m);
        await h.StepAsync(30);

        Assert.Equal(GridPhase.Stopped, Market(h).Phase);
        Assert.StartsWith("stop-loss", Market(h).StopReason, StringComparison.Ordinal);
        // The lost create and one exit that filled: nothing of the grid was placed again.
        Assert.Equal(placed + 2, h.Exchange.PlaceCalls);
        Assert.Empty(h.OpenOnExchange());
        Assert.Equal(held, Assert.Single(h.Observer.Fills, f => f.Side == Side.Sell).Amount);
    }

    [Fact]
    public async Task LossLimit_MarketLosesMoreThanTheLimit_StopsTheGridWithTheReasonAndSells()
    {
        // The buy of about 0.0034 BTC at 985,000 loses about 68 NOK at 965,000 (fees included): past a 50 NOK limit.
        await using var h = await BoughtOneAsync(h => h.Grid with { LossLimit = 50m });
        h.MoveTo(979_000m);
        await h.StepAsync(5);
        Assert.Equal(GridPhase.Active, Market(h).Phase);

        h.MoveTo(965_000m);
        await h.StepUntilAsync(() => Market(h).Phase == GridPhase.Stopped, "the loss limit stops the grid");
        await h.StepUntilAsync(() => Base(h) == 0m && h.OpenOnExchange().Count == 0, "the exit sells what the grid held");

        Assert.StartsWith("loss limit", Market(h).StopReason, StringComparison.Ordinal);
        Assert.Contains("-50", Market(h).StopReason, StringComparison.Ordinal);
    }
}
