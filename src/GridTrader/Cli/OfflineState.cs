using GridTrader.Core.Accounting;
using GridTrader.Core.Risk;
using GridTrader.Dashboard;
using GridTrader.Hosting;
using GridTrader.Storage;

namespace GridTrader.Cli;

/// <summary>What the CLI can learn and change in the database when no bot is running.</summary>
internal static class OfflineState
{
    public static async Task<StatusView?> StatusAsync(DataPaths paths, CancellationToken ct)
    {
        if (!File.Exists(paths.Database)) return null;
        await using var store = SqliteStore.OpenReadOnly(paths.Root);
        var bot = await store.LoadBotStateAsync(1, ct);
        var risk = await store.LoadRiskStateAsync(ct) ?? new RiskState();
        var open = await store.LoadOrdersAsync(nonFinalOnly: true, ct);
        var fills = await store.LoadFillsAsync(null, null, null, ct);
        var ledger = new Ledger();
        foreach (var f in fills) ledger.Apply(f);
        var symbols = open.Select(o => o.Market).Concat(fills.Select(f => f.Market)).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal);
        var markets = symbols.Select(s => new MarketStatusView(s, 0m, "unknown", "UNKNOWN", open.Count(o => o.Market == s),
            Math.Round(ledger.RealizedPnlOf(s), 8), Math.Round(ledger.FeesInQuoteOf(s), 8), 0m,
            ledger.RoundTrips.Count(r => r.Market == s), ledger.PositionOf(s), risk.PausedMarkets.Contains(s), risk.OpenBreakers.ContainsKey(s))
        {
            GridProfit = Math.Round(ledger.GridPairs.ProfitOf(s), 8),
            GridPairs = ledger.GridPairs.CountOf(s),
        }).ToList();
        return new StatusView(bot.Current.ToString(), "unknown", "unknown", bot.Since ?? DateTimeOffset.MinValue, risk.KillSwitchEngaged, risk.KillReason,
            risk.GloballyPaused, 0m, risk.PeakEquity, 0m, Math.Round(ledger.RealizedPnl, 8), Math.Round(ledger.FeesInQuote, 8), open.Count, markets,
            "database (bot not running)")
        {
            GridProfit = Math.Round(ledger.GridPairs.Profit, 8),
            GridPairs = ledger.GridPairs.Count,
        };
    }

    /// <summary>Changes the persisted risk state of a stopped bot; the next start obeys it.</summary>
    public static async Task<string> UpdateRiskAsync(DataPaths paths, Func<RiskManager, DateTimeOffset, IReadOnlyList<RiskEvent>> change,
        CancellationToken ct)
    {
        using var instanceLock = InstanceLock.Acquire(paths.Root);
        await using var store = SqliteStore.Open(paths.Root);
        var now = TimeProvider.System.GetUtcNow();
        var risk = new RiskManager(new RiskSettings(), await store.LoadRiskStateAsync(ct));
        var events = change(risk, now);
        await store.SaveRiskStateAsync(risk.Snapshot(), ct);
        foreach (var e in events) await store.AppendJournalAsync(e.Name, e.Market, e.Message + " (set while the bot was stopped)", e.Time, ct);
        return events.Count == 0 ? "no change" : string.Join("; ", events.Select(e => e.Name));
    }
}
