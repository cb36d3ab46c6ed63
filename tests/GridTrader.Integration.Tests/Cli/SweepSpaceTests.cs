using GridTrader.Core.Grid;
using GridTrader.Research;

namespace GridTrader.Integration.Tests.Cli;

public sealed class SweepSpaceTests
{
    private static readonly SweepSpace Space = new([1.2m, 1.6m, 2.0m], [4m, 8m], [14, 28, 56], [4, 8, 12], [true, false]);

    [Fact]
    public void Indexer_EnumeratesEveryCombinationOnceInBlockOrder()
    {
        var all = Enumerable.Range(0, Space.Count).Select(i => Space[i]).ToList();

        Assert.Equal((3 * 3 + 2 * 3 * 3) * 2, Space.Count);
        Assert.Equal(all.Count, all.Select(c => (c.Mode, c.SpacingPct, c.AtrMultiplier, c.AtrPeriod, c.Levels, c.TrendFilter)).Distinct().Count());
        Assert.Equal(new SweepConfig(0, SpacingMode.FixedPercent, 1.2m, 0, 0, 4, true), all[0]);
        Assert.Equal(new SweepConfig(9, SpacingMode.Atr, 0, 4m, 14, 4, true), all[9]);
        Assert.Equal(new SweepConfig(Space.Count - 1, SpacingMode.Atr, 0, 8m, 56, 12, false), all[^1]);
    }

    [Fact]
    public void EdgesOf_LargestSpacingAndSmallestLevels_NamesBoth()
    {
        var edges = Space.EdgesOf(new SweepConfig(0, SpacingMode.FixedPercent, 2.0m, 0, 0, 4, true));

        Assert.Equal(["--spacing 2.0 is the largest searched", "--levels 4 is the smallest searched"], edges);
    }

    [Fact]
    public void EdgesOf_InsideTheRangeOrADimensionOfTwo_NamesNothing()
    {
        Assert.Empty(Space.EdgesOf(new SweepConfig(0, SpacingMode.FixedPercent, 1.6m, 0, 0, 8, true)));
        // Only two multipliers were searched: every value is an end, which says nothing about an optimum.
        Assert.Empty(Space.EdgesOf(new SweepConfig(0, SpacingMode.Atr, 0, 8m, 28, 8, false)));
    }

    [Fact]
    public void TopList_ManyOffers_KeepsOnlyTheBestInOrder()
    {
        var top = new TopList<int>(3, Comparer<int>.Create((a, b) => b.CompareTo(a)));

        foreach (var v in new[] { 5, 1, 9, 7, 3, 9, 2, 8 }) top.Offer(v);

        Assert.Equal([9, 9, 8], top.Items);
    }
}
