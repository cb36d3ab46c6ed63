using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;
using GridTrader.Storage.Tests.Support;
using static GridTrader.Storage.Tests.Support.Samples;

namespace GridTrader.Storage.Tests;

public sealed class StateStoreTests : IDisposable
{
    private readonly TempDataDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task StrategyState_WithRealGridPlan_RoundTripsExactly()
    {
        var plan = Plan();
        var state = StrategyState(plan);
        await using (var store = Open(_dir)) await store.SaveStrategyStateAsync(state);

        await using var reopened = Open(_dir);
        var loaded = await reopened.LoadStrategyStateAsync("BTCNOK");

        Assert.NotNull(loaded);
        Assert.Equivalent(state, loaded, strict: true);
        Assert.Equal(plan.Lines.Select(l => l.ToString()), loaded.Plan!.Lines.Select(l => l.ToString()));
        Assert.Equal(plan.Cells, loaded.Plan.Cells);
        Assert.Equal(plan.Orders, loaded.Plan.Orders);
        Assert.Equal(plan.Warnings, loaded.Plan.Warnings);
        Assert.Equal(plan.NetProfitPerRoundTrip, loaded.Plan.NetProfitPerRoundTrip);
    }

    [Fact]
    public async Task StrategyState_StoredJson_HoldsStateOnlyWithEnumNames()
    {
        await using (var store = Open(_dir)) await store.SaveStrategyStateAsync(StrategyState());

        var json = (string)RawDatabase.Scalar(_dir.DatabasePath, "SELECT state_json FROM grid_state")!;

        Assert.Contains("\"Phase\":\"Active\"", json, StringComparison.Ordinal);
        Assert.Contains("\"Side\":\"Buy\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("LowerBound", json, StringComparison.Ordinal);
        Assert.DoesNotContain("NetProfitPerRoundTrip", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Value\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StrategyState_WithoutPlanAndOverwritten_LoadsLatestPerMarket()
    {
        await using var store = Open(_dir);
        var warming = new GridStrategyState("ETHNOK", GridPhase.WarmingUp, 0, null, [], Trend.Neutral, false, false);
        await store.SaveStrategyStateAsync(warming);
        await store.SaveStrategyStateAsync(StrategyState(epoch: 1));
        await store.SaveStrategyStateAsync(StrategyState(epoch: 2));

        Assert.Equivalent(warming, await store.LoadStrategyStateAsync("ETHNOK"), strict: true);
        Assert.Equal(2, (await store.LoadStrategyStateAsync("btcnok"))!.Epoch);
        Assert.Null(await store.LoadStrategyStateAsync("XRPNOK"));
    }

    [Fact]
    public async Task CommitOrder_WithStrategyState_StoresItInTheSameCommit()
    {
        await using var store = Open(_dir);
        var order = NewOrder(1);

        await Commit(store, order, [order.MarkSubmitting(T0)], StrategyState(epoch: 5));

        Assert.Equal(5, (await store.LoadStrategyStateAsync("BTCNOK"))!.Epoch);
    }

    [Fact]
    public async Task RiskState_KillSwitchPeakAndBreakers_RoundTripsAcrossReopen()
    {
        var state = new RiskState
        {
            KillSwitchEngaged = true,
            KillReason = "drawdown 12.5% beyond the 10% stop",
            KilledAt = T0.AddMinutes(3),
            GloballyPaused = true,
            PeakEquity = 123_456.789012345678m,
            DrawdownTripped = true,
            PausedMarkets = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "BTCNOK", "ETHNOK" },
            OpenBreakers = new Dictionary<string, DateTimeOffset>(StringComparer.OrdinalIgnoreCase) { ["ETHNOK"] = T0.AddMinutes(1) },
        };
        await using (var store = Open(_dir))
        {
            Assert.Null(await store.LoadRiskStateAsync());
            await store.SaveRiskStateAsync(new RiskState { PeakEquity = 1m });
            await store.SaveRiskStateAsync(state);
        }

        await using var reopened = Open(_dir);
        var loaded = await reopened.LoadRiskStateAsync();

        Assert.NotNull(loaded);
        Assert.Equivalent(state, loaded, strict: true);
        Assert.Equal("123456.789012345678", loaded.PeakEquity.ToString());
        // The engine looks markets up without regard to case; the restored collections must too.
        Assert.Contains("btcnok", loaded.PausedMarkets);
        Assert.True(loaded.OpenBreakers.ContainsKey("ethnok"));
        Assert.Equal(1, RawDatabase.Count(_dir.DatabasePath, "risk_state"));
    }

    [Fact]
    public async Task BotState_Transitions_LoadAsCurrentStateAndHistory()
    {
        var machine = new BotStateMachine();
        await using var store = Open(_dir);
        var fresh = await store.LoadBotStateAsync();
        Assert.Equal((BotState.Stopped, (DateTimeOffset?)null), (fresh.Current, fresh.Since));
        Assert.Empty(fresh.History);

        var t = T0;
        foreach (var (to, reason) in new[]
                 {
                     (BotState.Starting, "start"), (BotState.Running, "reconciled"), (BotState.Paused, "paused by user"),
                     (BotState.Running, "resumed"), (BotState.Halted, "kill-switch: drawdown"),
                 })
        {
            await store.SaveBotStateAsync(machine.MoveTo(to, reason, t = t.AddMinutes(1)));
        }

        var all = await store.LoadBotStateAsync();
        var lastTwo = await store.LoadBotStateAsync(historyLimit: 2);
        var currentOnly = await store.LoadBotStateAsync(historyLimit: 0);

        Assert.Equal(BotState.Halted, all.Current);
        Assert.Equal(t, all.Since);
        Assert.Equal(machine.History, all.History);
        Assert.Equal(machine.History.TakeLast(2), lastTwo.History);
        Assert.Equal((BotState.Halted, t), (currentOnly.Current, currentOnly.Since));
        Assert.Empty(currentOnly.History);
        Assert.Equal("Halted", RawDatabase.Scalar(_dir.DatabasePath, "SELECT state FROM bot_state"));
    }
}
