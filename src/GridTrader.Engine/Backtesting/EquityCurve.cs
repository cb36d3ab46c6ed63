namespace GridTrader.Engine.Backtesting;

/// <summary>
/// An equity curve with a bounded number of points, so memory stays flat however long the data: points are kept at
/// every <c>stride</c>-th candle; when the curve is full, every other point is dropped and the stride doubles. The
/// last point is always part of the result.
/// </summary>
internal sealed class EquityCurve(int capacity)
{
    private readonly List<EquityPoint> _points = new(capacity);
    private long _stride = 1;
    private long _index;
    private long _nextKept;
    private EquityPoint _last;

    public void Add(long timeMs, decimal equity, decimal price)
    {
        _last = new EquityPoint(timeMs, equity, price);
        var index = _index++;
        if (index != _nextKept) return;
        if (_points.Count >= capacity)
        {
            // The kept points sit at multiples of the stride; those at multiples of twice the stride stay.
            for (var i = 0; i < (_points.Count + 1) / 2; i++) _points[i] = _points[2 * i];
            _points.RemoveRange((_points.Count + 1) / 2, _points.Count / 2);
            _stride *= 2;
            if (index % _stride != 0)
            {
                _nextKept = index + _stride / 2;
                return;
            }
        }

        _points.Add(_last);
        _nextKept = index + _stride;
    }

    public IReadOnlyList<EquityPoint> Points()
    {
        var result = new List<EquityPoint>(_points);
        if (_index > 0 && (result.Count == 0 || result[^1].TimeMs != _last.TimeMs)) result.Add(_last);
        return result;
    }
}
