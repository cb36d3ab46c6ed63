using GridTrader.Core.MarketData;
using GridTrader.Exchanges.Abstractions;

namespace GridTrader.Engine.Live;

/// <summary>
/// Candles from a batch of public trades (a warm start's read of Firi's trade history), the way
/// <see cref="TradeCandleFeed"/> builds them live: one candle per interval, flat at the previous close when an interval
/// had no trade. The oldest interval is left out (the answer's length cut its trades off), and so is every interval
/// after <c>lastClosedOpenMs</c> (still open).
/// </summary>
public static class TradeCandles
{
    public static List<Candle> Build(IReadOnlyList<PublicTrade> trades, TimeSpan interval, long lastClosedOpenMs)
    {
        var intervalMs = (long)interval.TotalMilliseconds;
        var ordered = trades.Where(t => t.Price > 0 && t.Amount > 0).OrderBy(t => t.Time).ToList();
        var candles = new List<Candle>();
        if (ordered.Count == 0) return candles;

        var first = Bucket(ordered[0].Time.ToUnixTimeMilliseconds(), intervalMs);
        var bucket = first;
        decimal open = 0, high = 0, low = 0, close = 0, volume = 0, lastClose = ordered[0].Price;
        var any = false;
        foreach (var t in ordered)
        {
            var b = Bucket(t.Time.ToUnixTimeMilliseconds(), intervalMs);
            while (b > bucket)
            {
                Close();
                bucket += intervalMs;
            }

            if (!any)
            {
                open = high = low = t.Price;
                volume = 0;
                any = true;
            }

            high = Math.Max(high, t.Price);
            low = Math.Min(low, t.Price);
            close = t.Price;
            volume += t.Amount;
        }

        // Intervals after the last trade up to the last closed one had no trade: flat candles.
        while (bucket <= lastClosedOpenMs)
        {
            Close();
            bucket += intervalMs;
        }

        candles.RemoveAll(c => c.OpenTimeMs == first || c.OpenTimeMs > lastClosedOpenMs);
        return candles;

        void Close()
        {
            candles.Add(any ? new Candle(bucket, open, high, low, close, volume) : new Candle(bucket, lastClose, lastClose, lastClose, lastClose, 0m));
            if (any) lastClose = close;
            any = false;
        }
    }

    private static long Bucket(long ms, long intervalMs) => ms - (((ms % intervalMs) + intervalMs) % intervalMs);
}
