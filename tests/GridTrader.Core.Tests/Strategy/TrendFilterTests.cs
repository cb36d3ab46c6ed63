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

    [Fact]
    public void Update_UptrendGapShrinksBetweenThresholds_StaysUp()
    {
        _filter.Update(101.5, 100);

        var changed = _filter.Update(100.6, 100); // 0.6%: below entry, above exit

        Assert.False(changed);
        Assert.Equal(Trend.Up, _filter.Current);
        Assert.Equal(0.6, _filter.GapPct, 9);
    }

    [Fact]
    public void Update_UptrendGapBelowExit_ReturnsToNeutral()
    {
        _filter.Update(101.5, 100);

        Assert.True(_filter.Update(100.4, 100));
        Assert.Equal(Trend.Neutral, _filter.Current);
    }

    [Fact]
    public void Update_DowntrendGapShrinksBetweenThresholds_StaysDownThenLeaves()
    {
        _filter.Update(98.5, 100);

        Assert.False(_filter.Update(99.4, 100)); // −0.6%
        Assert.Equal(Trend.Down, _filter.Current);
        Assert.True(_filter.Update(99.6, 100)); // −0.4%
        Assert.Equal(Trend.Neutral, _filter.Current);
    }

    [Fact]
    public void Update_UptrendReversesPastTheEntryThreshold_GoesStraightToDown()
    {
        _filter.Update(101.5, 100);

        Assert.True(_filter.Update(98.5, 100));
        Assert.Equal(Trend.Down, _filter.Current);
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
