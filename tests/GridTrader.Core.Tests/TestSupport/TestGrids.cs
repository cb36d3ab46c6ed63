using GridTrader.Core.Grid;

namespace GridTrader.Core.Tests.TestSupport;

internal static class TestGrids
{
    /// <summary>
    /// 4 levels at a fixed 2% with Firi's 0.5% fee: around 1000 NOK the step is 20, the lines 960 / 980 / [1000] /
    /// 1020 / 1040, two buys below the centre.
    /// </summary>
    public static readonly GridSettings FourLevels = new()
    {
        Levels = 4,
        SpacingMode = SpacingMode.FixedPercent,
        SpacingPct = 2m,
        FeeRate = 0.005m,
    };

    /// <summary>
    /// Indicator periods short enough for a handful of hand-made candles: EMA(2) vs EMA(4) with a 0.5% entry
    /// (0.25% exit), ATR(3), and a spike measured against the mean of the last 3 ATR values.
    /// </summary>
    public static GridSettings WithShortIndicators(this GridSettings settings) => settings with
    {
        TrendFastPeriod = 2,
        TrendSlowPeriod = 4,
        TrendThresholdPct = 0.5m,
        TrendExitThresholdPct = 0.25m,
        AtrPeriod = 3,
        AtrMeanWindow = 3,
    };
}
