using System.Globalization;
using GridTrader.Core.Grid;

namespace GridTrader.Research;

/// <summary>
/// Every configuration a sweep tries, enumerated by index without being stored (a sweep of a million configurations
/// costs no memory here): for each trend-filter value, the fixed-percent block (spacing × levels), then the ATR block
/// (multiplier × period × levels).
/// </summary>
internal sealed record SweepSpace(
    IReadOnlyList<decimal> Spacings,
    IReadOnlyList<decimal> AtrMultipliers,
    IReadOnlyList<int> AtrPeriods,
    IReadOnlyList<int> Levels,
    IReadOnlyList<bool> TrendFilter)
{
    private int FixedCount => Spacings.Count * Levels.Count;

    private int AtrCount => AtrMultipliers.Count * AtrPeriods.Count * Levels.Count;

    private int BlockCount => FixedCount + AtrCount;

    public int Count => BlockCount * TrendFilter.Count;

    public SweepConfig this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            var trend = TrendFilter[index / BlockCount];
            var r = index % BlockCount;
            if (r < FixedCount) return new SweepConfig(index, SpacingMode.FixedPercent, Spacings[r / Levels.Count], 0, 0, Levels[r % Levels.Count], trend);
            r -= FixedCount;
            var perMultiplier = AtrPeriods.Count * Levels.Count;
            return new SweepConfig(index, SpacingMode.Atr, 0, AtrMultipliers[r / perMultiplier], AtrPeriods[r % perMultiplier / Levels.Count],
                Levels[r % Levels.Count], trend);
        }
    }

    /// <summary>The largest ATR period swept (0 without ATR configurations): it decides how long indicators need to warm up.</summary>
    public int LongestAtrPeriod => AtrMultipliers.Count > 0 && AtrPeriods.Count > 0 ? AtrPeriods.Max() : 0;

    /// <summary>
    /// The swept dimensions (three values or more) on which <paramref name="config"/> takes the smallest or largest value:
    /// the best result may then lie outside the range searched.
    /// </summary>
    public IReadOnlyList<string> EdgesOf(SweepConfig config)
    {
        var c = CultureInfo.InvariantCulture;
        var edges = new List<string>();
        void Check<T>(string option, IReadOnlyList<T> values, T value, Func<T, string> show)
            where T : IComparable<T>
        {
            if (values.Count < 3) return;
            var (min, max) = (values.Min()!, values.Max()!);
            if (value.CompareTo(min) == 0) edges.Add($"{option} {show(value)} is the smallest searched");
            else if (value.CompareTo(max) == 0) edges.Add($"{option} {show(value)} is the largest searched");
        }

        if (config.Mode == SpacingMode.FixedPercent)
        {
            Check("--spacing", Spacings, config.SpacingPct, v => v.ToString(c));
        }
        else
        {
            Check("--atr-multiplier", AtrMultipliers, config.AtrMultiplier, v => v.ToString(c));
            Check("--atr-period", AtrPeriods, config.AtrPeriod, v => v.ToString(c));
        }

        Check("--levels", Levels, config.Levels, v => v.ToString(c));
        return edges;
    }
}
