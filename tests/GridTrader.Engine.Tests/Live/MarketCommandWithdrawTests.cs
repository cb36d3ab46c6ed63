using GridTrader.Core.Accounting;
using GridTrader.Core.Markets;
using GridTrader.Engine.Live;

namespace GridTrader.Engine.Tests.Live;

/// <summary>
/// A market change whose sender stopped waiting (the API's 30 s) must not be made later behind its back: the file would
/// never follow, and the next start would not know the market whose orders rest. A command the loop has not started is
/// withdrawn and changes nothing; one it started cannot be withdrawn (its answer is then the truth the file follows).
/// </summary>
public sealed class MarketCommandWithdrawTests
{
    private static readonly MarketInfo Eth = MarketInfo.FromSymbol("ETHNOK", minOrderValue: 100m);

    private static async Task<LiveHarness> RunningAsync()
    {
        var h = new LiveHarness();
        h.ListAddedMarketsAt(30_000m);
        await h.StartAsync();
        await h.StepUntilAsync(() => h.OpenOnExchange().Count == 3, "BTCNOK's three buys rest");
        return h;
    }

    private static AddMarketCommand AddEth(LiveHarness h) =>
        new(new MarketSetup(Eth, h.Grid, MarketBudget.Fixed(10_000m), TimeSpan.FromMinutes(1)), "test");

    [Fact]
    public async Task Add_WithdrawnBeforeTheLoopStartsIt_ChangesNothing()
    {
        await using var h = await RunningAsync();
        var add = AddEth(h);
        _ = h.Engine!.SendAsync(add); // queued: the loop has not turned yet

        Assert.True(add.TryWithdraw("gave up"));
        await h.StepAsync(3);

        var result = await add.Result;
        Assert.False(result.Done);
        Assert.DoesNotContain(h.Engine.Snapshot!.Markets, m => m.Symbol == "ETHNOK");
        Assert.Empty(h.Observer.MarketChanges);
    }

    [Fact]
    public async Task Add_AlreadyMadeByTheLoop_CannotBeWithdrawn()
    {
        await using var h = await RunningAsync();
        var add = AddEth(h);

        await h.CommandAsync(add);

        Assert.False(add.TryWithdraw("too late"));
        Assert.True((await add.Result).Done);
        Assert.Contains(h.Engine!.Snapshot!.Markets, m => m.Symbol == "ETHNOK");
    }
}
