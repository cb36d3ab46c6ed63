using BenchmarkDotNet.Attributes;
using GridTrader.Core.MarketData;
using GridTrader.Core.Markets;
using GridTrader.Exchanges.Simulation;

namespace GridTrader.Benchmarks.Simulation;

/// <summary>
/// <see cref="MatchingEngine.ProcessCandle(string, in Candle)"/> with a 20-level grid (10 bids, 10 asks)
/// resting, over synthetic one-minute BTCNOK candles: a mean-reverting random walk around 800 000 NOK
/// with about 0.15% per candle, wicks included. Results are per candle, for each fill model (volume-share at 100% of
/// the candle, so it costs its budget bookkeeping but cuts nothing).
/// </summary>
[MemoryDiagnoser]
public class MatchingEngineBenchmarks
{
    private const int CandleCount = 4096;
    private const int LevelsPerSide = 10;
    private const decimal Center = 800_000m;
    private const decimal Amount = 0.001m;
    private static readonly MarketInfo BtcNok = new("BTCNOK", "BTC", "NOK");

    private readonly List<SimFill> _fills = new(64);
    private Candle[] _candles = [];
    private MatchingEngine _engine = null!;
    private string _market = "";
    private decimal _spacing;
    private DateTimeOffset _now;

    /// <summary>Grid spacing in percent: 1% keeps every candle between levels, 0.3% makes the grid trade.</summary>
    [Params(1.0, 0.3)]
    public double SpacingPct { get; set; }

    [Params(FillModel.Touch, FillModel.TradeThrough, FillModel.VolumeShare)]
    public FillModel Model { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _market = BtcNok.Symbol;
        _spacing = Math.Round(Center * (decimal)SpacingPct / 100m, 2);
        _candles = Candles(SpacingPct >= 1.0 ? 0.0004 : 0.0015);
        _engine = new MatchingEngine(new MatchingEngineOptions
        {
            FillModel = Model,
            VolumeParticipation = Model == FillModel.VolumeShare ? 1m : null,
        });
        _engine.AddMarket(BtcNok);
        _engine.Deposit("NOK", 1_000_000_000m);
        _engine.Deposit("BTC", 1_000m);
        _now = DateTimeOffset.FromUnixTimeMilliseconds(_candles[0].OpenTimeMs);
        _engine.MoveTo(_market, Center, _now);
        for (var i = 1; i <= LevelsPerSide; i++)
        {
            _engine.PlaceOrder(_market, Side.Buy, Center - (i * _spacing), Amount, _now);
            _engine.PlaceOrder(_market, Side.Sell, Center + (i * _spacing), Amount, _now);
        }
    }

    /// <summary>Every candle through the engine; on a fill the grid places its counter-order one level away.</summary>
    [Benchmark(OperationsPerInvoke = CandleCount)]
    public int ProcessCandle()
    {
        var engine = _engine;
        var market = _market;
        var candles = _candles;
        var filled = 0;
        for (var i = 0; i < candles.Length; i++)
        {
            engine.ProcessCandle(market, candles[i]);
            if (engine.PendingFillCount == 0) continue;
            _fills.Clear();
            filled += engine.DrainFills(_fills);
            foreach (var fill in _fills)
            {
                var counter = fill.Side == Side.Buy ? fill.Price + _spacing : fill.Price - _spacing;
                engine.PlaceOrder(market, fill.Side.Opposite(), counter, fill.Amount, _now);
            }
        }

        return filled;
    }

    private static Candle[] Candles(double sigma)
    {
        var random = new Random(20260105);
        var candles = new Candle[CandleCount];
        var start = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var price = (double)Center;
        for (var i = 0; i < candles.Length; i++)
        {
            var open = price;
            // Mean reversion keeps the walk inside the grid's band, so the benchmark stays in steady state.
            var close = open * (1 + (sigma * Gaussian(random))) - (0.02 * (open - (double)Center));
            var high = Math.Max(open, close) * (1 + (sigma * 0.5 * random.NextDouble()));
            var low = Math.Min(open, close) * (1 - (sigma * 0.5 * random.NextDouble()));
            candles[i] = new Candle(start + (i * 60_000L), Round(open), Round(high), Round(low), Round(close),
                Math.Round((decimal)(0.5 + (2 * random.NextDouble())), 8));
            price = (double)Round(close);
        }

        return candles;
    }

    private static decimal Round(double value) => Math.Round((decimal)value, 2);

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
