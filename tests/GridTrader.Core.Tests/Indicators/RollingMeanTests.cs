using GridTrader.Core.Indicators;

namespace GridTrader.Core.Tests.Indicators;

public class RollingMeanTests
{
    [Fact]
    public void RollingMean3_OfOneToFive_IsMeanOfLastThree()
    {
        var mean = new RollingMean(3);
        var values = Incremental.Values([1.0, 2, 3, 4, 5], mean.Add, () => mean.Value);

        Assert.Equal([double.NaN, double.NaN, 2, 3, 4], values);
        Assert.Equal(3, mean.WarmupPeriod);
    }

    [Fact]
    public void RollingMean_AfterAHugeValueLeaves_IsExactWithinOneWindow()
    {
        // 1e16 swallows the 1s in a running sum (the spacing of doubles there is 2), and
        // subtracting it later leaves 0 instead of 3: the mean would read 0 for a window of 1s.
        // The exact recomputation every Window values bounds that error to one window.
        const int window = 3;
        var mean = new RollingMean(window);
        mean.Add(1e16);
        for (var i = 0; i < 2 * window; i++) mean.Add(1.0);

        Assert.Equal(1.0, mean.Value);
    }

    [Fact]
    public void RollingMean_AfterReset_ReplaysLikeANewInstance()
    {
        var mean = new RollingMean(2);
        mean.Add(100);
        mean.Add(200);
        mean.Add(300);
        mean.Reset();
        Assert.False(mean.IsReady);

        mean.Add(1);
        Assert.True(double.IsNaN(mean.Value));
        mean.Add(2);
        Assert.Equal(1.5, mean.Value);
    }

    [Fact]
    public void RollingMean_NonFiniteInput_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RollingMean(3).Add(double.NegativeInfinity));
}
