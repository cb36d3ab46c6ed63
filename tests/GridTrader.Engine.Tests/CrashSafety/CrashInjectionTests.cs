using GridTrader.Core.Accounting;
using GridTrader.Core.Markets;
using GridTrader.Core.Persistence;
using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;
using GridTrader.Engine.Live;
using GridTrader.Engine.Tests.Live;
using GridTrader.Exchanges.Simulation;
using Xunit.Abstractions;

namespace GridTrader.Engine.Tests.CrashSafety;

/// <summary>
/// Kills the bot at every store write of a scenario — start, fills, partial fills, an operator recentre, a trailing
/// rebuild, the kill-switch and a resume — once right after the write commits and once in its place (the exchange
/// call before it happened, its record did not), restarts it on the same database and exchange, finishes the
/// scenario, and checks the books: no two orders on one price, every resting order known to the bot and every order
/// the bot believes live resting, each order's fills equal to what the exchange matched, the bot's balances equal to
/// the exchange's, and the grid Active and the bot Running again.
/// </summary>
public sealed class CrashInjectionTests(ITestOutputHelper output)
{
    private sealed record Step(string Name, Func<LiveHarness, Task> Run, bool RepeatedAfterCrash = false);

    private static readonly Step[] Scenario =
    [
        new("start", h => h.StartAsync()),
        new("ladder", h => h.StepAsync(2)),
        // 0.5 participation of 0.004 BTC traded: 0.002 of the 985,000 buy (about 0.0034) fills, the rest rests.
        new("partial fill", async h => { h.PassCandle(1_000_000m, 1_000_500m, 984_000m, 990_000m, 0.004m); await h.StepAsync(2); }),
        new("fills", async h => { h.PassCandle(990_000m, 991_000m, 968_000m, 975_000m, 10m); await h.StepAsync(2); }),
        new("counter-sells fill", async h => { h.PassCandle(975_000m, 1_001_000m, 974_000m, 1_000_000m, 10m); await h.StepAsync(2); }),
        new("recentre", async h => { await h.CommandAsync(new RecenterCommand(LiveHarness.Symbol, "operator")); await h.StepAsync(3); }, true),
        new("trail up", async h => { h.PassCandle(1_000_000m, 1_090_000m, 999_000m, 1_080_000m, 10m); await h.StepAsync(4); }),
        new("kill", async h => { await h.CommandAsync(new KillCommand("test")); await h.StepAsync(2); }, true),
        new("resume", async h => { await h.CommandAsync(new ResumeCommand("test over")); await h.StepAsync(3); }, true),
    ];

    [Fact]
    public async Task Scenario_WithoutACrash_ExercisesEveryPhaseAndEndsInBalance()
    {
        var (writes, h) = await RunAsync(crashAt: 0, after: true);
        await using var _ = h;

        var fills = await h.Store.LoadFillsAsync();
        var journal = await h.Store.LoadJournalAsync();
        output.WriteLine($"{writes} writes, {fills.Count} fills, {journal.Count(j => j.Name == StrategyNotice.GridPlanned)} grids planned");
        Assert.True(writes > 50, $"the scenario makes {writes} writes");
        Assert.Contains(fills, f => f.Side == Side.Sell);
        Assert.Contains(fills, f => f.Amount < 0.003m); // the partial fill
        Assert.Equal(3, journal.Count(j => j.Name == StrategyNotice.GridPlanned)); // first grid, recentre, trail
        Assert.Contains(journal, j => j.Name == RiskEvent.KillEngaged);
        await AssertBooksAgreeAsync(h);
    }

    [Fact]
    public async Task Crash_AfterEveryStoreWrite_RestartFindsConsistentBooksAndTradesAgain()
    {
        var (total, first) = await RunAsync(crashAt: 0, after: true);
        await first.DisposeAsync();
        await CrashAtEveryWriteAsync(total, after: true);
    }

    [Fact]
    public async Task Crash_InPlaceOfEveryStoreWrite_RestartFindsConsistentBooksAndTradesAgain()
    {
        var (total, first) = await RunAsync(crashAt: 0, after: true);
        await first.DisposeAsync();
        await CrashAtEveryWriteAsync(total, after: false);
    }

    private async Task CrashAtEveryWriteAsync(int total, bool after)
    {
        var failures = new List<string>();
        for (var n = 1; n <= total; n++)
        {
            var where = $"crash {(after ? "after" : "instead of")} write {n}";
            try
            {
                var (_, h) = await RunAsync(n, after);
                await using (h) await AssertBooksAgreeAsync(h);
            }
            catch (Exception ex) when (ex is Xunit.Sdk.XunitException)
            {
                failures.Add($"{where}: {ex.Message}");
            }
        }

        output.WriteLine($"{total} crash points checked, {failures.Count} failed");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>Runs the scenario; with <paramref name="crashAt"/> &gt; 0 the bot dies at that write and is restarted.</summary>
    private static async Task<(int Writes, LiveHarness Harness)> RunAsync(int crashAt, bool after)
    {
        var h = new LiveHarness(exchangeOptions: new MatchingEngineOptions { VolumeParticipation = 0.5m });
        var crash = new CrashSwitch(crashAt, after);
        h.WrapStore = s => new CrashingStore(s, crash);
        h.WrapExchange = x => new CrashingExchange(x, crash);
        var restarted = false;
        foreach (var step in Scenario)
        {
            try
            {
                await step.Run(h);
            }
            catch (SimulatedCrashException) when (!restarted)
            {
                restarted = true;
                await h.AbandonAsync();
                h.WrapStore = null;
                h.WrapExchange = null;
                await h.StartAsync();
                // A person whose command got no answer gives it again; the market's moves already happened.
                if (step.RepeatedAfterCrash) await step.Run(h);

                // Right after the restart, not only at the end: later steps (a kill cancels everything) must not hide
                // a market the crash left stuck.
                await h.StepAsync(12);
                await AssertBooksAgreeAsync(h);
            }
        }

        // Long enough for a lost create to pass its grace period and be adopted or declared not placed.
        await h.StepAsync(12);
        return (crash.Writes, h);
    }

    private static async Task AssertBooksAgreeAsync(LiveHarness h)
    {
        var open = h.OpenOnExchange();
        var duplicates = open.GroupBy(o => (o.Side, o.Price)).Where(g => g.Count() > 1).Select(g => $"{g.Key.Side} @ {g.Key.Price}").ToList();
        Assert.True(duplicates.Count == 0, $"two orders at one price: {string.Join(", ", duplicates)}");

        var live = await h.Store.LoadOrdersAsync(nonFinalOnly: true);
        var liveIds = live.Where(o => o.ExchangeId is not null).Select(o => o.ExchangeId!.Value).ToHashSet();
        var untracked = open.Where(o => !liveIds.Contains(o.Id)).Select(o => $"{o.Side} @ {o.Price}").ToList();
        Assert.True(untracked.Count == 0, $"resting but not tracked: {string.Join(", ", untracked)}");
        var phantom = live.Where(o => o.ExchangeId is null || open.All(x => x.Id != o.ExchangeId)).Select(o => $"#{o.Id} {o.State}").ToList();
        Assert.True(phantom.Count == 0, $"tracked as live but not resting: {string.Join(", ", phantom)}");

        var fills = await h.Store.LoadFillsAsync();
        foreach (var order in await h.Store.LoadOrdersAsync(nonFinalOnly: false))
        {
            var booked = fills.Where(f => f.OrderId == order.Id).Sum(f => f.Amount);
            if (order.ExchangeId is not { } id)
            {
                Assert.Equal(0m, booked);
                continue;
            }

            ExchangeResultOrder(h, id, out var matched);
            Assert.True(booked == matched, $"order #{order.Id}: {booked} booked, {matched} matched on the exchange");
        }

        var initial = BalanceText.Parse((await h.Store.GetMetaAsync(EngineMetaKeys.InitialBalances))!);
        var ledger = new Ledger(initial);
        ledger.RegisterMarket(LiveHarness.Symbol, "BTC", "NOK", 0m);
        foreach (var fill in fills) ledger.Apply(fill);
        lock (h.Simulated.SyncRoot)
        {
            Assert.Equal(h.Simulated.Engine.GetAmounts("BTC").Total, ledger.Balance("BTC"));
            Assert.Equal(h.Simulated.Engine.GetAmounts("NOK").Total, ledger.Balance("NOK"));
        }

        // Running with an active grid, unless a person engaged the kill-switch: then halted with nothing resting.
        var snapshot = h.Engine!.Snapshot!;
        if (snapshot.KillSwitchEngaged)
        {
            Assert.Equal(BotState.Halted, snapshot.State);
            Assert.Empty(open);
            return;
        }

        Assert.Equal(BotState.Running, snapshot.State);
        Assert.Equal(GridPhase.Active, Assert.Single(snapshot.Markets).Phase);
        Assert.NotEmpty(open);
    }

    private static void ExchangeResultOrder(LiveHarness h, long id, out decimal matched)
    {
        lock (h.Simulated.SyncRoot)
        {
            var order = h.Simulated.Engine.GetOrder(id);
            matched = order.IsSuccess ? order.Value.Matched : 0m;
        }
    }
}
