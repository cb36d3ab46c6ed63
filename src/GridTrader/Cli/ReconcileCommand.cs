using System.CommandLine;
using GridTrader.Configuration;
using GridTrader.Core.Accounting;
using GridTrader.Core.Orders;
using GridTrader.Core.Persistence;
using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;
using GridTrader.Engine.Live;
using GridTrader.Engine.Trading;
using GridTrader.Hosting;
using GridTrader.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace GridTrader.Cli;

/// <summary>
/// <c>reconcile</c>: compares the stopped bot's orders with the exchange and applies what happened while it was down
/// (fills, closes, lost creates found or declared not placed), reporting foreign orders. With <c>--dry-run</c> it only
/// shows what it would change: nothing is written and nothing is sent.
/// </summary>
internal static class ReconcileCommand
{
    public static Command Create()
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Only show what would change." };
        var firiUrl = new Option<string?>("--firi-url") { Description = "Firi API base URL (default: the configured one)." };
        var command = new Command("reconcile", "Reconcile the stopped bot's orders with the exchange (live accounts).") { dryRun, firiUrl };
        command.SetAction(async (parse, ct) =>
        {
            var loaded = CommonOptions.LoadOrReport(parse, Spectre.Console.AnsiConsole.Console, quietWarnings: true);
            if (loaded is null) return CommonOptions.ExitInvalidInput;
            var options = loaded.Options;
            if (options.Mode != Core.Configuration.TradingModes.Live && parse.GetValue(firiUrl) is null)
                return CommonOptions.Fail("nothing to reconcile: reconcile compares the live state with Firi (a paper bot reconciles with its own account at start).");
            if (!loaded.Secrets.HasFiriCredentials)
                return CommonOptions.Fail("reconcile reads private endpoints: set FIRI_CLIENT_ID and FIRI_SECRET_KEY in the environment or .env.");
            var paths = DataPaths.For(options.DataDirectory);
            var live = paths.ForMode(RunMode.Live);
            if (!File.Exists(live.Database)) return CommonOptions.Fail($"no live database in {live.Root}.", CommonOptions.ExitFailure);

            try
            {
                using var instanceLock = InstanceLock.Acquire(paths.Root);
                var identity = StateIdentity.For(new RunRequest(loaded, "firi", parse.GetValue(firiUrl), LiveConfirmed: true), RunMode.Live);
                if (SqliteStore.ReadMeta(live.Root) is { } recorded && identity.Mismatch(recorded) is not null)
                {
                    return CommonOptions.Fail($"{live.Database} holds the state of {StateIdentity.Describe(recorded)}; these settings are " +
                                              $"{identity.Describe()}. Nothing was changed.");
                }

                await using var store = SqliteStore.Open(live.Root);
                using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
                var client = BotRuntime.CreateFiriClient(options, parse.GetValue(firiUrl), loaded.Secrets, http, NullLoggerFactory.Instance);
                var dry = parse.GetValue(dryRun);
                var exchange = new ReadOnlyExchange(client);
                var findings = await RunAsync(options, store, exchange, dry, ct);
                foreach (var line in findings.Concat(exchange.Refusals)) Console.WriteLine(line);
                Console.WriteLine(findings.Count == 0 && exchange.Refusals.Count == 0
                    ? "in sync: nothing to change"
                    : dry ? $"dry run: {findings.Count + exchange.Refusals.Count} change(s) shown, none applied" : $"{findings.Count} change(s) applied");
                return CommonOptions.ExitOk;
            }
            catch (Exception ex) when (ex is StoreException or RuntimeSetupException)
            {
                return CommonOptions.Fail(ex.Message, CommonOptions.ExitFailure);
            }
        });
        return command;
    }

    private static async Task<List<string>> RunAsync(Core.Configuration.GridTraderOptions options, SqliteStore store, ReadOnlyExchange exchange,
        bool dryRun, CancellationToken ct)
    {
        var tracker = new OrderTracker(await store.MaxLocalOrderIdAsync(ct) + 1);
        foreach (var order in await store.LoadOrdersAsync(nonFinalOnly: true, ct)) tracker.Add(order);
        tracker.RememberExchangeIds(await store.LoadExchangeIdsAsync(ct));
        var balances = new BalanceBook();
        var b = await exchange.GetBalancesAsync(ct);
        if (b.IsSuccess) balances.Update(b.Value, TimeProvider.System.GetUtcNow());
        var recorder = new Recorder();
        IEngineStore target = dryRun ? NullEngineStore.Instance : store;
        var core = new TradingCore(exchange, balances, new RiskManager(options.Risk, await store.LoadRiskStateAsync(ct)), tracker, new Ledger(),
            target, recorder, BotRuntime.EngineSettings(options, options.Fees()), TimeProvider.System);
        foreach (var m in options.Markets.Where(m => m.Enabled))
        {
            var info = m.ToMarketInfo(options);
            var strategy = new GridStrategy(info, m.GridFor(options), Math.Max(info.MinOrderValue, 1m) * 100, options.Fees(), TimeProvider.System);
            if (await store.LoadStrategyStateAsync(info.Symbol, ct) is { } state) strategy.Restore(state);
            foreach (var order in tracker.LiveIn(info.Symbol)) strategy.OnOrderCreated(order.Id, order.Side, order.Level, order.Cell, order.Price);
            var slot = core.AddMarket(info, strategy);
            await core.Reconciler.SyncOrdersAsync(slot, ct);
        }

        return recorder.Lines;
    }

    private sealed class Recorder : IEngineObserver
    {
        public List<string> Lines { get; } = [];

        public void OnOrderEvent(TrackedOrder order, OrderEvent e)
        {
            if (e is OrderStateChanged s) Lines.Add($"order #{order.Id} ({order.Market} {order.Side} {order.Amount} @ {order.Price}): {s.From} → {s.To}{(s.Reason is null ? "" : $" ({s.Reason})")}");
        }

        public void OnFill(Fill fill, decimal realizedPnl) =>
            Lines.Add($"fill while stopped: order #{fill.OrderId} {fill.Side} {fill.Amount} @ {fill.Price} ({fill.Market})");

        public void OnReconciliation(string market, string kind, string message) => Lines.Add($"{kind}: {message}");

        public void OnExchangeError(string operation, string market, Exchanges.Abstractions.ExchangeError error)
        {
            if (error.Kind != Exchanges.Abstractions.ExchangeErrorKind.NotSupported) Lines.Add($"error during {operation} ({market}): {error}");
        }
    }
}
