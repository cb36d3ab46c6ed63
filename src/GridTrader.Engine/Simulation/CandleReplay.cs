using System.Collections.Concurrent;
using GridTrader.Core.MarketData;
using GridTrader.Engine.Live;
using GridTrader.Exchanges.Simulation;

namespace GridTrader.Engine.Simulation;

/// <summary>
/// Drives the simulated exchange with real candles in (scaled) real time: each candle walks its path through the
/// matching engine (filling resting orders), then closes and is handed to the engine as a closed candle. The
/// engine learns about fills the way it does live: by polling its orders.
/// </summary>
public sealed class CandleReplay : ICandleFeed
{
    private readonly SimulatedExchange _exchange;
    private readonly string _market;
    private readonly IEnumerable<Candle> _candles;
    private readonly TimeSpan _interval;
    private readonly double _candlesPerSecond;
    private readonly ReplayClock _clock;
    private readonly decimal _priceMultiplier;
    private readonly ConcurrentQueue<Candle> _closed = new();
    private volatile bool _finished;

    public CandleReplay(SimulatedExchange exchange, string market, IEnumerable<Candle> candles, TimeSpan interval, double candlesPerSecond,
        ReplayClock clock, decimal priceMultiplier = 1m)
    {
        _exchange = exchange ?? throw new ArgumentNullException(nameof(exchange));
        _market = market;
        _candles = candles ?? throw new ArgumentNullException(nameof(candles));
        _interval = interval;
        _candlesPerSecond = candlesPerSecond;
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _priceMultiplier = priceMultiplier;
    }

    /// <summary>Candles replayed so far.</summary>
    public long Replayed { get; private set; }

    public bool Completed => _finished && _closed.IsEmpty;

    public ValueTask<IReadOnlyList<Candle>> PollAsync(string market, TimeSpan interval, CancellationToken ct = default)
    {
        if (!string.Equals(market, _market, StringComparison.OrdinalIgnoreCase) || _closed.IsEmpty)
            return ValueTask.FromResult<IReadOnlyList<Candle>>([]);
        var list = new List<Candle>();
        while (_closed.TryDequeue(out var c)) list.Add(c);
        return ValueTask.FromResult<IReadOnlyList<Candle>>(list);
    }

    /// <summary>Replays until the data ends or <paramref name="ct"/> is cancelled; pacing uses real time.</summary>
    public async Task RunAsync(CancellationToken ct = default)
    {
        try
        {
            var started = TimeProvider.System.GetTimestamp();
            long index = 0;
            foreach (var raw in _candles)
            {
                ct.ThrowIfCancellationRequested();
                var candle = _priceMultiplier == 1m ? raw
                    : new Candle(raw.OpenTimeMs, raw.Open * _priceMultiplier, raw.High * _priceMultiplier, raw.Low * _priceMultiplier,
                        raw.Close * _priceMultiplier, raw.Volume);
                lock (_exchange.SyncRoot)
                {
                    _clock.Set(candle.OpenTime);
                    _exchange.Engine.ProcessCandle(_market, candle, _interval);
                    _clock.Set(candle.OpenTime + _interval);
                }

                _closed.Enqueue(candle);
                Replayed = ++index;
                if (_candlesPerSecond > 0)
                {
                    var due = TimeSpan.FromSeconds(index / _candlesPerSecond);
                    var elapsed = TimeProvider.System.GetElapsedTime(started);
                    if (due > elapsed) await Task.Delay(due - elapsed, ct);
                }
                else if (index % 256 == 0)
                {
                    // Full speed still lets the trading loop keep up between batches.
                    await Task.Delay(1, ct);
                }
            }
        }
        finally
        {
            _finished = true;
        }
    }
}
