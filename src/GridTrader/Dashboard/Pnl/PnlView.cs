using GridTrader.Core.Accounting;
using GridTrader.Engine.Live;

namespace GridTrader.Dashboard.Pnl;

/// <summary>
/// <c>GET /api/pnl</c>: equity and its curve since the dashboard started, realized P&amp;L per round trip (the latest),
/// grid profit beside it, fees, unrealized P&amp;L, and buy and hold on the same starting capital.
/// </summary>
internal sealed record PnlDocument(
    DateTimeOffset Time,
    DateTimeOffset? Since,
    decimal StartEquity,
    decimal Equity,
    decimal ReturnPct,
    decimal RealizedPnl,
    decimal Fees,
    decimal UnrealizedPnl,
    decimal? BuyAndHoldEquity,
    decimal? BuyAndHoldReturnPct,
    int RoundTripCount,
    IReadOnlyList<MarketPnlRow> Markets,
    IReadOnlyList<RoundTrip> RoundTrips,
    IReadOnlyList<EquityPoint> Curve)
{
    /// <summary>The one sentence the P&amp;L tab shows beside the two figures.</summary>
    public const string GridProfitExplained =
        "Grid profit pairs each sell with the buy one line below it (what every grid step earned after both fees); " +
        "realized P&L pairs each sell with the oldest coins held (FIFO), so it can show a losing round trip while every grid pair earned its spacing.";

    /// <summary>Profit of the grid pairs after both fees (see <see cref="GridProfitExplained"/>).</summary>
    public decimal GridProfit { get; init; }

    public int GridPairs { get; init; }

    public string GridProfitNote { get; init; } = GridProfitExplained;

    public static PnlDocument From(EngineSnapshot s, EquityHistory history)
    {
        history.Observe(s);
        var baseline = history.Baseline;
        var start = baseline?.Equity ?? s.Equity;
        var buyAndHold = history.BuyAndHold(s);
        return new PnlDocument(s.Time, baseline?.Time, Amounts.Round(start), Amounts.Round(s.Equity), Percent(s.Equity, start),
            Amounts.Round(s.RealizedPnl), Amounts.Round(s.Fees), Amounts.Round(s.Markets.Sum(m => m.UnrealizedPnl)), buyAndHold,
            buyAndHold is { } b ? Percent(b, start) : null, s.Markets.Sum(m => m.RoundTrips),
            s.Markets.Select(m => new MarketPnlRow(m.Symbol, Amounts.Round(m.RealizedPnl), Amounts.Round(m.Fees), Amounts.Round(m.UnrealizedPnl),
                m.RoundTrips, m.Position) { GridProfit = Amounts.Round(m.GridProfit), GridPairs = m.GridPairs }).ToList(),
            [.. s.RecentRoundTrips.Reverse().Select(RoundedTrip)], history.Points())
        {
            GridProfit = Amounts.Round(s.GridProfit),
            GridPairs = s.GridPairs,
        };
    }

    private static RoundTrip RoundedTrip(RoundTrip r) => r with
    {
        Cost = Amounts.Round(r.Cost), Proceeds = Amounts.Round(r.Proceeds), Fees = Amounts.Round(r.Fees), RealizedPnl = Amounts.Round(r.RealizedPnl),
    };

    private static decimal Percent(decimal value, decimal start) => start > 0 ? Math.Round((value / start - 1m) * 100m, 4) : 0m;
}

internal sealed record MarketPnlRow(string Symbol, decimal RealizedPnl, decimal Fees, decimal UnrealizedPnl, int RoundTrips, decimal Position)
{
    public decimal GridProfit { get; init; }
    public int GridPairs { get; init; }
}
