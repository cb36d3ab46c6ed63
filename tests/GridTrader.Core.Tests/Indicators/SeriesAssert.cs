namespace GridTrader.Core.Tests.Indicators;

internal static class SeriesAssert
{
    /// <summary>Every element equal to the bit (NaN equals NaN); names the first index that differs.</summary>
    public static void Identical(IReadOnlyList<double> expected, IReadOnlyList<double> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            if (BitConverter.DoubleToInt64Bits(expected[i]) != BitConverter.DoubleToInt64Bits(actual[i]))
                Assert.Fail($"Index {i}: expected {expected[i]:R}, actual {actual[i]:R}.");
        }
    }

    /// <summary>NaN at the same places; elsewhere |actual − expected| ≤ relative × |expected|.</summary>
    public static void Close(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double relative)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var bothNaN = double.IsNaN(expected[i]) && double.IsNaN(actual[i]);
            if (!bothNaN && !(Math.Abs(actual[i] - expected[i]) <= relative * Math.Abs(expected[i])))
                Assert.Fail($"Index {i}: expected {expected[i]:R}, actual {actual[i]:R}, beyond relative {relative}.");
        }
    }
}
