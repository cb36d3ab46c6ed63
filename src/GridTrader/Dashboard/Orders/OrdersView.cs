using GridTrader.Core.Orders;
using GridTrader.Engine.Live;
using GridTrader.Storage;

namespace GridTrader.Dashboard.Orders;

/// <summary>
/// <c>GET /api/orders</c>: live orders from the engine and the history from the store, newest first. Fill progress is
/// <c>filled</c> of <c>amount</c>.
/// </summary>
internal sealed record OrdersDocument(int OpenCount, string? Market, string State, IReadOnlyList<string> States, IReadOnlyList<OrderView> Orders);

/// <summary>Answers the Orders tab's filters: market, and a state (<c>open</c> = every live state, <c>all</c>, or one state name).</summary>
internal static class OrdersQuery
{
    public const string Open = "open";
    public const string All = "all";

    /// <summary>The state filter values the API accepts, in the order the page offers them.</summary>
    public static IReadOnlyList<string> StateFilters { get; } = [Open, All, .. Enum.GetNames<OrderState>()];

    /// <summary>Parses a state filter; null when it is not one of <see cref="StateFilters"/>.</summary>
    public static string? Normalize(string? state)
    {
        if (string.IsNullOrWhiteSpace(state)) return All;
        var wanted = state.Trim();
        // "open" (every live state) and "Open" (that one state) differ only in case: an exact match wins.
        return StateFilters.FirstOrDefault(s => s.Equals(wanted, StringComparison.Ordinal))
            ?? StateFilters.FirstOrDefault(s => s.Equals(wanted, StringComparison.OrdinalIgnoreCase));
    }

    public static async Task<OrdersDocument> RunAsync(EngineSnapshot snapshot, SqliteStore? history, string? market, string state, int limit,
        CancellationToken ct)
    {
        var one = Enum.TryParse<OrderState>(state, ignoreCase: false, out var s) ? s : (OrderState?)null;
        bool Wanted(OrderView o) =>
            (market is null || o.Market.Equals(market, StringComparison.OrdinalIgnoreCase)) && (one is null || o.State == one.ToString());

        // The snapshot is the truth for live orders; the store adds finished ones (its copy of a live order may lag).
        var rows = snapshot.OpenOrders.Where(Wanted).ToList();
        var includeHistory = state == All || one is { } final && final.IsFinal();
        if (includeHistory && history is not null)
        {
            var liveIds = snapshot.OpenOrders.Select(o => o.Id).ToHashSet();
            var stored = await history.LoadLatestOrdersAsync(market, one, limit + liveIds.Count, ct);
            rows.AddRange(stored.Where(o => !liveIds.Contains(o.Id) && o.State.IsFinal()).Select(OrderView.From));
        }

        var ordered = rows.OrderByDescending(r => r.Id).Take(limit).ToList();
        return new OrdersDocument(snapshot.OpenOrders.Count, market, state, StateFilters, ordered);
    }
}
