using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GridTrader.Core.MarketData;
using GridTrader.Core.Markets;

namespace GridTrader.Core.Tests.MarketData;

public class CandleScaleTests
{
    private const long OpenMs = 1_700_000_000_000;

    private static Candle Bar(decimal open, decimal high, decimal low, decimal close, decimal volume = 2m) =>
        new(OpenMs, open, high, low, close, volume);

    [Fact]
    public void Identity_AnyCandle_ReturnsItUntouched()
    {
        // Six decimals and a volume with nine: an identity that rounded anything would change them.
        var candle = Bar(100.123456m, 101.654321m, 99.000001m, 100.5m, 1.123456789m);

        Assert.True(CandleScale.Identity.IsIdentity);
        Assert.Equal(candle, CandleScale.Identity.Apply(candle));
        Assert.Equal(candle, new CandleScale(1m).Apply(candle));
    }

    [Fact]
    public void Apply_FactorWithoutDecimals_MultipliesPricesAndVolumeExactly()
    {
        var scaled = new CandleScale(10.5m, VolumeFactor: 0.5m).Apply(Bar(100m, 110m, 90m, 105m, 3m));

        Assert.Equal(new Candle(OpenMs, 1050m, 1155m, 945m, 1102.5m, 1.5m), scaled);
    }

    [Fact]
    public void Apply_FactorOneWithDecimals_IsNotIdentityAndPutsPricesOnTheTick()
    {
        var scale = new CandleScale(1m, PriceDecimals: 2);

        var scaled = scale.Apply(Bar(100.004m, 100.011m, 99.996m, 100.006m));

        Assert.False(scale.IsIdentity);
        Assert.Equal(new Candle(OpenMs, 100.00m, 100.02m, 99.99m, 100.01m, 2m), scaled);
    }

    [Fact]
    public void Apply_WithDecimals_RoundsOpenAndCloseToTheTickAndWicksOutward()
    {
        // × 1.003: open 100.3, high 101.304003, low 100.298997, close 100.8015. To the nearest tick the wicks would be
        // 101.30 and 100.30; rounded outward they are 101.31 and 100.29, so they still bracket everything inside.
        var scaled = new CandleScale(1.003m, PriceDecimals: 2).Apply(Bar(100m, 101.001m, 99.999m, 100.5m));

        Assert.Equal(100.30m, scaled.Open);
        Assert.Equal(101.31m, scaled.High);
        Assert.Equal(100.29m, scaled.Low);
        Assert.Equal(100.80m, scaled.Close);
        Assert.True(scaled.IsValid);
    }

    [Fact]
    public void Apply_WithDecimals_PricesBelowOneTickStayPositive()
    {
        // × 0.0001 takes every price below half a cent: rounding alone would make them zero.
        var scaled = new CandleScale(0.0001m, PriceDecimals: 2).Apply(Bar(10m, 12m, 0.5m, 11m));

        Assert.Equal(new Candle(OpenMs, 0.01m, 0.01m, 0.01m, 0.01m, 2m), scaled);
        Assert.True(scaled.IsValid);
    }

    [Fact]
    public void Apply_WithDecimals_VolumeRoundedToEightPlaces()
    {
        var scaled = new CandleScale(2m, VolumeFactor: 1m, PriceDecimals: 0).Apply(Bar(10m, 10m, 10m, 10m, 1.123456789m));

        Assert.Equal(1.12345679m, scaled.Volume);
    }

    [Fact]
    public void Between_ReferenceAndMarketPrice_TakesTheOneToTheOther()
    {
        var scale = CandleScale.Between(50_000m, 525_000m, priceDecimals: 2);

        Assert.Equal(10.5m, scale.PriceFactor);
        Assert.Equal(1m, scale.VolumeFactor);
        Assert.Equal(2, scale.PriceDecimals);
        Assert.Equal(525_000m, scale.Apply(Bar(49_000m, 50_500m, 48_000m, 50_000m)).Close);
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(-1, 100)]
    [InlineData(100, 0)]
    [InlineData(100, -5)]
    public void Between_PriceNotPositive_Throws(int reference, int market)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CandleScale.Between(reference, market));
    }

    public sealed record ScaleCase(Candle Candle, decimal Factor, int Decimals);

    public static class Arbitraries
    {
        public static Arbitrary<ScaleCase> Cases() => Arb.From(
            from low in Gen.Choose(1, 1_000_000)
            from spread in Gen.Choose(0, 100_000)
            from openAt in Gen.Choose(0, 100)
            from closeAt in Gen.Choose(0, 100)
            from priceScale in Gen.Choose(0, 6)
            from factorUnits in Gen.Choose(1, 5_000_000)
            from factorScale in Gen.Choose(0, 8)
            from decimals in Gen.Choose(0, 6)
            select Case(low, spread, openAt, closeAt, (byte)priceScale, factorUnits, (byte)factorScale, decimals));

        private static ScaleCase Case(int low, int spread, int openAt, int closeAt, byte priceScale, int factorUnits, byte factorScale, int decimals)
        {
            var l = new decimal(low, 0, 0, false, priceScale);
            var h = new decimal(low + spread, 0, 0, false, priceScale);
            var o = l + (h - l) * openAt / 100m;
            var c = l + (h - l) * closeAt / 100m;
            return new ScaleCase(new Candle(OpenMs, o, h, l, c, 1m), new decimal(factorUnits, 0, 0, false, factorScale), decimals);
        }
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 300)]
    public void Apply_AnyValidCandleWithDecimals_StaysValidOnTheTickAndBracketsTheExactWicks(ScaleCase c)
    {
        var tick = Quantizer.Step(c.Decimals);
        var exactHigh = c.Candle.High * c.Factor;
        var exactLow = c.Candle.Low * c.Factor;

        var scaled = new CandleScale(c.Factor, PriceDecimals: c.Decimals).Apply(c.Candle);

        Assert.True(scaled.IsValid, $"{c.Candle} × {c.Factor} at {c.Decimals} decimals gave {scaled}");
        foreach (var price in new[] { scaled.Open, scaled.High, scaled.Low, scaled.Close })
            Assert.Equal(price, decimal.Round(price, c.Decimals));
        Assert.True(scaled.High >= exactHigh, $"high {scaled.High} below the exact {exactHigh}");
        Assert.True(scaled.Low <= exactLow || scaled.Low == tick, $"low {scaled.Low} above the exact {exactLow}");
        Assert.True(Math.Abs(scaled.Close - c.Candle.Close * c.Factor) <= tick / 2 || scaled.Close == tick);
    }
}
