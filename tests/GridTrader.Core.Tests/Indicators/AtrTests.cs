using GridTrader.Core.Indicators;
using GridTrader.Core.MarketData;

namespace GridTrader.Core.Tests.Indicators;

public class AtrTests
{
    // ATR(3) by hand:
    //   bar  O     H     L   C     prevC  h−l  |h−prevC|  |l−prevC|  TR   ATR
    //   1    9     10    8   9     –      2    –          –          2    NaN
    //   2    9     13    9   12    9      4    4          0          4    NaN
    //   3    12    12.5  11  11    12     1.5  0.5        1          1.5  (2 + 4 + 1.5) / 3 = 2.5
    //   4    10.5  10.5  8   9     11     2.5  0.5        3          3    (2.5 × 2 + 3) / 3 = 8/3
    //   5    15    16    15  15.5  9      1    7          6          7    (8/3 × 2 + 7) / 3 = 37/9
    private static readonly Candle[] HandBars =
    [
        new(0, 9m, 10m, 8m, 9m, 1m),
        new(60_000, 9m, 13m, 9m, 12m, 1m),
        new(120_000, 12m, 12.5m, 11m, 11m, 1m),
        new(180_000, 10.5m, 10.5m, 8m, 9m, 1m),
        new(240_000, 15m, 16m, 15m, 15.5m, 1m),
    ];

    [Fact]
    public void Atr3_OfHandBars_MatchesHandComputedValues()
    {
        var atr = new Atr(3);
        var values = Incremental.Values(HandBars, c => atr.Add(c), () => atr.Value);

        Assert.Equal([2, 4, 1.5, 3, 7], IndicatorMath.TrueRange(HandBars));
        atr.Reset();
        Assert.Equal([2, 4, 1.5, 3, 7], Incremental.Values(HandBars, c => atr.Add(c), () => atr.LastTrueRange));
        Assert.True(double.IsNaN(values[0]) && double.IsNaN(values[1]));
        Assert.Equal(2.5, values[2]);
        Assert.Equal(8.0 / 3, values[3], 1e-12);
        Assert.Equal(37.0 / 9, values[4], 1e-12);
    }

    [Fact]
    public void Atr_DuringWarmup_IsNotReadyAndValueIsNaN()
    {
        var atr = new Atr(3);
        Assert.Equal(3, atr.WarmupPeriod);
        atr.Add(HandBars[0]);
        atr.Add(HandBars[1]);
        Assert.False(atr.IsReady);
        Assert.True(double.IsNaN(atr.Value));
        Assert.True(double.IsNaN(atr.ValuePct(100m)));

        atr.Add(HandBars[2]);
        Assert.True(atr.IsReady);
        Assert.Equal(3, atr.Count);
    }

    [Fact]
    public void AtrValuePct_OfPrice_IsAtrInPercentOfPrice()
    {
        var atr = new Atr(3);
        foreach (var bar in HandBars[..3]) atr.Add(bar);
        Assert.Equal(2.5, atr.ValuePct(100m), 1e-12);
        Assert.Throws<ArgumentOutOfRangeException>(() => atr.ValuePct(0m));
    }

    [Fact]
    public void Atr_AfterReset_TreatsTheNextBarAsFirst()
    {
        var atr = new Atr(3);
        foreach (var bar in HandBars) atr.Add(bar);
        atr.Reset();
        Assert.Equal(0, atr.Count);
        Assert.True(double.IsNaN(atr.Value));

        // Without the reset the previous close (15.5) would make this bar's true range 7.5.
        atr.Add(new Candle(300_000, 9m, 10m, 8m, 9m, 1m));
        Assert.Equal(2, atr.LastTrueRange);
    }

    [Fact]
    public void Atr_CandlesOfMixedScales_TrueRangeAndValueIdenticalToTheDecimalOnes()
    {
        // Files drop trailing zeros (61320 beside 61125.17 and 61218.5), so scales change from one price to the next; the
        // edge cases at the end have digits that no longer fit 53 bits once aligned, and scales beyond 22.
        var random = new Random(13);
        var candles = new List<Candle>();
        var price = 61_000.0;
        for (var i = 0; i < 20_000; i++)
        {
            price *= 1 + (random.NextDouble() - 0.5) * 0.01;
            var high = Quote(price * (1 + random.NextDouble() * 0.004));
            var low = Quote(price * (1 - random.NextDouble() * 0.004));
            candles.Add(new Candle(i * 60_000L, Quote(price), high, low, Quote(price), 1m));
        }

        candles.Add(new Candle(0, 9007199254.740991m, 9007199254.740991m, 9007199254.74099m, 9007199254.7409m, 1m));
        candles.Add(new Candle(0, 1.5m, 9007199254.7409m, 0.000000000000000000000001m, 1m, 1m));
        candles.Add(new Candle(0, 2m, 2.0000000000000000000000001m, 1.9m, 2m, 1m));
        candles.Add(new Candle(0, 2m, 3m, 1.99999999999999999999m, 2.5m, 1m));
        var atr = new Atr(14);
        var trueRanges = Incremental.Values(candles, c => atr.Add(c), () => atr.LastTrueRange);

        SeriesAssert.Identical(IndicatorMath.TrueRange(candles), trueRanges);
        atr.Reset();
        SeriesAssert.Identical(IndicatorMath.Atr(candles, 14), Incremental.Values(candles, c => atr.Add(c), () => atr.Value));

        decimal Quote(double value) => decimal.Round((decimal)value, random.Next(0, 11));
    }

    [Fact]
    public void Atr_CandleWithHighBelowLow_Throws() =>
        Assert.Throws<ArgumentException>(() => new Atr(3).Add(new Candle(0, 10m, 9m, 11m, 10m, 1m)));
}
