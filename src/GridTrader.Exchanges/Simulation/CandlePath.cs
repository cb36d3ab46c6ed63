using GridTrader.Core.MarketData;

namespace GridTrader.Exchanges.Simulation;

/// <summary>
/// The path a candle's price is assumed to take: a bullish candle (close ≥ open) goes
/// open → low → high → close, a bearish one open → high → low → close. Which extreme comes first
/// decides whether a resting bid or a resting ask inside the candle fills first.
/// </summary>
internal struct CandlePath
{
    public bool IsActive;
    private decimal _p0, _p1, _p2, _p3;
    private decimal _d1, _d2, _d3;

    /// <summary>The next vertex to reach: 1, 2 or 3 (the close); 4 when the path is done.</summary>
    public int NextVertex;

    /// <summary>Distance travelled along the path in price units.</summary>
    public decimal Travelled;

    public readonly decimal TotalLength => _d3;

    /// <summary>The first and second extreme of the candle's path (the path rule lives here only).</summary>
    public static (decimal First, decimal Second) Extremes(in Candle candle) =>
        candle.Close >= candle.Open ? (candle.Low, candle.High) : (candle.High, candle.Low);

    /// <summary>
    /// When <see cref="MatchingEngine.ProcessCandle(string, in Candle)"/> puts the price at corner 0..3 of the
    /// path: the open, one and two thirds of the interval, and the close at open + interval.
    /// </summary>
    public static DateTimeOffset CornerTime(DateTimeOffset open, long intervalTicks, int corner) =>
        open.AddTicks(corner == 3 ? intervalTicks : intervalTicks / 3 * corner);

    public static CandlePath Start(in Candle candle)
    {
        var (first, second) = Extremes(candle);
        var d1 = Math.Abs(first - candle.Open);
        var d2 = d1 + Math.Abs(second - first);
        return new CandlePath
        {
            IsActive = true,
            _p0 = candle.Open,
            _p1 = first,
            _p2 = second,
            _p3 = candle.Close,
            _d1 = d1,
            _d2 = d2,
            _d3 = d2 + Math.Abs(candle.Close - second),
            NextVertex = 1,
        };
    }

    public readonly decimal Vertex(int index) => index switch
    {
        0 => _p0,
        1 => _p1,
        2 => _p2,
        _ => _p3,
    };

    /// <summary>Path distance from the open to vertex <paramref name="index"/>.</summary>
    public readonly decimal DistanceTo(int index) => index switch
    {
        0 => 0m,
        1 => _d1,
        2 => _d2,
        _ => _d3,
    };

    /// <summary>The price at <paramref name="distance"/> along the segment that ends at <see cref="NextVertex"/>.</summary>
    public readonly decimal PriceOnSegment(decimal distance)
    {
        var from = Vertex(NextVertex - 1);
        var to = Vertex(NextVertex);
        var start = DistanceTo(NextVertex - 1);
        var length = DistanceTo(NextVertex) - start;
        if (length == 0m) return to;
        return from + ((to - from) * (distance - start) / length);
    }
}
