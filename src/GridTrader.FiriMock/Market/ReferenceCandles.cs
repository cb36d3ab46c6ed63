using GridTrader.Core.MarketData;

namespace GridTrader.FiriMock.Market;

/// <summary>
/// The candles the mock's klines endpoint (<c>GET /api/v3/klines</c>, Binance-compatible) serves, per reference symbol
/// (a market's base + USDT: BTCNOK → BTCUSDT): the history before the mock started (the first
/// <see cref="FiriMockOptions.HistoryCandles"/> candles of each market's source, dated so the last one ends at the start
/// time) and then every candle the feed or the admin API walks. Prices are the market's divided by
/// <see cref="FiriMockOptions.PriceMultiplier"/>, so a client must scale them back by the current Firi price. Not
/// thread-safe: the <see cref="MockExchange"/> lock guards it.
/// </summary>
internal sealed class ReferenceCandles(decimal priceDivisor)
{
    // One list per symbol, in time order: (open time, length, candle in reference units).
    private readonly Dictionary<string, List<(long OpenMs, long LengthMs, Candle Candle)>> _bySymbol = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The reference symbol of a mock market.</summary>
    public static string SymbolOf(Core.Markets.MarketInfo market) => market.BaseCurrency + "USDT";

    public bool Knows(string symbol) => _bySymbol.ContainsKey(symbol);

    public void Add(string symbol, long openMs, TimeSpan length, in Candle marketCandle)
    {
        if (!_bySymbol.TryGetValue(symbol, out var list)) _bySymbol[symbol] = list = [];
        var c = marketCandle;
        list.Add((openMs, (long)length.TotalMilliseconds,
            new Candle(openMs, c.Open / priceDivisor, c.High / priceDivisor, c.Low / priceDivisor, c.Close / priceDivisor, c.Volume)));
        // A mock left running for days keeps a bounded tape.
        if (list.Count > 500_000) list.RemoveRange(0, list.Count - 400_000);
    }

    public void Clear() => _bySymbol.Clear();

    /// <summary>
    /// Klines of <paramref name="interval"/> whose open time lies in [<paramref name="startMs"/>, <paramref name="endMs"/>],
    /// oldest first, at most <paramref name="limit"/> (from the start, as Binance answers). A kline aggregates every
    /// recorded candle that opened within it.
    /// </summary>
    public List<Candle> Klines(string symbol, TimeSpan interval, long startMs, long endMs, int limit)
    {
        var result = new List<Candle>();
        if (!_bySymbol.TryGetValue(symbol, out var list)) return result;
        var step = (long)interval.TotalMilliseconds;
        long bucket = long.MinValue;
        decimal o = 0, h = 0, l = 0, c = 0, v = 0;
        foreach (var (openMs, _, candle) in list)
        {
            var b = openMs - (((openMs % step) + step) % step);
            if (b < startMs || b > endMs) continue;
            if (b != bucket)
            {
                if (bucket != long.MinValue)
                {
                    result.Add(new Candle(bucket, o, h, l, c, v));
                    if (result.Count >= limit) return result;
                }

                bucket = b;
                (o, h, l, c, v) = (candle.Open, candle.High, candle.Low, candle.Close, candle.Volume);
                continue;
            }

            h = Math.Max(h, candle.High);
            l = Math.Min(l, candle.Low);
            c = candle.Close;
            v += candle.Volume;
        }

        if (bucket != long.MinValue && result.Count < limit) result.Add(new Candle(bucket, o, h, l, c, v));
        return result;
    }
}
