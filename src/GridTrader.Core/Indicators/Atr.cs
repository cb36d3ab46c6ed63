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
        if (candle.High < candle.Low)
            throw new ArgumentException($"Candle at {candle.OpenTimeMs} has high {candle.High} below low {candle.Low}.", nameof(candle));

        var range = candle.High - candle.Low;
        if (Count > 0)
            range = Math.Max(range, Math.Max(Math.Abs(candle.High - _previousClose), Math.Abs(candle.Low - _previousClose)));
        var trueRange = (double)range;
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
