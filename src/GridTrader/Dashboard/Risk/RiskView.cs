using GridTrader.Core.Risk;
using GridTrader.Engine.Live;
using GridTrader.Hosting;

namespace GridTrader.Dashboard.Risk;

/// <summary>
/// <c>GET /api/risk</c>: the bot's state, capital and exposure against their caps (per market and in total), drawdown
/// against its stop, the limits in force and the latest refused placements with their reasons.
/// </summary>
internal sealed record RiskDocument(
    DateTimeOffset Time,
    string State,
    bool KillSwitch,
    string? KillReason,
    bool Paused,
    bool DryRun,
    decimal Equity,
    decimal PeakEquity,
    decimal DrawdownPct,
    decimal MaxDrawdownPct,
    bool DrawdownTripped,
    decimal TotalExposure,
    decimal TotalExposureCap,
    decimal TotalExposurePct,
    IReadOnlyList<MarketRiskRow> Markets,
    RiskSettings Limits,
    IReadOnlyList<EngineEventView> Rejections)
{
    public static RiskDocument From(EngineSnapshot s, IReadOnlyList<EngineEventView> rejections)
    {
        var totalCap = s.Equity * s.Limits.MaxTotalExposure;
        return new RiskDocument(s.Time, s.State.ToString(), s.KillSwitchEngaged, s.KillReason, s.GloballyPaused, s.Limits.DryRun,
            Amounts.Round(s.Equity), Amounts.Round(s.PeakEquity), Math.Round(s.DrawdownPct, 4), s.Limits.MaxDrawdownPct, s.DrawdownTripped,
            Amounts.Round(s.TotalExposure), Amounts.Round(totalCap), Share(s.TotalExposure, totalCap),
            s.Markets.Select(m => new MarketRiskRow(m.Symbol, Amounts.Round(m.Exposure), Amounts.Round(m.CapitalCap), Share(m.Exposure, m.CapitalCap),
                m.Paused, m.CircuitBreakerOpen, m.VolatilitySpike, m.StopReason) { CapPct = Math.Round(s.Limits.MaxCapitalPerMarket * 100m, 2), Budget = Amounts.Round(m.Capital) }).ToList(),
            s.Limits, [.. rejections.Reverse().Take(100)]);
    }

    /// <summary>Percent of the cap in use (0 when there is no cap to speak of).</summary>
    private static decimal Share(decimal used, decimal cap) => cap > 0 ? Math.Round(used / cap * 100m, 2) : 0m;
}

/// <summary>One market's exposure (position plus open buys, in quote) against its cap.</summary>
internal sealed record MarketRiskRow(string Symbol, decimal Exposure, decimal Cap, decimal UsedPct, bool Paused, bool CircuitBreaker,
    bool VolatilitySpike, string? StopReason)
{
    /// <summary>The cap as a share of equity, in percent (<see cref="Cap"/> is the same in quote currency).</summary>
    public decimal CapPct { get; init; }

    /// <summary>Quote capital of the market's grid in place.</summary>
    public decimal Budget { get; init; }
}
