namespace GridTrader.Core.Indicators;

/// <summary>
/// Mean of the last <see cref="Window"/> values (for example ATR against its recent mean),
/// updated in O(1) per value.
/// </summary>
/// <remarks>
/// A running sum adds the new value and subtracts the one leaving the window. Rounding in that
/// difference could drift without bound over a long backtest, so every <see cref="Window"/> values
/// the sum is recomputed from the window, oldest first: drift never outlives one window, and at
/// each recomputation the mean equals a fresh summation exactly. Until the window is full
/// <see cref="IsReady"/> is false and <see cref="Value"/> is <see cref="double.NaN"/>.
/// </remarks>
public sealed class RollingMean
{
    private readonly double[] _values;
    private int _next;
    private int _sinceExactSum;
    private double _sum;

    public RollingMean(int window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        _values = new double[window];
    }

    public int Window => _values.Length;

    /// <summary>How many values must be added before <see cref="Value"/> is defined.</summary>
    public int WarmupPeriod => Window;

    /// <summary>How many values have been added since construction or <see cref="Reset"/>.</summary>
    public long Count { get; private set; }

    public bool IsReady => Count >= Window;

    /// <summary>The mean of the last <see cref="Window"/> values, or <see cref="double.NaN"/> while warming up.</summary>
    public double Value => IsReady ? _sum / Window : double.NaN;

    /// <summary>Adds the next value. Throws for NaN or infinity: one would poison the running sum.</summary>
    public void Add(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "An indicator input must be finite.");
        var leaving = _values[_next];
        _values[_next] = value;
        _next = _next + 1 == Window ? 0 : _next + 1;
        Count++;
        if (++_sinceExactSum < Window)
        {
            _sum += value - leaving;
            return;
        }

        // The window is full here, and _next points at its oldest value.
        _sinceExactSum = 0;
        _sum = 0;
        for (var i = 0; i < Window; i++)
            _sum += _values[(_next + i) % Window];
    }

    public void Reset()
    {
        Array.Clear(_values);
        _next = 0;
        _sinceExactSum = 0;
        _sum = 0;
        Count = 0;
    }
}
