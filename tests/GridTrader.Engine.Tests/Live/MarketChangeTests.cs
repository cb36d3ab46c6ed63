using GridTrader.Core.Accounting;
using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Engine.Live;

namespace GridTrader.Engine.Tests.Live;

/// <summary>
/// Markets added, enabled, disabled and removed while the bot runs, on its loop. BTCNOK trades a 6-level 1.5% grid
/// around 1,000,000 NOK (three buys rest); ETHNOK is listed on the exchange at 30,000 NOK and not traded at first.
/// </summary>
public sealed class MarketChangeTests
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

    private static MarketSetup EthSetup(LiveHarness h) => new(Eth, h.Grid, MarketBudget.Fixed(10_000m), TimeSpan.FromMinutes(1));

    private static async Task<MarketChangeResult> SendAsync(LiveHarness h, MarketCommand command)
    {
        await h.CommandAsync(command);
        return await command.Result;
    }

    private static IReadOnlyList<ExchangeOrder> OpenOn(LiveHarness h, string market)
    {
        lock (h.Simulated.SyncRoot) return h.Simulated.Engine.GetOpenOrders(market).Value;
    }

    [Fact]
    public async Task Add_WhileRunning_TradesTheMarketWithItsFixedBudget()
    {
        await using var h = await RunningAsync();

        var result = await SendAsync(h, new AddMarketCommand(EthSetup(h), "test"));

        Assert.True(result.Done, result.Message);
        await h.StepUntilAsync(() => OpenOn(h, "ETHNOK").Count == 3, "ETHNOK's three buys rest");
        var eth = Assert.Single(h.Engine!.Snapshot!.Markets, m => m.Symbol == "ETHNOK");
        Assert.Equal(10_000m, eth.Capital);
        Assert.Equal(3, OpenOnExchange(h).Count);
        Assert.Contains(h.Observer.MarketChanges, c => c is { Market: "ETHNOK", Change: "added" });
        Assert.False((await SendAsync(h, new AddMarketCommand(EthSetup(h), "again"))).Done);
    }

    private static IReadOnlyList<ExchangeOrder> OpenOnExchange(LiveHarness h) => h.OpenOnExchange();

    [Fact]
    public async Task Disable_RestingOrdersAndNoChoice_IsRefusedAndChangesNothing()
    {
        await using var h = await RunningAsync();

        var result = await SendAsync(h, new DisableMarketCommand(LiveHarness.Symbol, RestingOrders.Ask, "test"));

        Assert.False(result.Done);
        Assert.Contains("3 resting order(s)", result.Message, StringComparison.Ordinal);
        await h.StepAsync();
        Assert.Single(h.Engine!.Snapshot!.Markets);
        Assert.Equal(3, h.OpenOnExchange().Count);
        Assert.Equal(3, h.Engine.Snapshot.OpenOrders.Count);
    }

    [Fact]
    public async Task Disable_CancelOrders_CancelsThemAndStopsTradingTheMarket()
    {
        await using var h = await RunningAsync();
        var calls = h.Exchange.PlaceCalls;

        var result = await SendAsync(h, new DisableMarketCommand(LiveHarness.Symbol, RestingOrders.Cancel, "test"));

        Assert.True(result.Done, result.Message);
        Assert.Contains("3 order(s) cancelled", result.Message, StringComparison.Ordinal);
        Assert.Empty(h.OpenOnExchange());
        await h.StepAsync(5);
        Assert.Empty(h.Engine!.Snapshot!.Markets);
        Assert.Empty(h.OpenOnExchange());
        Assert.Equal(calls, h.Exchange.PlaceCalls);
        var stored = await h.Store.LoadOrdersAsync(nonFinalOnly: false);
        Assert.All(stored, o => Assert.Equal(OrderState.Cancelled, o.State));
    }

    [Fact]
    public async Task Remove_LeaveOrders_ReleasesThemAsForeignAndNeverTouchesThem()
    {
        await using var h = await RunningAsync();
        var resting = h.OpenOnExchange().Select(o => o.Id).Order().ToList();

        var result = await SendAsync(h, new RemoveMarketCommand(LiveHarness.Symbol, RestingOrders.Leave, "test"));

        Assert.True(result.Done, result.Message);
        Assert.Contains("3 order(s) left on the exchange", result.Message, StringComparison.Ordinal);
        Assert.Equal(3, h.Observer.Reconciliations.Count(r => r.Kind == "released"));
        Assert.All(await h.Store.LoadOrdersAsync(nonFinalOnly: false), o => Assert.Equal(OrderState.Released, o.State));
        Assert.Empty(await h.Store.LoadExchangeIdsAsync());
        Assert.Empty(h.Engine!.Snapshot!.OpenOrders);

        // Brought back, the market plans a new grid; the released orders are foreign to it: reported, left alone.
        var back = await SendAsync(h, new AddMarketCommand(new MarketSetup(h.Market, h.Grid, h.Budget, TimeSpan.FromMinutes(1)), "back"));
        Assert.True(back.Done, back.Message);
        await h.StepAsync(3);
        Assert.Equal(3, h.Observer.Reconciliations.Count(r => r.Kind == "foreign"));
        Assert.Equal(resting, h.OpenOnExchange().Select(o => o.Id).Where(resting.Contains).Order());
        Assert.Equal(1, h.Engine.Core!.Market(LiveHarness.Symbol)!.Strategy.Epoch);
    }

    [Fact]
    public async Task Disable_MarketHoldingCoins_LowersTheDrawdownPeakByTheirValueInsteadOfTrippingTheStop()
    {
        await using var h = await RunningAsync();
        Assert.True((await SendAsync(h, new AddMarketCommand(EthSetup(h), "keeps NOK in equity"))).Done);
        h.MoveTo(984_000m); // fills the buy at 985,000
        await h.StepUntilAsync(() => h.OpenOnExchange().Any(o => o.Side == Side.Sell), "the counter-sell rests");
        var peak = h.Engine!.Core!.Risk.PeakEquity;
        var coins = h.Engine.Core.Portfolio.Account.Total("BTC") * h.Engine.Core.Market(LiveHarness.Symbol)!.LastPrice;
        Assert.True(coins > 0);

        var result = await SendAsync(h, new DisableMarketCommand(LiveHarness.Symbol, RestingOrders.Cancel, "test"));
        await h.StepAsync(2);

        Assert.True(result.Done, result.Message);
        Assert.Equal(peak - coins, h.Engine.Core.Risk.PeakEquity);
        Assert.False(h.Engine.Snapshot!.DrawdownTripped);
        Assert.Equal(peak - coins, (await h.Store.LoadRiskStateAsync())!.PeakEquity);
    }

    [Fact]
    public async Task Add_ExchangeCannotTradeIt_IsRefusedAndChangesNothing()
    {
        await using var h = await RunningAsync();
        h.PrepareMarket = null;
        await h.StopAsync();
        h.PrepareMarket = _ => "the simulated exchange replays one market";
        await h.StartAsync();
        await h.StepAsync();

        var result = await SendAsync(h, new AddMarketCommand(EthSetup(h), "test"));

        Assert.False(result.Done);
        Assert.Contains("replays one market", result.Message, StringComparison.Ordinal);
        Assert.Single(h.Engine!.Snapshot!.Markets);
    }
}
