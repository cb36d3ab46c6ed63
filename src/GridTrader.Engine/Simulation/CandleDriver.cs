using GridTrader.Core.MarketData;
using GridTrader.Exchanges.Simulation;

namespace GridTrader.Engine.Simulation;

/// <summary>
/// The one simulated driver, for backtests and the demo run: each candle is put on the market's scale, the clock moves
/// to its open, the matching engine walks its path (filling the resting orders it crosses, bullish O→L→H→C, bearish
/// O→H→L→C), and the clock moves to its close. What follows from the closed candle is the caller's: a backtest hands
/// it straight to the trading core, the demo queues it for the live loop.
/// </summary>
public sealed class CandleDriver
{
    private readonly MatchingEngine _engine;
    private readonly VirtualClock _clock;
    private readonly string _market;
    private readonly TimeSpan _interval;
    private readonly long _intervalMs;
    private readonly CandleScale _scale;
    private readonly bool _identity;
    private readonly bool _pricesOnly;

    public CandleDriver(MatchingEngine engine, VirtualClock clock, string market, TimeSpan interval, CandleScale scale)
    {
        _engine = engine ?? throw new ArgumentNullException(nameof(engine));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        ArgumentException.ThrowIfNullOrWhiteSpace(market);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _market = market;
        _interval = interval;
        _intervalMs = (long)interval.TotalMilliseconds;
        _scale = scale;
        // Asked once, not per candle: the scale's checks compare decimals (a sweep steps pre-scaled candles).
        _identity = scale.IsIdentity;
        _pricesOnly = scale.MultipliesPricesOnly;
    }

    public VirtualClock Clock => _clock;

    public TimeSpan Interval => _interval;

    public CandleScale Scale => _scale;

    /// <summary>Candles stepped so far.</summary>
    public long Count { get; private set; }

    /// <summary>Steps one candle of source data through the exchange and returns it as it closed (scaled).</summary>
    public Candle Step(in Candle source)
    {
        var candle = _identity ? source : _pricesOnly ? _scale.MultiplyPrices(source) : _scale.Apply(source);
        StepScaled(candle);
        return candle;
    }

    /// <summary>Steps a candle already on the market's scale.</summary>
    public void StepScaled(in Candle candle)
    {
        Count++;
        _clock.SetUnixTimeMilliseconds(candle.OpenTimeMs);
        _engine.ProcessCandle(_market, candle, _interval);
        _clock.SetUnixTimeMilliseconds(candle.OpenTimeMs + _intervalMs);
    }
}
