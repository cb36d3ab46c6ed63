using GridTrader.Core.MarketData;
using GridTrader.Exchanges.Simulation;

namespace GridTrader.FiriMock.Market;

/// <summary>
/// Walks each market's candles through the matching engine in real time, one candle per
/// <c>candleDuration</c>, with <see cref="MatchingEngine.BeginCandle"/>/<see cref="MatchingEngine.AdvanceCandle"/>,
/// so resting orders fill while the price passes them. The owner calls <see cref="Tick"/> often (every few
/// tens of milliseconds) under the engine's lock; the feed is not thread-safe itself.
/// </summary>
internal sealed class PriceFeed : IDisposable
{
    // A feed that fell far behind (a suspended process) skips ahead instead of replaying every missed candle.
    private const int MaxCandlesPerTick = 8;

    private readonly TimeSpan _candleDuration;
    private readonly List<Lane> _lanes = [];

    private readonly Action<string, DateTimeOffset, Candle>? _walked;

    // walked: told of every candle the feed starts walking (market, start, candle), for the klines tape.
    public PriceFeed(IEnumerable<(string Market, ICandleSource Source)> sources, TimeSpan candleDuration,
        Action<string, DateTimeOffset, Candle>? walked = null)
    {
        _candleDuration = candleDuration;
        _walked = walked;
        foreach (var (market, source) in sources) _lanes.Add(new Lane(market, source));
    }

    /// <summary>Sets each market's first price (the open of its first candle) and schedules that candle now.</summary>
    public void Start(MatchingEngine engine, DateTimeOffset now)
    {
        foreach (var lane in _lanes)
        {
            lane.Pending = lane.Source.Next();
            engine.MoveTo(lane.Market, lane.Pending.Value.Open, now);
            lane.Due = now;
        }
    }

    /// <summary>
    /// Stops moving <paramref name="market"/>'s price because a scripted move takes over. A candle half-walked is
    /// finished first (its remaining path at once), so the engine is free for scripted candles.
    /// </summary>
    public void Pause(MatchingEngine engine, string market, DateTimeOffset now)
    {
        foreach (var lane in _lanes)
        {
            if (!string.Equals(lane.Market, market, StringComparison.OrdinalIgnoreCase) || lane.Paused) continue;
            if (lane.Walking) engine.AdvanceCandle(lane.Market, 1d, now);
            lane.Walking = false;
            lane.Paused = true;
        }
    }

    public bool IsPaused(string market) =>
        _lanes.Any(l => l.Paused && string.Equals(l.Market, market, StringComparison.OrdinalIgnoreCase));

    /// <summary>Moves every market along its path to where it should be at <paramref name="now"/>.</summary>
    public void Tick(MatchingEngine engine, DateTimeOffset now)
    {
        foreach (var lane in _lanes)
        {
            if (lane.Paused) continue;
            for (var step = 0; step < MaxCandlesPerTick && now >= lane.Due; step++)
            {
                if (!lane.Walking)
                {
                    var candle = (lane.Pending ?? lane.Source.Next()) with { OpenTimeMs = lane.Due.ToUnixTimeMilliseconds() };
                    lane.Pending = null;
                    engine.BeginCandle(lane.Market, candle, now);
                    _walked?.Invoke(lane.Market, lane.Due, candle);
                    lane.Walking = true;
                }

                var fraction = (now - lane.Due) / _candleDuration;
                engine.AdvanceCandle(lane.Market, Math.Min(fraction, 1d), now);
                if (fraction < 1d) break;
                lane.Walking = false;
                lane.Due += _candleDuration;
            }

            if (now - lane.Due > _candleDuration * MaxCandlesPerTick && !lane.Walking) lane.Due = now;
        }
    }

    public void Dispose()
    {
        foreach (var lane in _lanes) lane.Source.Dispose();
    }

    private sealed class Lane(string market, ICandleSource source)
    {
        public string Market { get; } = market;
        public ICandleSource Source { get; } = source;
        public Candle? Pending { get; set; }

        /// <summary>When the current (or next) candle starts.</summary>
        public DateTimeOffset Due { get; set; }

        public bool Walking { get; set; }
        public bool Paused { get; set; }
    }
}
