using GridTrader.Core.Indicators;

namespace GridTrader.Core.Tests.Indicators;

public class EmaTests
{
    [Fact]
    public void Ema3_OfOneToSix_MatchesHandComputedValues()
    {
        // alpha = 2 / (3 + 1) = 0.5; seed = SMA(1, 2, 3) = 2
        // 4: 2 + 0.5 × (4 − 2) = 3;  5: 3 + 0.5 × (5 − 3) = 4;  6: 4 + 0.5 × (6 − 4) = 5
        var ema = new Ema(3);
        var values = Incremental.Values([1.0, 2, 3, 4, 5, 6], ema.Add, () => ema.Value);

        Assert.Equal([double.NaN, double.NaN, 2, 3, 4, 5], values);
    }

    [Fact]
    public void Ema_DuringWarmup_IsNotReadyAndValueIsNaN()
    {
        var ema = new Ema(4);
        Assert.Equal(4, ema.WarmupPeriod);
        for (var i = 1; i < 4; i++)
        {
            ema.Add(10.0);
            Assert.False(ema.IsReady);
            Assert.True(double.IsNaN(ema.Value));
            Assert.Equal(i, ema.Count);
        }

        ema.Add(10.0);
        Assert.True(ema.IsReady);
        Assert.Equal(10.0, ema.Value);
    }

    [Fact]
    public void Ema_AfterReset_ReplaysLikeANewInstance()
    {
        var used = new Ema(3);
        foreach (var x in new[] { 50.0, 7.0, 9.0, 11.0 }) used.Add(x);
        used.Reset();
        Assert.Equal(0, used.Count);
        Assert.True(double.IsNaN(used.Value));

        var fresh = new Ema(3);
        foreach (var x in new[] { 1.0, 2.0, 3.0, 4.0 })
        {
            used.Add(x);
            fresh.Add(x);
        }

        Assert.Equal(fresh.Value, used.Value);
    }

    [Fact]
    public void EmaAddPrice_OfDecimal_EqualsAddOfTheConvertedDouble()
    {
        var fromDecimal = new Ema(2);
        var fromDouble = new Ema(2);
        foreach (var price in new[] { 101.37m, 99.991m, 100.5m })
        {
            fromDecimal.AddPrice(price);
            fromDouble.Add((double)price);
        }

        Assert.Equal(fromDouble.Value, fromDecimal.Value);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Ema_NonFiniteInput_Throws(double value) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Ema(3).Add(value));

    [Fact]
    public void Ema_PeriodBelowOne_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => new Ema(0));
}
