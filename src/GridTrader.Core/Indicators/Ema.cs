namespace GridTrader.Core.Indicators;

/// <summary>
/// Exponential moving average over <see cref="Period"/> values, updated in O(1) per value, with
/// <c>alpha = 2 / (period + 1)</c>.
/// </summary>
/// <remarks>
/// <para>
/// Seeding: the first value is the simple mean of the first <see cref="Period"/> inputs, so the
/// average is ready after exactly <see cref="WarmupPeriod"/> values. Every later input
/// <c>x</c> moves it by <c>ema += alpha × (x − ema)</c>. Until then <see cref="IsReady"/> is false
/// and <see cref="Value"/> is <see cref="double.NaN"/>.
/// </para>
/// <para>
/// Indicator maths is <see cref="double"/>. Prices are <see cref="decimal"/>; they become doubles
/// in <see cref="AddPrice"/> and nowhere else.
/// </para>
/// <para>
/// Duplicate and late bars: the average consumes every value it is given. Dropping duplicate
/// candles is the candle feed's job; to take a corrected or late bar into account,
/// <see cref="Reset"/> and replay the series.
/// </para>
/// </remarks>
public sealed class Ema
{
    private double _seedSum;

    public Ema(int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        Period = period;
        Alpha = 2.0 / (period + 1);
    }

    public int Period { get; }

    public double Alpha { get; }

    /// <summary>How many values must be added before <see cref="Value"/> is defined.</summary>
    public int WarmupPeriod => Period;

    /// <summary>How many values have been added since construction or <see cref="Reset"/>.</summary>
    public long Count { get; private set; }

    public bool IsReady => Count >= Period;

    /// <summary>The current average, or <see cref="double.NaN"/> while warming up.</summary>
    public double Value { get; private set; } = double.NaN;

    /// <summary>Adds the next value. Throws for NaN or infinity: one would poison every later value.</summary>
    public void Add(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "An indicator input must be finite.");
        Count++;
        if (Count <= Period)
        {
            _seedSum += value;
            if (Count == Period) Value = _seedSum / Period;
            return;
        }

        Value += Alpha * (value - Value);
    }

    /// <summary>Adds a decimal price: the one place where an EMA input becomes a double.</summary>
    public void AddPrice(decimal price) => Add((double)price);

    public void Reset()
    {
        _seedSum = 0;
        Count = 0;
        Value = double.NaN;
    }
}
