using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;
using GridTrader.Engine.Live;
using GridTrader.Engine.Trading;
using GridTrader.Exchanges.Firi;
using Prometheus;

namespace GridTrader.Metrics;

/// <summary>
/// The bot's Prometheus registry, served at <c>GET /metrics</c>. Its own registry (not prometheus-net's static default),
/// so two bots in one process (tests) never share a series. Three sources: the engine snapshot, read at each scrape
/// into gauges; <see cref="Observer"/>, which counts engine events as they happen; and the Firi client's .NET meter
/// (<see cref="FiriMetrics"/>), published through prometheus-net's meter adapter.
/// </summary>
internal sealed class BotMetrics : IDisposable
{
    /// <summary>Seconds: 5 ms to about 20 s, for a REST call that is usually tens of milliseconds.</summary>
    private static readonly double[] LatencyBuckets = Histogram.ExponentialBuckets(0.005, 2, 13);

    private readonly IDisposable _meterAdapter;
    private readonly MetricsObserver _observer;
    private readonly HashSet<string> _declared = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _lock = new();
    private Func<EngineSnapshot?> _snapshot = () => null;

    private readonly Gauge _info;
    private readonly Gauge _snapshotTime;
    private readonly Gauge _botState;
    private readonly Gauge _killSwitch;
    private readonly Gauge _paused;
    private readonly Gauge _equity;
    private readonly Gauge _peakEquity;
    private readonly Gauge _drawdown;
    private readonly Gauge _drawdownTripped;
    private readonly Gauge _exposure;
    private readonly Gauge _realized;
    private readonly Gauge _fees;
    private readonly Gauge _price;
    private readonly Gauge _openOrders;
    private readonly Gauge _phase;
    private readonly Gauge _gridProfit;
    private readonly Gauge _marketFees;
    private readonly Gauge _unrealized;
    private readonly Gauge _position;
    private readonly Gauge _roundTrips;
    private readonly Gauge _breaker;
    private readonly Gauge _marketPaused;
    private readonly Gauge _spacing;

    public BotMetrics()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        _observer = new MetricsObserver(factory);
        _meterAdapter = MeterAdapter.StartListening(new MeterAdapterOptions
        {
            Registry = Registry,
            MetricFactory = factory,
            InstrumentFilterPredicate = i => i.Meter.Name == FiriMetrics.MeterName,
            // The routes and outcomes are few; a series that falls silent (an error kind seen once) keeps its value for a day (the longest allowed).
            MetricsExpireAfter = TimeSpan.FromDays(1),
            ResolveHistogramBuckets = _ => LatencyBuckets,
        });

        _info = factory.CreateGauge("gridtrader_info", "Always 1; the labels say which mode and exchange this bot runs.", ["mode", "exchange"]);
        _snapshotTime = factory.CreateGauge("gridtrader_snapshot_time_seconds", "Engine time of the latest snapshot (Unix seconds; replay time in simulated mode).");
        _botState = factory.CreateGauge("gridtrader_bot_state", "1 for the bot's current state, 0 for the others.", ["state"]);
        _killSwitch = factory.CreateGauge("gridtrader_kill_switch_engaged", "1 while the kill-switch is engaged (it survives restarts until someone resumes).");
        _paused = factory.CreateGauge("gridtrader_paused", "1 while every market is paused.");
        _equity = factory.CreateGauge("gridtrader_equity", "Equity in quote currency (NOK): balances plus positions at the last price.");
        _peakEquity = factory.CreateGauge("gridtrader_peak_equity", "Highest equity seen (persisted), the drawdown's reference.");
        _drawdown = factory.CreateGauge("gridtrader_drawdown_pct", "Drawdown from peak equity, in percent.");
        _drawdownTripped = factory.CreateGauge("gridtrader_drawdown_stop_tripped", "1 when the drawdown stop has tripped.");
        _exposure = factory.CreateGauge("gridtrader_total_exposure", "Positions plus open buys, in quote currency.");
        _realized = factory.CreateGauge("gridtrader_realized_pnl", "Realized P&L over all markets (FIFO, net of fees), quote currency.");
        _fees = factory.CreateGauge("gridtrader_fees", "Fees paid over all markets, valued in quote currency.");
        _price = factory.CreateGauge("gridtrader_market_price", "Last price per market.", ["market"]);
        _openOrders = factory.CreateGauge("gridtrader_open_orders", "Live orders per market and side.", ["market", "side"]);
        _phase = factory.CreateGauge("gridtrader_grid_phase", "1 for the market's current grid phase, 0 for the others.", ["market", "phase"]);
        _gridProfit = factory.CreateGauge("gridtrader_grid_profit", "Realized profit of the market's completed grid round trips (FIFO, net of fees), quote currency.", ["market"]);
        _marketFees = factory.CreateGauge("gridtrader_market_fees", "Fees paid per market, valued in quote currency.", ["market"]);
        _unrealized = factory.CreateGauge("gridtrader_unrealized_pnl", "Unrealized P&L of the held position per market, quote currency.", ["market"]);
        _position = factory.CreateGauge("gridtrader_position", "Base currency held per market.", ["market"]);
        _roundTrips = factory.CreateGauge("gridtrader_round_trips", "Round trips (sell orders with fills) per market since the database was created.", ["market"]);
        _breaker = factory.CreateGauge("gridtrader_circuit_breaker_open", "1 while the market's circuit breaker is open (trading paused by a volatility jump).", ["market"]);
        _marketPaused = factory.CreateGauge("gridtrader_market_paused", "1 while the market is paused.", ["market"]);
        _spacing = factory.CreateGauge("gridtrader_grid_spacing_pct", "Current grid spacing per market, in percent.", ["market"]);

        DotNetStats.Register(Registry);
        Registry.AddBeforeCollectCallback(() => Update(_snapshot()));
    }

    public CollectorRegistry Registry { get; }

    /// <summary>Counts engine events; add it to the engine's observers.</summary>
    public IEngineObserver Observer => _observer;

    /// <summary>Where the gauges read the engine from at each scrape.</summary>
    public void ReadSnapshotsFrom(Func<EngineSnapshot?> snapshot) => _snapshot = snapshot ?? throw new ArgumentNullException(nameof(snapshot));

    /// <summary>Sets every gauge from <paramref name="s"/> (nothing before the engine's first snapshot).</summary>
    public void Update(EngineSnapshot? s)
    {
        if (s is null) return;
        lock (_lock)
        {
            _info.WithLabels(s.Mode, s.Exchange).Set(1);
            _snapshotTime.Set(s.Time.ToUnixTimeMilliseconds() / 1000.0);
            foreach (var state in Enum.GetValues<BotState>()) _botState.WithLabels(state.ToString()).Set(state == s.State ? 1 : 0);
            _killSwitch.Set(Flag(s.KillSwitchEngaged));
            _paused.Set(Flag(s.GloballyPaused));
            _equity.Set(Number(s.Equity));
            _peakEquity.Set(Number(s.PeakEquity));
            _drawdown.Set(Number(s.DrawdownPct));
            _drawdownTripped.Set(Flag(s.DrawdownTripped));
            _exposure.Set(Number(s.TotalExposure));
            _realized.Set(Number(s.RealizedPnl));
            _fees.Set(Number(s.Fees));
            foreach (var m in s.Markets)
            {
                if (_declared.Add(m.Symbol)) _observer.Declare(m.Symbol);
                _price.WithLabels(m.Symbol).Set(Number(m.LastPrice));
                foreach (var side in new[] { "buy", "sell" })
                {
                    var count = s.OpenOrders.Count(o => o.Side == side && o.Market.Equals(m.Symbol, StringComparison.OrdinalIgnoreCase));
                    _openOrders.WithLabels(m.Symbol, side).Set(count);
                }

                foreach (var phase in Enum.GetValues<GridPhase>()) _phase.WithLabels(m.Symbol, phase.ToString()).Set(phase == m.Phase ? 1 : 0);
                _gridProfit.WithLabels(m.Symbol).Set(Number(m.RealizedPnl));
                _marketFees.WithLabels(m.Symbol).Set(Number(m.Fees));
                _unrealized.WithLabels(m.Symbol).Set(Number(m.UnrealizedPnl));
                _position.WithLabels(m.Symbol).Set(Number(m.Position));
                _roundTrips.WithLabels(m.Symbol).Set(m.RoundTrips);
                _breaker.WithLabels(m.Symbol).Set(Flag(m.CircuitBreakerOpen));
                _marketPaused.WithLabels(m.Symbol).Set(Flag(m.Paused));
                _spacing.WithLabels(m.Symbol).Set(Number(m.SpacingPct));
            }
        }
    }

    /// <summary>Prometheus samples are doubles: money is converted here, once, for display only.</summary>
    private static double Number(decimal value) => (double)value;

    private static double Flag(bool value) => value ? 1 : 0;

    public void Dispose() => _meterAdapter.Dispose();
}
