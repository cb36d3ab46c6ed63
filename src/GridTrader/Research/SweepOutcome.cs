using GridTrader.Core.Strategy;
using GridTrader.Engine.Backtesting;

namespace GridTrader.Research;

/// <summary>The figures of one backtest of a sweep configuration (on the whole data, or on one walk-forward fold).</summary>
internal readonly record struct RunFigures(bool Traded, int RoundTrips, decimal NetPnl, decimal RealizedPnl, decimal Fees, decimal MaxDrawdownPct,
    decimal FinalEquity, int OrdersPlaced, int Rejections)
{
    /// <summary>The figures of <paramref name="r"/>; <paramref name="refusal"/> is the planner's reason when it refused the grid.</summary>
    public static RunFigures From(BacktestResult r, out string? refusal)
    {
        refusal = r.Notices.FirstOrDefault(n => n.Name == StrategyNotice.GridPlanned) is null
            ? r.Notices.FirstOrDefault(n => n.Name == StrategyNotice.GridPlanFailed)?.Message
            : null;
        return new RunFigures(refusal is null, r.RoundTrips, r.NetPnl, r.RealizedPnl, r.Fees, r.MaxDrawdownPct, r.FinalEquity, r.OrdersPlaced, r.Rejections);
    }
}

/// <summary>
/// What one configuration did: skipped (with why), or its runs — one on the whole data, or one per walk-forward fold
/// in time order.
/// </summary>
internal sealed record SweepOutcome(SweepConfig Config, string? SkipReason, bool BelowFeeFloor, RunFigures[] Runs)
{
    public const string BelowFloor = "below the fee floor";

    public bool Ran => SkipReason is null;

    /// <summary>The single run of a plain sweep.</summary>
    public RunFigures Full => Runs[0];

    /// <summary>Net P&amp;L summed over every fold that is some training window's test window (all folds but the first).</summary>
    public decimal OutOfSamplePnl
    {
        get
        {
            var sum = 0m;
            for (var i = 1; i < Runs.Length; i++) sum += Runs[i].NetPnl;
            return sum;
        }
    }

    public static SweepOutcome Skipped(SweepConfig config, string reason) => new(config, reason, false, []);
}
