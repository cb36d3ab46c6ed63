using GridTrader.Core.MarketData;
using GridTrader.Core.Markets;
using GridTrader.Exchanges.Abstractions;

namespace GridTrader.Exchanges.Simulation;

/// <summary>
/// What a market has traded: the candles (and single price points) it walked, and individual prints
/// (own fills, stepwise path corners, explicit moves). Recording a candle is one struct copy; the 24 h
/// statistics and a candle's four path prints are derived only when someone asks.
/// </summary>
internal sealed class MarketTape(int candleCapacity, int printCapacity)
{
    private static readonly long DayMs = (long)TimeSpan.FromDays(1).TotalMilliseconds;
    private readonly RingBuffer<TapeCandle> _candles = new(candleCapacity);
    private readonly RingBuffer<TradePrint> _prints = new(printCapacity);

    /// <summary>Records a candle; with <paramref name="printsPath"/> its four path corners count as public trades.</summary>
    public void AddCandle(in Candle candle, long intervalTicks, bool printsPath) =>
        _candles.Add(new TapeCandle(candle, intervalTicks, printsPath));

    /// <summary>A price reached outside any candle: counts for the statistics only.</summary>
    public void AddPoint(decimal price, decimal volume, DateTimeOffset time) =>
        AddCandle(new Candle(time.ToUnixTimeMilliseconds(), price, price, price, price, volume), 0, printsPath: false);

    public void AddPrint(in TradePrint print) => _prints.Add(print);

    /// <summary>High, low, volume and first price of what was recorded in the 24 h up to <paramref name="now"/>.</summary>
    public (decimal High, decimal Low, decimal Volume, decimal Open) Window(DateTimeOffset now)
    {
        var since = now.ToUnixTimeMilliseconds() - DayMs;
        decimal high = 0m, low = 0m, volume = 0m, open = 0m;
        for (var age = 0; age < _candles.Count; age++)
        {
            var c = _candles.Newest(age).Candle;
            if (c.OpenTimeMs <= since) break;
            if (age == 0 || c.High > high) high = c.High;
            if (age == 0 || c.Low < low) low = c.Low;
            volume += c.Volume;
            open = c.Open;
        }

        return (high, low, volume, open);
    }

    /// <summary>Public trades, newest first: path prints and individual prints merged by time, at most the print capacity.</summary>
    public PublicTrade[] Newest(string market, int count)
    {
        count = Math.Min(count, printCapacity);
        var result = new List<PublicTrade>(Math.Max(count, 0));
        using var path = PathPrintsNewestFirst().GetEnumerator();
        var hasPath = path.MoveNext();
        var age = 0;
        while (result.Count < count && (hasPath || age < _prints.Count))
        {
            // At equal times the corner the price reached is newer than the fills on the way to it.
            TradePrint print;
            if (hasPath && (age >= _prints.Count || path.Current.Time >= _prints.Newest(age).Time))
            {
                print = path.Current;
                hasPath = path.MoveNext();
            }
            else
            {
                print = _prints.Newest(age++);
            }

            result.Add(new PublicTrade(market, print.TakerSide, print.Price, print.Amount, print.Time));
        }

        return [.. result];
    }

    private IEnumerable<TradePrint> PathPrintsNewestFirst()
    {
        for (var age = 0; age < _candles.Count; age++)
        {
            var entry = _candles.Newest(age);
            var c = entry.Candle;
            if (!entry.PrintsPath || c.Volume == 0m) continue;
            var before = age + 1 < _candles.Count ? _candles.Newest(age + 1).Candle.Close : c.Open;
            var (first, second) = CandlePath.Extremes(c);
            var amount = c.Volume * 0.25m;
            yield return Print(second, c.Close, amount, CandlePath.CornerTime(c.OpenTime, entry.IntervalTicks, 3));
            yield return Print(first, second, amount, CandlePath.CornerTime(c.OpenTime, entry.IntervalTicks, 2));
            yield return Print(c.Open, first, amount, CandlePath.CornerTime(c.OpenTime, entry.IntervalTicks, 1));
            yield return Print(before, c.Open, amount, CandlePath.CornerTime(c.OpenTime, entry.IntervalTicks, 0));
        }
    }

    /// <summary>A print at <paramref name="to"/>; the taker bought if the price came up to it.</summary>
    public static TradePrint Print(decimal from, decimal to, decimal amount, DateTimeOffset time) =>
        new(to >= from ? Side.Buy : Side.Sell, to, amount, time);

    private readonly record struct TapeCandle(Candle Candle, long IntervalTicks, bool PrintsPath);
}
