using FsCheck.Xunit;
using GridTrader.Core.Indicators;

namespace GridTrader.Core.Tests.Indicators;

[Properties(Arbitrary = [typeof(IndicatorArbitraries)], MaxTest = 300)]
public class IndicatorPropertyTests
{
    [Property]
    public void Ema_AnyPrices_IncrementalEqualsBatchExactly(PriceSeries prices, IndicatorPeriod period)
    {
        var ema = new Ema(period.Value);
        var incremental = Incremental.Values(prices.Values, ema.Add, () => ema.Value);
        SeriesAssert.Identical(IndicatorMath.Ema(prices.Values, period.Value), incremental);
    }

    [Property]
    public bool Ema_AnyPrices_StaysWithinMinAndMaxOfInputs(PriceSeries prices, IndicatorPeriod period)
    {
        var ema = new Ema(period.Value);
        var min = double.MaxValue;
        var max = double.MinValue;
        foreach (var x in prices.Values)
        {
            ema.Add(x);
            min = Math.Min(min, x);
            max = Math.Max(max, x);
            // Allow for rounding in the last bits of the update step.
            var slack = 1e-12 * max;
            if (ema.IsReady && (ema.Value < min - slack || ema.Value > max + slack)) return false;
        }

        return true;
    }

    [Property]
    public void Atr_AnyCandles_IncrementalEqualsBatchExactly(CandleSeries series, IndicatorPeriod period)
    {
        var atr = new Atr(period.Value);
        var incremental = Incremental.Values(series.Candles, c => atr.Add(c), () => atr.Value);
        SeriesAssert.Identical(IndicatorMath.Atr(series.Candles, period.Value), incremental);
    }

    [Property]
    public bool Atr_AnyCandles_IsNonNegativeAndAtMostTheLargestTrueRange(CandleSeries series, IndicatorPeriod period)
    {
        var atr = new Atr(period.Value);
        var largest = 0.0;
        foreach (var candle in series.Candles)
        {
            atr.Add(candle);
            largest = Math.Max(largest, atr.LastTrueRange);
            if (atr.IsReady && (atr.Value < 0 || atr.Value > largest * (1 + 1e-12))) return false;
        }

        return true;
    }

    [Property]
    public void RollingMean_AnyPrices_MatchesBatchWithinRounding(PriceSeries prices, IndicatorPeriod window)
    {
        var mean = new RollingMean(window.Value);
        var incremental = Incremental.Values(prices.Values, mean.Add, () => mean.Value);
        // The running sum and a fresh summation differ only in rounding; stated bound 1e-12 relative.
        SeriesAssert.Close(IndicatorMath.RollingMean(prices.Values, window.Value), incremental, 1e-12);
    }
}
