using GridTrader.Core.Accounting;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Exchanges.Simulation;
using static GridTrader.Exchanges.Tests.Simulation.Sim;

namespace GridTrader.Exchanges.Tests.Simulation;

/// <summary>
/// Random sequences of orders, cancels, candles, stepwise candles and price moves, checked after every step, under every
/// fill model. The replay seed is fixed so the run is the same every time.
/// </summary>
public class MatchingEnginePropertyTests
{
    private const decimal Tick = 25m;

    /// <summary>One action; what A–D mean depends on <see cref="Kind"/>.</summary>
    public sealed record EngineAction(int Kind, int A, int B, int C, int D);

    /// <summary>Engine settings and the steps to run on them.</summary>
    public sealed record Scenario(int Variant, EngineAction[] Steps);

    public static class Scenarios
    {
        public static Arbitrary<Scenario> Arbitrary()
        {
            var step =
                from kind in Gen.Choose(0, 11)
                from a in Gen.Choose(-40, 40)
                from b in Gen.Choose(1, 40)
                from c in Gen.Choose(0, 40)
                from d in Gen.Choose(0, 40)
                select new EngineAction(kind, a, b, c, d);
            var scenario =
                from variant in Gen.Choose(0, 5)
                from steps in Gen.ArrayOf(step)
                select new Scenario(variant, steps);
            return scenario.ToArbitrary();
        }
    }

    private static MatchingEngineOptions Options(int variant) => variant switch
    {
        0 => new MatchingEngineOptions(),
        1 => new MatchingEngineOptions { FeeCurrency = FeeCurrencyPolicy.Received },
        2 => new MatchingEngineOptions { VolumeParticipation = 0.3m, MakerFeeRate = 0.001m, TakerFeeRate = 0.0035m },
        3 => new MatchingEngineOptions { VolumeParticipation = 0.05m, FeeCurrency = FeeCurrencyPolicy.Received },
        4 => new MatchingEngineOptions { FillModel = FillModel.TradeThrough, FeeCurrency = FeeCurrencyPolicy.Received },
        _ => new MatchingEngineOptions { FillModel = FillModel.VolumeShare, VolumeParticipation = 0.3m, MakerFeeRate = 0.001m, TakerFeeRate = 0.0035m },
    };

    /// <summary>
    /// What one step let resting orders fill: the lowest and highest price it could reach, and the volume that capped it
    /// (null: no cap). Placing and cancelling reach no price, so they may fill no resting order.
    /// </summary>
    private sealed record StepReach(decimal Low, decimal High, decimal? CappedVolume)
    {
        public static readonly StepReach Nothing = new(decimal.MaxValue, decimal.MinValue, null);
    }

    [Property(Arbitrary = [typeof(Scenarios)], MaxTest = 300, EndSize = 100, Replay = "(20260105,1234567)")]
    public void Engine_RandomScenario_ConservesValueAndKeepsEveryOrderAndBalanceConsistent(Scenario scenario)
    {
        var options = Options(scenario.Variant);
        var engine = Engine(options, nok: 50_000m, btc: 0.5m);
        var checker = new Checker(engine);
        var candleCapped = options.VolumeParticipation is > 0m;
        var moveCapped = options.FillModel == FillModel.VolumeShare;
        var time = T0;
        var candles = 0;
        foreach (var s in scenario.Steps)
        {
            time = time.AddSeconds(10);
            Assert.True(engine.TryGetLastPrice(Market, out var last));
            var reach = StepReach.Nothing;
            switch (s.Kind)
            {
                case <= 2:
                    Place(engine, checker, Side.Buy, last + (s.A * Tick), s.B, time);
                    break;
                case <= 5:
                    Place(engine, checker, Side.Sell, last + (s.A * Tick), s.B, time);
                    break;
                case 6:
                    var open = engine.GetOpenOrders().Value;
                    if (open.Count > 0) Assert.True(engine.CancelOrder(open[s.C % open.Count].Id).IsSuccess);
                    break;
                case <= 8:
                    var walked = CandleFrom(s, last, candles++);
                    engine.ProcessCandle(Market, walked);
                    reach = new StepReach(walked.Low, walked.High, candleCapped ? walked.Volume : null);
                    break;
                case 9:
                    var candle = CandleFrom(s, last, candles++);
                    engine.BeginCandle(Market, candle, candle.OpenTime);
                    engine.AdvanceCandle(Market, s.D / 40d, candle.OpenTime.AddSeconds(20));
                    Assert.True(engine.TryGetLastPrice(Market, out var mid));
                    Place(engine, checker, s.A >= 0 ? Side.Sell : Side.Buy, mid + (s.A * Tick), s.B, time);
                    if (engine.IsCandleActive(Market)) engine.AdvanceCandle(Market, 1d, candle.OpenTime.AddMinutes(1));
                    reach = new StepReach(candle.Low, candle.High, candleCapped ? candle.Volume : null);
                    break;
                default:
                    var to = Math.Max(Tick, last + (s.A * Tick));
                    var volume = s.D * 0.01m;
                    engine.MoveTo(Market, to, time, volume);
                    reach = new StepReach(to, to, moveCapped ? volume : null);
                    break;
            }

            checker.Check(reach, options);
        }

        Assert.True(engine.CancelAllOrders().IsSuccess);
        checker.Check(StepReach.Nothing, options);
        Assert.All(engine.GetBalances(), b => Assert.Equal(0m, b.Hold));
    }

    private static void Place(MatchingEngine engine, Checker checker, Side side, decimal price, int units, DateTimeOffset time)
    {
        // Failures (no funds, bad price) are expected outcomes here; accepted orders are tracked.
        var result = engine.PlaceOrder(Market, side, price, units * 0.001m, time);
        if (result.IsSuccess) checker.Placed(result.Value, units * 0.001m);
    }

    private static Core.MarketData.Candle CandleFrom(EngineAction s, decimal last, int index)
    {
        var open = last + ((s.A / 4) * Tick);
        var close = Math.Max(Tick, open + ((s.B - 20) * Tick));
        open = Math.Max(Tick, open);
        var high = Math.Max(open, close) + (s.C * Tick);
        var low = Math.Max(Tick, Math.Min(open, close) - (s.D * Tick));
        return new Core.MarketData.Candle(OpenTime(1_000 + index).ToUnixTimeMilliseconds(), open, high, low, close, s.B * 0.01m);
    }

    /// <summary>Replays the fills against the balances and orders and checks the invariants.</summary>
    private sealed class Checker(MatchingEngine engine)
    {
        private readonly decimal _nok0 = engine.GetBalance("NOK").Total;
        private readonly decimal _btc0 = engine.GetBalance("BTC").Total;
        private readonly Dictionary<long, (decimal Amount, decimal Filled)> _orders = [];
        private readonly List<SimFill> _fills = [];
        private decimal _nokFlow;
        private decimal _btcFlow;

        public void Placed(long id, decimal amount) => _orders.TryAdd(id, (amount, 0m));

        public void Check(StepReach reach, MatchingEngineOptions options)
        {
            _fills.Clear();
            engine.DrainFills(_fills);
            // One tick of BTCNOK (2 decimals) beyond the limit, unless the model fills on touch.
            var through = options.FillModel == FillModel.Touch ? 0m : BtcNok.PriceTick;
            var makerAmount = 0m;
            foreach (var f in _fills)
            {
                Assert.True(f.Amount > 0m);
                if (f.IsMaker)
                {
                    // A resting order fills only at a price the step reached by the model's distance past its limit.
                    Assert.True(f.Side == Side.Buy ? reach.Low <= f.Price - through : reach.High >= f.Price + through,
                        $"{options.FillModel}: {f.Side} at {f.Price} filled, but the step only reached [{reach.Low}, {reach.High}].");
                    makerAmount += f.Amount;
                }

                var (amount, filled) = _orders[f.OrderId];
                filled += f.Amount;
                Assert.True(filled <= amount, $"Order {f.OrderId} filled {filled} of {amount}.");
                Assert.Equal((filled, amount - filled), (f.Matched, f.Remaining));
                _orders[f.OrderId] = (amount, filled);

                var cost = f.Price * f.Amount;
                var nokFee = f.FeeCurrency == "NOK" ? f.Fee : 0m;
                var btcFee = f.FeeCurrency == "BTC" ? f.Fee : 0m;
                _nokFlow += (f.Side == Side.Buy ? -cost : cost) - nokFee;
                _btcFlow += (f.Side == Side.Buy ? f.Amount : -f.Amount) - btcFee;
            }

            if (reach.CappedVolume is { } volume)
                Assert.True(makerAmount <= volume * options.VolumeParticipation!.Value, $"{makerAmount} filled of a {volume} step.");

            // Σ quote deltas = −Σ buy costs + Σ sell proceeds − Σ quote fees; likewise in base.
            Assert.Equal(_nok0 + _nokFlow, engine.GetBalance("NOK").Total);
            Assert.Equal(_btc0 + _btcFlow, engine.GetBalance("BTC").Total);

            foreach (var b in engine.GetBalances())
            {
                Assert.True(b.Total >= 0m && b.Hold >= 0m && b.Available >= 0m, $"Balance out of range: {b}");
                Assert.Equal(b.Total - b.Hold, b.Available);
            }

            foreach (var (id, (amount, filled)) in _orders)
            {
                var order = engine.GetOrder(id).Value;
                AssertConsistent(order, amount, filled);
            }
        }

        private static void AssertConsistent(ExchangeOrder order, decimal amount, decimal filled)
        {
            Assert.True(order.IsConsistent, $"Inconsistent order {order}.");
            Assert.Equal(amount, order.Amount);
            Assert.Equal(filled, order.Matched);
        }
    }
}
