using GridTrader.Core.MarketData;
using GridTrader.Exchanges.Abstractions;

namespace GridTrader.Engine.Live;

/// <summary>
/// Builds candles from the exchange's public trade history (Firi has no candle endpoint). Each poll reads the
/// latest trades, drops those already seen, adds them to the open bucket and closes buckets whose time has passed.
/// An interval without trades becomes a flat candle at the previous close with zero volume, so indicators keep
/// their rhythm.
/// </summary>
public sealed class TradeCandleFeed(IExchange exchange, TimeProvider time, int tradesPerPoll = 200) : ICandleFeed
{
    private readonly Dictionary<string, Builder> _builders = new(StringComparer.OrdinalIgnoreCase);

    public bool Completed => false;

    public async ValueTask<IReadOnlyList<Candle>> PollAsync(string market, TimeSpan interval, CancellationToken ct = default)
    {
        if (!_builders.TryGetValue(market, out var builder))
            _builders[market] = builder = new Builder((long)interval.TotalMilliseconds);
        var closed = new List<Candle>();
        var result = await exchange.GetRecentTradesAsync(market, tradesPerPoll, ct);
        if (result.IsSuccess)
        {
            var trades = result.Value.OrderBy(t => t.Time).ToList();
            foreach (var t in trades) builder.Add(t, closed);
        }

        builder.CloseDue(time.GetUtcNow().ToUnixTimeMilliseconds(), closed);
        return closed;
    }

    private sealed class Builder(long intervalMs)
    {
        private readonly HashSet<(long, decimal, decimal, int)> _seen = [];
        private readonly Queue<(long, decimal, decimal, int)> _seenOrder = new();
        private long _bucket = long.MinValue;
        private decimal _open, _high, _low, _close, _volume;
        private bool _hasTrades;
        private decimal _lastClose;

        public void Add(PublicTrade trade, List<Candle> closed)
        {
            var ms = trade.Time.ToUnixTimeMilliseconds();
            var key = (ms, trade.Price, trade.Amount, (int)trade.TakerSide);
            if (!_seen.Add(key)) return;
            _seenOrder.Enqueue(key);
            while (_seenOrder.Count > 5_000) _seen.Remove(_seenOrder.Dequeue());
            if (trade.Price <= 0 || trade.Amount <= 0) return;

            var bucket = ms - Mod(ms, intervalMs);
            if (_bucket == long.MinValue)
            {
                Start(bucket, trade.Price);
            }
            else if (bucket < _bucket)
            {
                return; // a trade from a bucket already closed: too late for it
            }
            else if (bucket > _bucket)
            {
                CloseUntil(bucket, closed);
            }

            if (!_hasTrades)
            {
                _open = _high = _low = trade.Price;
                _hasTrades = true;
            }

            if (trade.Price > _high) _high = trade.Price;
            if (trade.Price < _low) _low = trade.Price;
            _close = trade.Price;
            _volume += trade.Amount;
        }

        public void CloseDue(long nowMs, List<Candle> closed)
        {
            if (_bucket == long.MinValue) return;
            var current = nowMs - Mod(nowMs, intervalMs);
            if (current > _bucket) CloseUntil(current, closed);
        }

        private void CloseUntil(long bucket, List<Candle> closed)
        {
            while (_bucket < bucket)
            {
                closed.Add(_hasTrades
                    ? new Candle(_bucket, _open, _high, _low, _close, _volume)
                    : new Candle(_bucket, _lastClose, _lastClose, _lastClose, _lastClose, 0m));
                var last = _hasTrades ? _close : _lastClose;
                Start(_bucket + intervalMs, last);
                if (closed.Count > 10_000) _bucket = bucket; // a long outage: skip ahead rather than fill forever
            }
        }

        private void Start(long bucket, decimal lastClose)
        {
            _bucket = bucket;
            _lastClose = lastClose;
            _hasTrades = false;
            _volume = 0m;
        }

        private static long Mod(long a, long m) => ((a % m) + m) % m;
    }
}
