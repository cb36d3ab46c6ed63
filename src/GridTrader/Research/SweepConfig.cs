using System.Globalization;
using GridTrader.Core.Grid;

namespace GridTrader.Research;

/// <summary>
/// One configuration of a sweep: the configured grid with spacing (fixed percent, or ATR multiplier and period), levels and
/// the trend filter replaced. <see cref="Index"/> is its place in the <see cref="SweepSpace"/>.
/// </summary>
internal sealed record SweepConfig(int Index, SpacingMode Mode, decimal SpacingPct, decimal AtrMultiplier, int AtrPeriod, int Levels, bool TrendFilter)
{
    public GridSettings Apply(GridSettings grid) => Mode == SpacingMode.FixedPercent
        ? grid with { SpacingMode = SpacingMode.FixedPercent, SpacingPct = SpacingPct, Levels = Levels, TrendFilterEnabled = TrendFilter }
        : grid with { SpacingMode = SpacingMode.Atr, AtrMultiplier = AtrMultiplier, AtrPeriod = AtrPeriod, Levels = Levels, TrendFilterEnabled = TrendFilter };

    /// <summary>For tables: <c>1.4%</c> or <c>ATR(14)×6</c>.</summary>
    public string SpacingText => Mode == SpacingMode.FixedPercent
        ? SpacingPct.ToString(CultureInfo.InvariantCulture) + "%"
        : $"ATR({AtrPeriod.ToString(CultureInfo.InvariantCulture)})×{AtrMultiplier.ToString(CultureInfo.InvariantCulture)}";

    public string ModeName => Mode == SpacingMode.FixedPercent ? "fixed" : "atr";
}
