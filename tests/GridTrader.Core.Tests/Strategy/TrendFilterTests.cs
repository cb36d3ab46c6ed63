using GridTrader.Core.Strategy;

namespace GridTrader.Core.Tests.Strategy;

/// <summary>Entry at a 1% EMA gap, exit below 0.5% (gap = (fast − slow) / slow, with slow = 100 so the gap is fast − 100).</summary>
public class TrendFilterTests
{
    private readonly TrendFilter _filter = new(entryThresholdPct: 1m, exitThresholdPct: 0.5m);

    [Theory]
    [InlineData(101.5, Trend.Up)]
    [InlineData(98.5, Trend.Down)]
    [InlineData(100.8, Trend.Neutral)] // inside the entry threshold
    [InlineData(99.2, Trend.Neutral)]
    public void Update_FromNeutral_EntersATrendOnlyBeyondTheEntryThreshold(double fast, Trend expected)
    {
        var changed = _filter.Update(fast, 100);

        Assert.Equal(expected, _filter.Current);
        Assert.Equal(expected != Trend.Neutral, changed);
    }

    [Theory]
    [InlineData(new[] { 101.5, 100.6 }, Trend.Up)] // 0.6%: below the entry, still above the exit
    [InlineData(new[] { 101.5, 100.4 }, Trend.Neutral)] // 0.4%: below the exit
    [InlineData(new[] { 98.5, 99.4 }, Trend.Down)] // −0.6%
    [InlineData(new[] { 98.5, 99.6 }, Trend.Neutral)] // −0.4%
    [InlineData(new[] { 101.5, 98.5 }, Trend.Down)] // a reversal past the entry goes straight across
    public void Update_GapAfterEnteringATrend_LeavesOnlyBelowTheExitThreshold(double[] fasts, Trend expected)
    {
        foreach (var fast in fasts) _filter.Update(fast, 100);

        Assert.Equal(expected, _filter.Current);
        Assert.Equal(fasts[^1] - 100, _filter.GapPct, 9);
    }

    [Fact]
    public void Update_HoveringAroundTheEntryThreshold_DoesNotFlipEveryCandle()
    {
        var changes = 0;
        foreach (var fast in new[] { 101.1, 100.9, 101.1, 100.9, 101.1 })
        {
            if (_filter.Update(fast, 100)) changes++;
        }

        Assert.Equal(1, changes);
        Assert.Equal(Trend.Up, _filter.Current);
    }

    [Theory]
    [InlineData(double.NaN, 100)]
    [InlineData(101.5, 0)]
    [InlineData(101.5, double.NaN)]
    public void Update_IndicatorNotReady_ChangesNothing(double fast, double slow)
    {
        Assert.False(_filter.Update(fast, slow));
        Assert.Equal(Trend.Neutral, _filter.Current);
    }
}
