using GridTrader.Core.Accounting;
using GridTrader.Core.Risk;
using GridTrader.Dashboard;
using GridTrader.Hosting;
using GridTrader.Storage;

namespace GridTrader.Cli;

/// <summary>What the CLI can learn and change in a mode's database when no bot answers.</summary>
internal static class OfflineState
{
    /// <summary>
    /// The status as the database recorded it. With no bot holding the lock the state is <c>NotRunning</c> and the recorded
    /// one is <c>last_state</c>; with a bot holding it (its API did not answer) the recorded state is the state.
    /// </summary>
    public static async Task<StatusView?> StatusAsync(ModePaths paths, bool botRunning, CancellationToken ct)
    {
        if (!File.Exists(paths.Database)) return null;
        await using var store = SqliteStore.OpenReadOnly(paths.Root);
        var bot = await store.LoadBotStateAsync(1, ct);
        var risk = await store.LoadRiskStateAsync(ct) ?? new RiskState();
        var open = await store.LoadOrdersAsync(nonFinalOnly: true, ct);
        var fills = await store.LoadFillsAsync(null, null, null, ct);
        var exchange = await store.GetMetaAsync(MetaKeys.Exchange, ct) ?? "unknown";
        var ledger = new Ledger();
        foreach (var f in fills) ledger.Apply(f);
        var candles = await store.CandleSourceSummaryAsync(ct);
        var symbols = open.Select(o => o.Market).Concat(fills.Select(f => f.Market)).Concat(candles.Select(c => c.Market))
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal);
        var markets = new List<MarketStatusView>();
        foreach (var s in symbols)
        {
            var grid = await store.LoadStrategyStateAsync(s, ct);
            markets.Add(new MarketStatusView(s, 0m, grid?.Phase.ToString() ?? "unknown", grid?.Trend.ToString().ToUpperInvariant() ?? "UNKNOWN",
                open.Count(o => o.Market == s), Math.Round(ledger.RealizedPnlOf(s), 8), Math.Round(ledger.FeesInQuoteOf(s), 8), 0m,
                ledger.RoundTrips.Count(r => r.Market == s), ledger.PositionOf(s), risk.PausedMarkets.Contains(s), risk.OpenBreakers.ContainsKey(s),
                grid?.StopReason)
            {
                GridProfit = Math.Round(ledger.GridPairs.ProfitOf(s), 8),
                GridPairs = ledger.GridPairs.CountOf(s),
                History = StoredHistory(candles, s),
            });
        }

        // The engine gives its reason with the transition into Halted, which is the last one while it is Halted.
        var haltReason = bot.Current == BotState.Halted && bot.History.Count > 0 ? bot.History[^1].Reason : null;
        var recorded = bot.Current.ToString();
        return new StatusView(botRunning ? recorded : StatusView.NotRunning, paths.Mode.Name(), exchange, bot.Since ?? DateTimeOffset.MinValue,
            risk.KillSwitchEngaged, risk.KillReason, risk.GloballyPaused, 0m, risk.PeakEquity, 0m, Math.Round(ledger.RealizedPnl, 8),
            Math.Round(ledger.FeesInQuote, 8), open.Count, markets,
            botRunning ? "database (bot running; its API did not answer)" : "database (bot not running)",
            LastState: botRunning ? null : recorded, HaltReason: haltReason)
        {
            GridProfit = Math.Round(ledger.GridPairs.Profit, 8),
            GridPairs = ledger.GridPairs.Count,
        };
    }

    /// <summary>The stored candles of a market (its interval with the most of them), by source.</summary>
    private static HistoryView? StoredHistory(IReadOnlyList<(string Market, string Interval, string Source, long Count)> candles, string market)
    {
        var mine = candles.Where(c => string.Equals(c.Market, market, StringComparison.OrdinalIgnoreCase)).ToList();
        if (mine.Count == 0) return null;
        var interval = mine.GroupBy(c => c.Interval).OrderByDescending(g => g.Sum(c => c.Count)).First();
        return new HistoryView(interval.Key, interval.Sum(c => c.Count), 0,
            new SortedDictionary<string, long>(interval.ToDictionary(c => c.Source, c => c.Count), StringComparer.Ordinal), null);
    }

    /// <summary>Changes the persisted risk state of a stopped bot; the next start obeys it.</summary>
    public static async Task<string> UpdateRiskAsync(DataPaths paths, ModePaths state, Func<RiskManager, DateTimeOffset, IReadOnlyList<RiskEvent>> change,
        CancellationToken ct)
    {
        using var instanceLock = InstanceLock.Acquire(paths.Root);
        await using var store = SqliteStore.Open(state.Root);
        var now = TimeProvider.System.GetUtcNow();
        var risk = new RiskManager(new RiskSettings(), await store.LoadRiskStateAsync(ct));
        var events = change(risk, now);
        await store.SaveRiskStateAsync(risk.Snapshot(), ct);
        foreach (var e in events) await store.AppendJournalAsync(e.Name, e.Market, e.Message + " (set while the bot was stopped)", e.Time, ct);
        return events.Count == 0 ? "no change" : string.Join("; ", events.Select(e => e.Name));
    }
}
