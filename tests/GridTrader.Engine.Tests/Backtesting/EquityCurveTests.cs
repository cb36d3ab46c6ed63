using GridTrader.Engine.Backtesting;

namespace GridTrader.Engine.Tests.Backtesting;

public sealed class EquityCurveTests
{
    [Fact]
    public void Add_MoreThanCapacity_KeepsEvenlySpacedPointsAndTheLast()
    {
        var curve = new EquityCurve(capacity: 8);
        for (var i = 0; i < 100; i++) curve.Add(i, i, i);

        var points = curve.Points();
        Assert.True(points.Count <= 9);
        Assert.Equal(0, points[0].TimeMs);
        Assert.Equal(99, points[^1].TimeMs);
        var steps = points.Take(points.Count - 1).Zip(points.Skip(1).Take(points.Count - 2), (a, b) => b.TimeMs - a.TimeMs).Distinct().ToList();
        Assert.Single(steps);
    }

    [Fact]
    public void Add_FewerThanCapacity_KeepsEveryPoint()
    {
        var curve = new EquityCurve(capacity: 8);
        for (var i = 0; i < 5; i++) curve.Add(i * 60_000L, 100m + i, 10m);

        Assert.Equal(Enumerable.Range(0, 5).Select(i => i * 60_000L), curve.Points().Select(p => p.TimeMs));
    }
}

public sealed class DrawdownTrackerTests
{
    [Fact]
    public void Max_DeepestFallFromAPeak_IsTheLargestDrawdown()
    {
        var dd = new DrawdownTracker(100m);
        foreach (var e in new[] { 110m, 99m, 104m, 120m, 108m, 130m, 117m }) dd.Add(e);

        // Dips: 110 → 99 (10%), 120 → 108 (10%), 130 → 117 (open, 10%); none deeper.
        Assert.Equal(0.1m, dd.Max);
    }

    [Fact]
    public void Max_OpenDipDeeperThanClosedOnes_Counts()
    {
        var dd = new DrawdownTracker(100m);
        foreach (var e in new[] { 95m, 101m, 80m, 90m }) dd.Add(e);

        Assert.Equal((101m - 80m) / 101m, dd.Max);
    }

    [Fact]
    public void Max_OnlyRising_IsZero()
    {
        var dd = new DrawdownTracker(100m);
        foreach (var e in new[] { 100m, 101m, 102m }) dd.Add(e);

        Assert.Equal(0m, dd.Max);
    }
}
