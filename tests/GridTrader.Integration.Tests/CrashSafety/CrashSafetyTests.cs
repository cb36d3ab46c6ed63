using GridTrader.Core.Accounting;
using GridTrader.Core.Orders;
using GridTrader.Integration.Tests.Support;
using GridTrader.Storage;
using Xunit.Abstractions;

namespace GridTrader.Integration.Tests.CrashSafety;

/// <summary>
/// The bot in live mode against the Firi mock, both as real processes. The mock loses create answers (the order is
/// made, the answer dropped or held past the client's timeout), answers 5xx and drops connections; the test walks the
/// price so orders fill, and kills the bot with SIGKILL at random moments, then restarts it. After every restart and
/// reconciliation it checks, against the mock's own books: the bot and the exchange know the same open orders; no level
/// carries two live orders; every exchange fill is applied exactly once; the bot's balances equal the exchange's.
/// Iterations: 30, or GRIDTRADER_SOAK_ITERATIONS for a longer soak.
/// </summary>
public sealed class CrashSafetyTests(ITestOutputHelper output)
{
    private const string Market = "BTCNOK";
    private const string ApiKey = "key-1a2b3c4d5e6f";
    private const string ClientId = "client-7f3a9c2e";
    private const string Secret = "s3cr3t-9d8e7f6a5b4c3d2e";
    private const string Faults = "lost-create=0.15;lost-create-delay=3s;5xx=0.05;drop=0.02;latency=2-30ms";

    [Fact]
    [Trait("Category", "Process")]
    public async Task Bot_KilledAtRandomWhileTrading_RecoversWithoutLostOrDuplicatedOrders()
    {
        var iterations = int.TryParse(Environment.GetEnvironmentVariable("GRIDTRADER_SOAK_ITERATIONS"), out var n) && n > 0 ? n : 30;
        using var temp = new TempDirectory();
        var dataDir = Path.Combine(temp.Path, "bot");
        var config = Path.Combine(temp.Path, "bot.json");
        await File.WriteAllTextAsync(config, BotConfig(dataDir));

        using var mock = ChildProcess.Start("GridTrader.FiriMock.dll",
        [
            "--port", "0", "--scripted", "--seed", "20261125", "--balance", "NOK=100000,BTC=0",
            "--api-key", ApiKey, "--client-id", ClientId, "--secret", Secret, "--faults", Faults,
        ]);
        var ready = await mock.WaitForLineAsync("listening on", TimeSpan.FromSeconds(60));
        var url = ready[ready.IndexOf("http://", StringComparison.Ordinal)..].Split(' ')[0];
        using var admin = new MockAdmin(url);
        var random = new Random(20261125);
        var price = 1_000_000m;
        await admin.MoveAsync(Market, price, 0m);

        var env = new Dictionary<string, string>
        {
            ["FIRI_API_KEY"] = ApiKey,
            ["FIRI_CLIENT_ID"] = ClientId,
            ["FIRI_SECRET_KEY"] = Secret,
        };
        string[] botArgs = ["run", "--config", config, "--exchange", "firi", "--firi-url", url, "--live"];
        var stats = new Stats();

        for (var i = 1; i <= iterations; i++)
        {
            using var bot = ChildProcess.Start("gridtrader.dll", botArgs, env, temp.Path);
            await WaitForReconciliationAsync(dataDir, i, bot);

            // Quiet market, no faults: once the bot has settled, its books must match the exchange's.
            await admin.SetFaultsAsync("");
            await CheckInvariantsAsync(dataDir, admin, bot, i, stats);
            await admin.SetFaultsAsync(Faults);

            // Trade through a random walk and crash at a random moment in it.
            var runFor = TimeSpan.FromMilliseconds(random.Next(400, 2500));
            var until = DateTime.UtcNow + runFor;
            while (DateTime.UtcNow < until)
            {
                price = Step(price, random);
                await admin.MoveAsync(Market, price, (decimal)random.Next(1, 12) / 1000m);
                await Task.Delay(40);
            }

            bot.Kill();
            stats.Kills++;

            // Sometimes the market moves while the bot is down: fills it must find on restart.
            if (random.Next(3) == 0)
            {
                for (var k = 0; k < 10; k++)
                {
                    price = Step(price, random);
                    await admin.MoveAsync(Market, price, 0.01m);
                }
            }
        }

        // A last start, check and graceful stop.
        using (var bot = ChildProcess.Start("gridtrader.dll", botArgs, env, temp.Path))
        {
            await WaitForReconciliationAsync(dataDir, iterations + 1, bot);
            await admin.SetFaultsAsync("");
            await CheckInvariantsAsync(dataDir, admin, bot, iterations + 1, stats);
            Assert.Equal(0, await bot.StopAsync(TimeSpan.FromSeconds(30)));
        }

        AssertNoSecretsIn(temp.Path);
        stats.Adopted = CountLogEvents(dataDir, "reconcile.adopted");
        stats.NotPlaced = CountLogEvents(dataDir, "reconcile.not-placed");
        output.WriteLine($"{stats.Kills} SIGKILLs, {stats.Checks} checks passed; exchange created {await admin.OrdersCreatedAsync()} orders; " +
                         $"bot orders {stats.Orders} ({stats.Adopted} answers lost and adopted, {stats.NotPlaced} declared not placed), " +
                         $"{stats.Fills} fills applied, {stats.TakerTrades} taker trades, max settle {stats.MaxSettle.TotalSeconds:0.0} s.");
        Assert.True(stats.Fills > 0, "The walk should have produced fills.");
    }

    private static decimal Step(decimal price, Random random)
    {
        // A mean-reverting walk around 1,000,000 NOK in steps of up to 0.25%.
        var pull = (1_000_000m - price) / 1_000_000m * 0.05m;
        var step = ((decimal)random.NextDouble() - 0.5m) * 0.005m + pull;
        return decimal.Round(price * (1 + step), 2);
    }

    private static string BotConfig(string dataDir) => $$"""
        {
          "GridTrader": {
            "Mode": "live",
            "DataDirectory": "{{dataDir.Replace("\\", "\\\\", StringComparison.Ordinal)}}",
            "Exchange": { "RequestsPerSecond": 500, "Burst": 100, "TimeoutSeconds": 1.5, "MaxRetries": 2 },
            "Reference": { "Url": "" },
            "Markets": [ { "Symbol": "BTCNOK", "CapitalFraction": 0.2, "CandleInterval": "1m" } ],
            "Grid": { "Levels": 8, "SpacingMode": "FixedPercent", "SpacingPct": 0.5, "AllowUnprofitableSpacing": true,
                      "TrendFilterEnabled": false },
            "Risk": { "DryRun": false, "MaxSpreadPct": 5, "MaxSlippagePct": 2, "MaxDrawdownPct": 0 },
            "Engine": { "TickerPollSeconds": 0.2, "OrderPollSeconds": 0.3, "OrderTtlHours": 0, "RejectCooldownSeconds": 0.5,
                        "UnknownGraceSeconds": 2 },
            "Dashboard": { "Enabled": false }
          }
        }
        """;

    private static async Task WaitForReconciliationAsync(string dataDir, int starts, ChildProcess bot)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (bot.HasExited) throw new InvalidOperationException($"The bot exited during start {starts}:\n{bot.Tail()}");
            if (File.Exists(SqliteStore.DatabasePathIn(dataDir)))
            {
                try
                {
                    await using var store = SqliteStore.OpenReadOnly(dataDir);
                    var done = await store.LoadJournalAsync(name: "reconcile.completed", limit: 1000);
                    if (done.Count >= starts) return;
                }
                catch (StoreException)
                {
                    // Created but not migrated yet.
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Start {starts} did not finish reconciling:\n{bot.Tail()}");
    }

    private static async Task CheckInvariantsAsync(string dataDir, MockAdmin admin, ChildProcess bot, int start, Stats stats)
    {
        var began = DateTime.UtcNow;
        string? problem = null;
        while (DateTime.UtcNow - began < TimeSpan.FromSeconds(45))
        {
            if (bot.HasExited) throw new InvalidOperationException($"The bot died on its own after start {start}:\n{bot.Tail()}");
            problem = await FindProblemAsync(dataDir, admin, stats);
            if (problem is null) break;
            await Task.Delay(200);
        }

        Assert.True(problem is null, $"After start {start} the books never matched: {problem}\n{bot.Tail()}");
        var settle = DateTime.UtcNow - began;
        if (settle > stats.MaxSettle) stats.MaxSettle = settle;
        stats.Checks++;
    }

    /// <summary>Null when every invariant holds, else what does not.</summary>
    private static async Task<string?> FindProblemAsync(string dataDir, MockAdmin admin, Stats stats)
    {
        IReadOnlyList<TrackedOrder> orders;
        IReadOnlyList<Fill> fills;
        string? initial;
        await using (var store = SqliteStore.OpenReadOnly(dataDir))
        {
            orders = await store.LoadOrdersAsync(nonFinalOnly: false);
            fills = await store.LoadFillsAsync();
            initial = await store.GetMetaAsync(MetaKeys.InitialBalances);
        }

        var exchange = await admin.LedgerAsync();

        // No order may still be in doubt.
        var doubtful = orders.Where(o => o.State is OrderState.Intent or OrderState.Submitting or OrderState.Unknown).ToList();
        if (doubtful.Count > 0) return $"{doubtful.Count} order(s) still in doubt: {string.Join(", ", doubtful)}";

        // 1. The same open orders on both sides.
        var botOpen = orders.Where(o => !o.IsFinal).Select(o => o.ExchangeId!.Value).ToHashSet();
        var exchangeOpen = exchange.Open.Select(o => o.Id).ToHashSet();
        if (!botOpen.SetEquals(exchangeOpen))
            return $"open orders differ: bot-only [{string.Join(",", botOpen.Except(exchangeOpen))}], exchange-only [{string.Join(",", exchangeOpen.Except(botOpen))}]";

        // 2. At most one live order per level (and per price on the exchange).
        var crowded = orders.Where(o => !o.IsFinal).GroupBy(o => (o.Market, o.Level)).FirstOrDefault(g => g.Count() > 1);
        if (crowded is not null) return $"level {crowded.Key.Level} carries {crowded.Count()} live orders";
        var samePrice = exchange.Open.GroupBy(o => (o.Side, o.Price)).FirstOrDefault(g => g.Count() > 1);
        if (samePrice is not null) return $"{samePrice.Count()} open orders at {samePrice.Key.Side} {samePrice.Key.Price}";

        // 3. Every exchange fill applied exactly once.
        var byExchangeId = orders.Where(o => o.ExchangeId is not null).ToDictionary(o => o.ExchangeId!.Value);
        foreach (var o in exchange.Orders)
        {
            if (!byExchangeId.TryGetValue(o.Id, out var mine)) return $"exchange order {o.Id} is unknown to the bot";
            if (mine.Filled != o.Matched) return $"order {o.Id}: bot applied {mine.Filled}, exchange matched {o.Matched}";
            var applied = fills.Where(f => f.OrderId == mine.Id).Sum(f => f.Amount);
            if (applied != o.Matched) return $"order {o.Id}: fills stored {applied}, exchange matched {o.Matched}";
        }

        // 4. Balances: the bot's ledger (starting balances + its fills) equals the exchange's, to the last digit, once
        //    price improvement on taker fills (which Firi's order snapshots do not report) is accounted for.
        var ledger = new Ledger(BalanceText.Parse(initial ?? ""));
        ledger.RegisterMarket(Market, "BTC", "NOK", 0m);
        foreach (var f in fills) ledger.Apply(f);
        var limitById = exchange.Orders.ToDictionary(o => o.Id, o => o.Price);
        var improvement = 0m;
        foreach (var t in exchange.Trades)
        {
            var limit = limitById[t.OrderId];
            if (limit == t.Price) continue;
            improvement += t.Side == "bid" ? -(limit - t.Price) * t.Amount * 1.005m : (limit - t.Price) * t.Amount * 0.995m;
        }

        var btc = exchange.Balances.GetValueOrDefault("BTC");
        var nok = exchange.Balances.GetValueOrDefault("NOK");
        if (ledger.Balance("BTC") != btc) return $"BTC: bot {ledger.Balance("BTC")}, exchange {btc}";
        if (ledger.Balance("NOK") - nok != improvement) return $"NOK: bot {ledger.Balance("NOK")}, exchange {nok}, taker improvement {improvement}";

        // Every invariant holds at this instant: record the figures.
        stats.Orders = orders.Count;
        stats.Fills = fills.Count;
        stats.TakerTrades = exchange.Trades.Count(t => !t.IsMaker);
        return null;
    }

    private static int CountLogEvents(string dataDir, string name) =>
        Directory.EnumerateFiles(Path.Combine(dataDir, "logs"), "*.jsonl")
            .SelectMany(File.ReadLines)
            .Count(line => line.Contains($"\"EventName\":\"{name}\"", StringComparison.Ordinal));

    private static void AssertNoSecretsIn(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            if (file.EndsWith("bot.json", StringComparison.Ordinal)) continue;
            var bytes = File.ReadAllBytes(file);
            var text = System.Text.Encoding.UTF8.GetString(bytes);
            foreach (var secret in new[] { Secret, ClientId, ApiKey })
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{file} contains a secret.");
        }
    }

    private sealed class Stats
    {
        public int Kills;
        public int Checks;
        public int Orders;
        public int Fills;
        public int Adopted;
        public int NotPlaced;
        public int TakerTrades;
        public TimeSpan MaxSettle;
    }
}
