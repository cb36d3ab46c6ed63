using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Core.Risk;
using GridTrader.Engine.Live;

namespace GridTrader.Engine.Tests.Live;

/// <summary>
/// Restart and reconciliation of the live engine against an in-memory exchange and a real SQLite file, stepped on a
/// fake clock. The grid: 6 levels, 1.5% fixed spacing around 1,000,000 NOK, so the bot rests buys at 955,000, 970,000
/// and 985,000 and, holding no BTC, no sells.
/// </summary>
public sealed class LiveEngineRecoveryTests
{
    private static readonly decimal[] StartingBuys = [955_000m, 970_000m, 985_000m];

    private static async Task<LiveHarness> StartedWithLadderAsync(Action<LiveHarness>? configure = null)
    {
        var h = new LiveHarness();
        configure?.Invoke(h);
        await h.StartAsync();
        await h.StepUntilAsync(() => h.OpenOnExchange().Count == 3, "the three starting buys rest on the exchange");
        return h;
    }

    [Fact]
    public async Task Start_FreshAccount_RestsOneBuyPerLevelBelowThePrice()
    {
        await using var h = await StartedWithLadderAsync();

        var open = h.OpenOnExchange();
        Assert.Equal(StartingBuys, open.Select(o => o.Price).Order());
        Assert.All(open, o => Assert.Equal(Side.Buy, o.Side));
        Assert.Equal(BotState.Running, h.Engine!.Snapshot!.State);
        Assert.Equal(3, h.Exchange.PlaceCalls);
    }

    [Fact]
    public async Task Restart_FillWhileStopped_IsAppliedOnceAndItsCounterSellPlaced()
    {
        await using var h = await StartedWithLadderAsync();
        await h.StopAsync();

        // While the bot is down the price dips through 985,000: that buy fills on the exchange.
        h.MoveTo(980_000m);
        h.MoveTo(990_000m);

        await h.StartAsync();
        await h.StepUntilAsync(() => h.OpenOnExchange().Any(o => o.Side == Side.Sell), "the counter-sell rests");
        var fills = await h.Store.LoadFillsAsync();
        var fill = Assert.Single(fills);
        Assert.Equal(985_000m, fill.Price);
        var sell = Assert.Single(h.OpenOnExchange(), o => o.Side == Side.Sell);
        Assert.Equal(1_000_000m, sell.Price); // one level up from 985,000
        Assert.Equal(fill.Amount, sell.Amount); // fee is charged in NOK, so every coin bought is offered
        Assert.Equal([955_000m, 970_000m], h.OpenOnExchange().Where(o => o.Side == Side.Buy).Select(o => o.Price).Order());

        // A second restart finds nothing new: the fill stays applied exactly once.
        await h.StopAsync();
        await h.StartAsync();
        await h.StepAsync(5);
        Assert.Single(await h.Store.LoadFillsAsync());
        Assert.Single(h.OpenOnExchange(), o => o.Side == Side.Sell);
    }

    [Fact]
    public async Task Place_AnswerLostAfterTheExchangeAcceptedIt_IsAdoptedAndNeverDuplicated()
    {
        var h = new LiveHarness();
        await using var _ = h;
        h.Exchange.LoseCreateAnswers(3);
        await h.StartAsync();

        await h.StepUntilAsync(() => h.Engine!.Snapshot is { } s && s.OpenOrders.Count == 3 && s.OpenOrders.All(o => o.State == "Open"),
            "all three orders are found on the exchange");
        Assert.Equal(3, h.OpenOnExchange().Count);
        Assert.Equal(StartingBuys, h.OpenOnExchange().Select(o => o.Price).Order());
        Assert.Equal(3, h.Exchange.PlaceCalls);
        Assert.Equal(3, h.Observer.Reconciliations.Count(r => r.Kind == "adopted"));
        var stored = await h.Store.LoadOrdersAsync(nonFinalOnly: true);
        Assert.Equal(h.OpenOnExchange().Select(o => o.Id).Order(), stored.Select(o => o.ExchangeId!.Value).Order());
    }

    [Fact]
    public async Task Place_CreateThatNeverArrived_IsDeclaredNotPlacedThenSentOnce()
    {
        var h = new LiveHarness();
        await using var _ = h;
        h.Exchange.DropCreatesBeforeSending(3);
        await h.StartAsync();

        await h.StepUntilAsync(() => h.Observer.Reconciliations.Count(r => r.Kind == "not-placed") == 3
                                     && h.OpenOnExchange().Count == 3, "lost creates are declared and re-sent");
        await h.StepAsync(5);
        Assert.Equal(StartingBuys, h.OpenOnExchange().Select(o => o.Price).Order());
        Assert.Equal(6, h.Exchange.PlaceCalls);
        var orders = await h.Store.LoadOrdersAsync(nonFinalOnly: false);
        Assert.Equal(3, orders.Count(o => o.State == OrderState.Rejected));
        Assert.Equal(3, orders.Count(o => o.State == OrderState.Open));
    }

    [Fact]
    public async Task Place_AnswerLost_IsNotDeclaredNotPlacedBeforeTheGracePeriod()
    {
        var h = new LiveHarness();
        await using var _ = h;
        h.Exchange.DropCreatesBeforeSending(3);
        await h.StartAsync();

        // The grace period is 30 s; five turns are 25 s.
        await h.StepAsync(5);

        Assert.DoesNotContain(h.Observer.Reconciliations, r => r.Kind == "not-placed");
        Assert.Equal(3, h.Exchange.PlaceCalls);
        Assert.All(h.Engine!.Snapshot!.OpenOrders, o => Assert.Equal("Unknown", o.State));
    }

    [Fact]
    public async Task KillSwitch_CancelsEveryOrderAndStaysEngagedAcrossRestart()
    {
        await using var h = await StartedWithLadderAsync();

        var result = await h.CommandAsync(new KillCommand("test"));
        Assert.Contains("kill-switch engaged", result, StringComparison.Ordinal);
        Assert.Empty(h.OpenOnExchange());
        Assert.Equal(BotState.Halted, h.Engine!.Snapshot!.State);
        Assert.True((await h.Store.LoadRiskStateAsync())!.KillSwitchEngaged);
        var placesBefore = h.Exchange.PlaceCalls;

        await h.StopAsync();
        await h.StartAsync();
        await h.StepAsync(10);
        Assert.Equal(BotState.Halted, h.Engine!.Snapshot!.State);
        Assert.Empty(h.OpenOnExchange());
        Assert.Equal(placesBefore, h.Exchange.PlaceCalls);

        await h.CommandAsync(new ResumeCommand("test over"));
        Assert.Equal(BotState.Running, h.Engine.Snapshot!.State);
        await h.StepUntilAsync(() => h.OpenOnExchange().Count == 3, "the ladder is rebuilt after resume");
    }

    [Fact]
    public async Task KillSwitch_WithACounterOrderDue_PlacesNothingMore()
    {
        await using var h = await StartedWithLadderAsync();
        h.MoveTo(980_000m); // fills the buy at 985,000: its counter-sell is due on the next turn
        h.MoveTo(990_000m);

        var answer = h.Engine!.SendAsync(new KillCommand("now"));
        var placesBefore = h.Exchange.PlaceCalls;
        await h.StepAsync();
        await answer;

        Assert.Equal(placesBefore, h.Exchange.PlaceCalls);
        Assert.Empty(h.OpenOnExchange());
    }

    [Fact]
    public async Task Reconcile_ForeignOrderOnTheAccount_IsReportedAndLeftAlone()
    {
        var h = new LiveHarness();
        await using var _ = h;
        long foreignId;
        lock (h.Simulated.SyncRoot)
            foreignId = h.Simulated.Engine.PlaceOrder(LiveHarness.Symbol, Side.Buy, 900_000m, 0.001m, h.Time.GetUtcNow()).Value;

        await h.StartAsync();
        await h.StepUntilAsync(() => h.OpenOnExchange().Count == 4, "the ladder rests beside it");
        await h.StepAsync(3);
        Assert.Contains(h.OpenOnExchange(), o => o.Id == foreignId);
        Assert.DoesNotContain(h.Engine!.Snapshot!.OpenOrders, o => o.ExchangeId == foreignId);
        Assert.Single(h.Observer.Reconciliations, r => r.Kind == "foreign");
    }

    [Fact]
    public async Task Expiry_OrderOlderThanItsTimeToLive_IsCancelledAsExpiredAndReplaced()
    {
        var h = new LiveHarness();
        await using var _ = h;
        h.Settings = h.Settings with { OrderTimeToLive = TimeSpan.FromMinutes(2) };
        await h.StartAsync();
        await h.StepAsync(); // the ladder rests
        var first = h.OpenOnExchange().Select(o => o.Id).ToHashSet();

        // 25 turns are 125 s: past the 2-minute time-to-live and the next expiry check.
        await h.StepAsync(25);

        Assert.Contains(h.Observer.StateChanges, s => s.To == OrderState.Expired);
        Assert.Equal(StartingBuys, h.OpenOnExchange().Select(o => o.Price).Order());
        Assert.DoesNotContain(h.OpenOnExchange(), o => first.Contains(o.Id));
        var stored = await h.Store.LoadOrdersAsync(nonFinalOnly: false);
        Assert.Equal(3, stored.Count(o => o.State == OrderState.Expired && o.CancelReason == CancelReasons.Expired));
    }
}
