using GridTrader.Core.Grid;

namespace GridTrader.Research;

/// <summary>The configuration a walk-forward fold chose on its training window, and how it did there and on the test window.</summary>
internal sealed record FoldChoice(SweepConfig Config, decimal TrainPnl, decimal TestPnl, bool TradedInTest);

/// <summary>
/// Everything a sweep's summary needs, built from outcomes offered one at a time in index order: counts, skip reasons,
/// the top configurations by each ranking, each walk-forward fold's choice, and the heatmap cells. Memory does not
/// grow with the number of configurations (the heatmap grows with the number of distinct spacing × levels cells).
/// </summary>
internal sealed class SweepAggregator
{
    private readonly TopList<SweepOutcome> _byNet;
    private readonly TopList<SweepOutcome> _byDrawdownProfitable;
    private readonly TopList<SweepOutcome> _byDrawdownAll;
    private readonly TopList<SweepOutcome> _byOutOfSample;
    private readonly FoldChoice?[] _choices;
    private readonly Dictionary<string, int> _skips = new(StringComparer.Ordinal);

    public SweepAggregator(int top, int windows)
    {
        Windows = windows;
        _byNet = new TopList<SweepOutcome>(top, Comparer<SweepOutcome>.Create((a, b) => Then(b.Full.NetPnl.CompareTo(a.Full.NetPnl), a, b)));
        var byDrawdown = Comparer<SweepOutcome>.Create((a, b) =>
        {
            var c = a.Full.MaxDrawdownPct.CompareTo(b.Full.MaxDrawdownPct);
            return c != 0 ? c : Then(b.Full.NetPnl.CompareTo(a.Full.NetPnl), a, b);
        });
        _byDrawdownProfitable = new TopList<SweepOutcome>(top, byDrawdown);
        _byDrawdownAll = new TopList<SweepOutcome>(top, byDrawdown);
        _byOutOfSample = new TopList<SweepOutcome>(top, Comparer<SweepOutcome>.Create((a, b) => Then(b.OutOfSamplePnl.CompareTo(a.OutOfSamplePnl), a, b)));
        _choices = new FoldChoice?[Math.Max(0, windows - 1)];
    }

    /// <summary>1 for a plain sweep, K for walk-forward.</summary>
    public int Windows { get; }

    public bool IsWalkForward => Windows > 1;

    public int Offered { get; private set; }

    public int Backtested { get; private set; }

    public int SkippedBelowFloor { get; private set; }

    public int Skipped => Offered - Backtested;

    public IReadOnlyDictionary<string, int> SkipReasons => _skips;

    public IReadOnlyList<SweepOutcome> ByNetPnl => _byNet.Items;

    /// <summary>Lowest drawdown among the profitable configurations (a grid that never trades has none), else among all.</summary>
    public IReadOnlyList<SweepOutcome> ByDrawdown => DrawdownAmongProfitable ? _byDrawdownProfitable.Items : _byDrawdownAll.Items;

    public bool DrawdownAmongProfitable => _byDrawdownProfitable.Items.Count > 0;

    public IReadOnlyList<SweepOutcome> ByOutOfSample => _byOutOfSample.Items;

    /// <summary>Fold k's choice (k = 1 … K−1, at index k−1); null when no configuration traded on its training window.</summary>
    public IReadOnlyList<FoldChoice?> Choices => _choices;

    public decimal OutOfSamplePnl => _choices.Sum(c => c?.TestPnl ?? 0m);

    /// <summary>Best out-of-sample P&amp;L per (mode, spacing or ATR multiplier, levels) over the other dimensions.</summary>
    public Dictionary<(SpacingMode Mode, decimal Spacing, int Levels), decimal> Heatmap { get; } = [];

    public void Offer(SweepOutcome outcome)
    {
        Offered++;
        if (!outcome.Ran)
        {
            if (outcome.SkipReason == SweepOutcome.BelowFloor) SkippedBelowFloor++;
            var group = Group(outcome.SkipReason!);
            _skips[group] = _skips.GetValueOrDefault(group) + 1;
            return;
        }

        Backtested++;
        if (!IsWalkForward)
        {
            _byNet.Offer(outcome);
            _byDrawdownAll.Offer(outcome);
            if (outcome.Full.NetPnl > 0) _byDrawdownProfitable.Offer(outcome);
            return;
        }

        _byOutOfSample.Offer(outcome);
        for (var k = 1; k < Windows; k++)
        {
            // The choice of fold k looks at window k−1 only; window k's figures are recorded for the chosen one, never compared.
            var train = outcome.Runs[k - 1];
            if (!train.Traded) continue;
            if (_choices[k - 1] is { } best && train.NetPnl <= best.TrainPnl) continue;
            _choices[k - 1] = new FoldChoice(outcome.Config, train.NetPnl, outcome.Runs[k].NetPnl, outcome.Runs[k].Traded);
        }

        var c = outcome.Config;
        var key = (c.Mode, c.Mode == SpacingMode.FixedPercent ? c.SpacingPct : c.AtrMultiplier, c.Levels);
        var oos = outcome.OutOfSamplePnl;
        if (!Heatmap.TryGetValue(key, out var cell) || oos > cell) Heatmap[key] = oos;
    }

    /// <summary>Skip reasons grouped by their words before the first figures in brackets.</summary>
    private static string Group(string reason)
    {
        var cut = reason.IndexOf(" (", StringComparison.Ordinal);
        return cut > 0 ? reason[..cut] + " …" : reason;
    }

    private static int Then(int c, SweepOutcome a, SweepOutcome b) => c != 0 ? c : a.Config.Index.CompareTo(b.Config.Index);
}
