using GridTrader.Core.MarketData;

namespace GridTrader.Core.Indicators;

/// <summary>
/// Reference implementations that compute a whole indicator series from an array, written plainly
/// and independently of the incremental types so tests can hold one against the other.
/// </summary>
/// <remarks>
/// Element <c>i</c> of a result is the indicator after input <c>i</c>; warm-up positions are NaN.
/// EMA and ATR use the same formulas in the same order of operations as
/// <see cref="Indicators.Ema"/> and <see cref="Indicators.Atr"/>, so the two must agree bit for
/// bit. The rolling mean sums every window afresh, O(n × window), so it agrees with the running sum only to rounding.
/// </remarks>
internal static class IndicatorMath
{
    public static double[] Ema(IReadOnlyList<double> values, int period)
    {
        var alpha = 2.0 / (period + 1);
        return SeededRecurrence(values, period, (ema, x) => ema + (alpha * (x - ema)));
    }

    public static double[] TrueRange(IReadOnlyList<Candle> candles)
    {
        var result = new double[candles.Count];
        for (var i = 0; i < candles.Count; i++)
        {
            var c = candles[i];
            var tr = c.High - c.Low;
            if (i > 0)
            {
                var prevClose = candles[i - 1].Close;
                tr = Math.Max(tr, Math.Abs(c.High - prevClose));
                tr = Math.Max(tr, Math.Abs(c.Low - prevClose));
            }

            result[i] = (double)tr;
        }

        return result;
    }

    public static double[] Atr(IReadOnlyList<Candle> candles, int period) =>
        SeededRecurrence(TrueRange(candles), period, (atr, tr) => ((atr * (period - 1)) + tr) / period);

    public static double[] RollingMean(IReadOnlyList<double> values, int window)
    {
        var result = NaNs(values.Count);
        for (var end = window - 1; end < values.Count; end++)
        {
            var sum = 0.0;
            for (var i = end - window + 1; i <= end; i++) sum += values[i];
            result[end] = sum / window;
        }

        return result;
    }

    /// <summary>NaN for the first period − 1 inputs, the mean of the first period inputs, then next(previous, input).</summary>
    private static double[] SeededRecurrence(IReadOnlyList<double> inputs, int period, Func<double, double, double> next)
    {
        var result = NaNs(inputs.Count);
        if (inputs.Count < period) return result;

        var sum = 0.0;
        for (var i = 0; i < period; i++) sum += inputs[i];
        result[period - 1] = sum / period;
        for (var i = period; i < inputs.Count; i++) result[i] = next(result[i - 1], inputs[i]);
        return result;
    }

    private static double[] NaNs(int length)
    {
        var result = new double[length];
        Array.Fill(result, double.NaN);
        return result;
    }
}
