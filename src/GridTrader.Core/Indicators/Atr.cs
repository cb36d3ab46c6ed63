using GridTrader.Core.MarketData;

namespace GridTrader.Core.Indicators;

/// <summary>
/// Average true range with Wilder's smoothing over <see cref="Period"/> candles, updated in O(1)
/// per candle.
/// </summary>
/// <remarks>
/// <para>
/// True range: <c>max(high − low, |high − prevClose|, |low − prevClose|)</c>; the first candle has
/// no previous close, so its true range is <c>high − low</c>. The ATR is seeded with the simple
/// mean of the first <see cref="Period"/> true ranges (ready after <see cref="WarmupPeriod"/>
/// candles), then <c>atr = (atr × (n − 1) + tr) / n</c>. Until then <see cref="IsReady"/> is false
/// and <see cref="Value"/> is <see cref="double.NaN"/>.
/// </para>
/// <para>
/// The true range is computed exactly in <see cref="decimal"/> and becomes a double once, in
/// <see cref="Add"/>; <see cref="ValuePct"/> converts its price argument the same way.
/// </para>
/// <para>
/// Duplicate and late bars: every candle given is consumed. Dropping duplicate candles is the
/// candle feed's job; to take a corrected or late bar into account, <see cref="Reset"/> and replay.
/// </para>
/// </remarks>
public sealed class Atr
{
    /// <summary>10^0 … 10^28 as doubles: the divisors <c>(double)decimal</c> uses for each scale.</summary>
    private static readonly double[] PowersOf10 =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
        1e21, 1e22, 1e23, 1e24, 1e25, 1e26, 1e27, 1e28,
    ];

    /// <summary>The largest power of ten a double holds exactly (10^22).</summary>
    private const int MaxExactScale = 22;

    private double _seedSum;
    private decimal _previousClose;

    public Atr(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        Period = period;
    }

    public int Period { get; }

    /// <summary>How many candles must be added before <see cref="Value"/> is defined.</summary>
    public int WarmupPeriod => Period;

    /// <summary>How many candles have been added since construction or <see cref="Reset"/>.</summary>
    public long Count { get; private set; }

    public bool IsReady => Count >= Period;

    /// <summary>The current ATR in price units, or <see cref="double.NaN"/> while warming up.</summary>
    public double Value { get; private set; } = double.NaN;

    /// <summary>The true range of the last candle added, or <see cref="double.NaN"/> before the first.</summary>
    public double LastTrueRange { get; private set; } = double.NaN;

    public void Add(in Candle candle)
    {
        if (!TryTrueRangeOfCents(candle, out var trueRange))
        {
            if (candle.High < candle.Low)
                throw new ArgumentException($"Candle at {candle.OpenTimeMs} has high {candle.High} below low {candle.Low}.", nameof(candle));

            var range = candle.High - candle.Low;
            if (Count > 0)
                range = Math.Max(range, Math.Max(Math.Abs(candle.High - _previousClose), Math.Abs(candle.Low - _previousClose)));
            trueRange = (double)range;
        }

        _previousClose = candle.Close;
        LastTrueRange = trueRange;
        Count++;
        if (Count <= Period)
        {
            _seedSum += trueRange;
            if (Count == Period) Value = _seedSum / Period;
            return;
        }

        Value = (Value * (Period - 1) + trueRange) / Period;
    }

    /// <summary>
    /// The true range when high, low and the previous close are positive decimals whose digits, brought to their largest
    /// scale, fit in 53 bits (prices as files and exchanges quote them: 23277.42, 61320, 61218.5): the same exact decimal
    /// differences, taken on those digits as integers, and the same conversion to double that <c>(double)decimal</c>
    /// makes (digits ÷ 10^scale, one correctly rounded division), so the result is bit for bit the decimal path's at a
    /// fraction of its cost. Any other input takes the decimal path.
    /// </summary>
    /// <remarks>
    /// Files drop trailing zeros, so a quarter of real candles mix scales (61320 beside 61125.17). The decimal path's
    /// difference has its operands' larger scale and the maximum keeps one of them, but its double depends only on the
    /// value: with digits below 2^53 and a scale of at most 22 (10^22 is the largest power of ten a double holds exactly),
    /// digits ÷ 10^scale is the correctly rounded value whatever the scale. Mixed scales are therefore aligned only up to
    /// 22; equal scales keep the conversion <c>(double)decimal</c> itself makes, whatever the scale.
    /// </remarks>
    private bool TryTrueRangeOfCents(in Candle candle, out double trueRange)
    {
        trueRange = 0;
        if (!TryDigits(candle.High, out var high, out var highScale) || !TryDigits(candle.Low, out var low, out var lowScale)) return false;
        long close = 0;
        var closeScale = highScale;
        if (Count > 0 && !TryDigits(_previousClose, out close, out closeScale)) return false;

        var scale = Math.Max(highScale, Math.Max(lowScale, closeScale));
        if ((highScale != scale || lowScale != scale || closeScale != scale)
            && (scale > MaxExactScale || !Align(ref high, scale - highScale) || !Align(ref low, scale - lowScale) || !Align(ref close, scale - closeScale)))
            return false;
        if (high < low) return false;

        var range = high - low;
        if (Count > 0) range = Math.Max(range, Math.Max(Math.Abs(high - close), Math.Abs(low - close)));
        trueRange = range / PowersOf10[scale];
        return true;
    }

    /// <summary>Digits × 10^<paramref name="shift"/> when the product stays below 2^53 (exact as a double); false otherwise.</summary>
    private static bool Align(ref long digits, int shift)
    {
        if (shift == 0) return true;
        if (shift > 15) return digits == 0; // 10^16 alone exceeds 2^53
        var factor = (long)PowersOf10[shift];
        if (digits > ((1L << 53) - 1) / factor) return false;
        digits *= factor;
        return true;
    }

    private static bool TryDigits(decimal value, out long digits, out int scale)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        scale = (bits[3] >> 16) & 0xFF;
        digits = (long)(((ulong)(uint)bits[1] << 32) | (uint)bits[0]);
        // Positive (sign bit clear), no high word, and exact as a double.
        return bits[3] >= 0 && bits[2] == 0 && digits < 1L << 53;
    }

    /// <summary>The ATR in percent of <paramref name="price"/>, or NaN while warming up.</summary>
    public double ValuePct(decimal price)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(price);
        return Value / (double)price * 100.0;
    }

    public void Reset()
    {
        _seedSum = 0;
        _previousClose = 0;
        Count = 0;
        Value = double.NaN;
        LastTrueRange = double.NaN;
    }
}
