using System.Collections.Concurrent;
using GridTrader.Core.MarketData;
using GridTrader.Engine.Live;
using GridTrader.Exchanges.Simulation;

namespace GridTrader.Engine.Simulation;

/// <summary>
/// The demo run's candle feed: steps real candles through the <see cref="CandleDriver"/> at a chosen pace in real
/// time, and hands each closed candle to the live loop, which learns about fills the way it does live: by polling its
/// orders.
/// </summary>
public sealed class CandleReplay : ICandleFeed
{
    private readonly SimulatedExchange _exchange;
    private readonly CandleDriver _driver;
    private readonly string _market;
    private readonly IEnumerable<Candle> _candles;
    private readonly double _candlesPerSecond;
    private readonly TimeProvider _realTime;
    private readonly ConcurrentQueue<Candle> _closed = new();
    private volatile bool _finished;

    public CandleReplay(SimulatedExchange exchange, CandleDriver driver, string market, IEnumerable<Candle> candles, double candlesPerSecond,
        TimeProvider? realTime = null)
    {
        _exchange = exchange ?? throw new ArgumentNullException(nameof(exchange));
        _driver = driver ?? throw new ArgumentNullException(nameof(driver));
        _market = market;
        _candles = candles ?? throw new ArgumentNullException(nameof(candles));
        _candlesPerSecond = candlesPerSecond;
        _realTime = realTime ?? TimeProvider.System;
    }

    /// <summary>Candles replayed so far.</summary>
    public long Replayed { get; private set; }

    public bool Completed => _finished && _closed.IsEmpty;

    public string Source => CandleSources.Replay;

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
            var started = _realTime.GetTimestamp();
            long index = 0;
            foreach (var raw in _candles)
            {
                ct.ThrowIfCancellationRequested();
                Candle candle;
                lock (_exchange.SyncRoot) candle = _driver.Step(raw);

                _closed.Enqueue(candle);
                Replayed = ++index;
                if (_candlesPerSecond > 0)
                {
                    var due = TimeSpan.FromSeconds(index / _candlesPerSecond);
                    var elapsed = _realTime.GetElapsedTime(started);
                    if (due > elapsed) await Task.Delay(due - elapsed, _realTime, ct);
                }
                else if (index % 256 == 0)
                {
                    // Full speed still lets the trading loop keep up between batches.
                    await Task.Delay(TimeSpan.FromMilliseconds(1), _realTime, ct);
                }
            }
        }
        finally
        {
            _finished = true;
        }
    }
}
