using GridTrader.Configuration;
using GridTrader.Core.Orders;
using GridTrader.Exchanges.Paper;
using GridTrader.Exchanges.Simulation;
using GridTrader.FiriMock;
using GridTrader.Hosting;
using GridTrader.Integration.Tests.Dashboard;
using GridTrader.Integration.Tests.Support;
using GridTrader.Soak;
using GridTrader.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace GridTrader.Integration.Tests.State;

/// <summary>
/// Paper trading is persisted and resumable like live: a paper bot against the Firi mock places orders and fills one,
/// is stopped (gracefully, and once with SIGKILL), restarts, and finds its paper account as it left it: the same resting
/// orders with the same ids, the same balances and fills; no order lost or duplicated.
/// </summary>
public sealed class PaperPersistenceTests
{
    private const string Market = "BTCNOK";

    private static string Config(string dataDir) => $$"""
        {"GridTrader":{"Mode":"paper","DataDirectory":"{{dataDir}}",
          "Exchange":{"RequestsPerSecond":100,"Burst":20},
          "Simulation":{"InitialBalances":{"NOK":100000} },
          "Markets":[{"Symbol":"BTCNOK","CandleInterval":"1m"}],
          "Grid":{"Levels":6,"SpacingMode":"FixedPercent","SpacingPct":1.5,"TrendFilterEnabled":false},
          "Risk":{"DryRun":true,"MaxSpreadPct":5},
          "Engine":{"TickerPollSeconds":0.1,"OrderPollSeconds":0.1},
          "Dashboard":{"Enabled":false} } }
        """;

    /// <summary>The paper account and the bot's books as stored in the paper database.</summary>
    private sealed record Books(MatchingAccountState Account, IReadOnlyList<TrackedOrder> Orders, int Fills)
    {
        public IReadOnlyList<long> OpenIds => [.. Account.OpenOrders.Select(o => o.Id).Order()];

        public IReadOnlyList<long> BotOpenIds => [.. Orders.Where(o => !o.IsFinal).Select(o => o.ExchangeId ?? -1).Order()];

        /// <summary>Null when the bot and its paper exchange agree and nothing is in doubt, else what differs.</summary>
        public string? Problem()
        {
            if (Orders.Any(o => o.State is OrderState.Intent or OrderState.Submitting or OrderState.Unknown)) return "an order is in doubt";
            if (!OpenIds.SequenceEqual(BotOpenIds)) return $"open orders differ: account [{string.Join(",", OpenIds)}], bot [{string.Join(",", BotOpenIds)}]";
            var crowded = Orders.Where(o => !o.IsFinal).GroupBy(o => o.Level).FirstOrDefault(g => g.Count() > 1);
            if (crowded is not null) return $"level {crowded.Key} carries {crowded.Count()} live orders";
            if (Fills != Account.Trades.Count) return $"{Fills} fills stored, {Account.Trades.Count} executions on the account";
            return null;
        }
    }

    private static async Task<Books?> ReadAsync(string paperDir)
    {
        if (!File.Exists(SqliteStore.DatabasePathIn(paperDir))) return null;
        try
        {
            await using var store = SqliteStore.OpenReadOnly(paperDir);
            if (await store.LoadPaperAccountAsync() is not { } json) return null;
            return new Books(PaperAccountJson.Deserialize(json), await store.LoadOrdersAsync(nonFinalOnly: false), (await store.LoadFillsAsync()).Count);
        }
        catch (StoreException)
        {
            return null; // created but not migrated yet
        }
    }

    /// <summary>Waits until the stored books agree and satisfy <paramref name="condition"/>.</summary>
    private static async Task<Books> SettledAsync(string paperDir, Func<Books, bool> condition, string what, Func<string>? context = null)
    {
        Books? books = null;
        await Poll.UntilAsync(async () => (books = await ReadAsync(paperDir)) is { } b && b.Problem() is null && condition(b),
            TimeSpan.FromSeconds(45), $"{what} (last: {(books is null ? "no books" : books.Problem() ?? $"{books.Fills} fill(s), open [{string.Join(",", books.OpenIds)}]")}) {context?.Invoke()}");
        return books!;
    }

    private static async Task<(FiriMockServer Mock, MockAdmin Admin)> StartMockAsync()
    {
        var mock = new FiriMockServer();
        var url = await mock.StartAsync(new FiriMockOptions { Port = 0, PriceSource = MockPriceSource.Scripted, Seed = 7 });
        var admin = new MockAdmin(url.ToString());
        await admin.MoveAsync(Market, 1_000_000m, 0m);
        return (mock, admin);
    }

    [Fact]
    public async Task PaperBot_StoppedAndRestarted_FindsItsOrdersBalancesAndFillsAsItLeftThem()
    {
        using var temp = new TempDirectory();
        var (mock, admin) = await StartMockAsync();
        await using var _ = mock;
        using var __ = admin;
        var dataDir = Path.Combine(temp.Path, "data");
        var configPath = Path.Combine(temp.Path, "paper.json");
        await File.WriteAllTextAsync(configPath, Config(dataDir));
        var paperDir = DataPaths.For(dataDir).ForMode(RunMode.Paper).Root;
        var request = new RunRequest(ConfigLoader.Load(configPath, environment: new Dictionary<string, string?>()), "firi", mock.BaseAddress.ToString(), false);

        Books before;
        await using (var runtime = await BotRuntime.CreateAsync(request, RunMode.Paper, NullLoggerFactory.Instance, null, CancellationToken.None))
        await using (var bot = await BotProcess.StartAsync(runtime, CancellationToken.None))
        {
            await SettledAsync(paperDir, b => b.OpenIds.Count == 3, "the grid never placed its three buys");
            // The market dips through the top buy at 985,000: it fills and its sell goes up one line.
            await admin.MoveAsync(Market, 980_000m, 0.01m);
            before = await SettledAsync(paperDir, b => b.Fills == 1 && b.Account.OpenOrders.Any(o => o.Side == Core.Markets.Side.Sell),
                "the paper buy never filled and got its sell");
        }

        await using (var runtime = await BotRuntime.CreateAsync(request, RunMode.Paper, NullLoggerFactory.Instance, null, CancellationToken.None))
        await using (var bot = await BotProcess.StartAsync(runtime, CancellationToken.None))
        {
            await Poll.UntilAsync(() => Task.FromResult(runtime.Engine.Snapshot is { State: Core.Risk.BotState.Running }), TimeSpan.FromSeconds(45),
                "the restarted paper bot never reconciled");
            var account = ((PaperExchange)runtime.Exchange).Account;
            Assert.Equal(before.OpenIds, (await account.GetOpenOrdersAsync(null)).Value.Select(o => o.Id).Order());
            var balances = (await account.GetBalancesAsync()).Value;
            Assert.Equal(before.Account.Balances, balances.Select(b => new AccountBalanceState(b.Currency, b.Total, b.Hold)));
            var after = await SettledAsync(paperDir, _ => true, "the restarted bot's books never settled");
            Assert.Equal(before.OpenIds, after.OpenIds);
            Assert.Equal(before.Account.NextOrderId, after.Account.NextOrderId);
            Assert.Equal(1, after.Fills);

            // The restored sell is a live order of the paper account: the market comes back up through it (paper fills
            // only when the price trades through a limit, not when it touches it).
            await admin.MoveAsync(Market, 1_002_000m, 0.01m);
            await SettledAsync(paperDir, b => b.Fills == 2, "the restored sell never filled");
        }
    }

    [Fact]
    [Trait("Category", "Process")]
    public async Task PaperBot_KilledWithSigkill_RestartsOnTheSameAccountWithNothingLostOrDuplicated()
    {
        using var temp = new TempDirectory();
        var (mock, admin) = await StartMockAsync();
        await using var _ = mock;
        using var __ = admin;
        var dataDir = Path.Combine(temp.Path, "data");
        var configPath = Path.Combine(temp.Path, "paper.json");
        await File.WriteAllTextAsync(configPath, Config(dataDir));
        var paperDir = DataPaths.For(dataDir).ForMode(RunMode.Paper).Root;
        string[] args = ["run", "--config", configPath, "--exchange", "firi", "--firi-url", mock.BaseAddress.ToString()];

        Books before;
        using (var bot = ChildProcess.Start("gridtrader.dll", args, workingDirectory: temp.Path))
        {
            await SettledAsync(paperDir, b => b.OpenIds.Count == 3, "the grid never placed its three buys", () => bot.Tail());
            await admin.MoveAsync(Market, 980_000m, 0.01m);
            before = await SettledAsync(paperDir, b => b.Fills == 1 && b.OpenIds.Count == 3, "the paper buy never filled and got its sell", () => bot.Tail());
            bot.Kill();
        }

        using (var bot = ChildProcess.Start("gridtrader.dll", args, workingDirectory: temp.Path))
        {
            await Poll.UntilAsync(async () =>
            {
                await using var store = SqliteStore.OpenReadOnly(paperDir);
                return (await store.LoadJournalAsync(name: "reconcile.completed")).Count >= 2;
            }, TimeSpan.FromSeconds(45), "the restarted paper bot never reconciled");
            var after = await SettledAsync(paperDir, _ => true, "the restarted bot's books never settled", () => bot.Tail());

            Assert.Equal(before.OpenIds, after.OpenIds);
            Assert.Equal(before.Account.Balances, after.Account.Balances);
            Assert.Equal(before.Account.NextOrderId, after.Account.NextOrderId);
            Assert.Equal(before.Fills, after.Fills);
            var exit = await bot.StopAsync(TimeSpan.FromSeconds(30));
            Assert.True(exit == 0, $"exit {exit}:\n{bot.Tail()}");
        }
    }
}
