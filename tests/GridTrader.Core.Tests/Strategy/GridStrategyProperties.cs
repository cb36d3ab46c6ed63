using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GridTrader.Core.Accounting;
using GridTrader.Core.Grid;
using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Core.Strategy;
using GridTrader.Core.Tests.TestSupport;

namespace GridTrader.Core.Tests.Strategy;

public class GridStrategyProperties
{
    /// <summary>Something outside the price path that happens before a candle.</summary>
    public enum Interruption
    {
        None,
        Restart,
        OperatorRecenter,
        Invalidate,
    }

    /// <summary>One candle of a random walk: the close moves by <see cref="MoveBp"/> basis points, the wicks reach
    /// <see cref="RangeBp"/> further; resting orders the candle crosses fill by <see cref="FillPct"/> percent of their
    /// remainder; with <see cref="Reject"/> every placement of the step is refused.</summary>
    public sealed record MarketMove(int MoveBp, int RangeBp, int FillPct, bool Reject, Interruption Interruption);

    public sealed record Scenario(
        int Levels, RecenterPolicy Recenter, bool TrendFilter, decimal InitialBase, GridSettings Variant, FeeCurrencyPolicy FeePolicy,
        IReadOnlyList<MarketMove> Steps)
    {
        public override string ToString() =>
            $"{Levels} levels, {Recenter}, trend {TrendFilter}, base {InitialBase}, {Variant.Geometry} {Variant.SpacingMode} " +
            $"{Variant.ExitPolicy}, fee in {FeePolicy}: " +
            string.Join(" ", Steps.Select(s =>
                $"({s.MoveBp},{s.RangeBp},{s.FillPct}%{(s.Reject ? ",reject" : "")}{(s.Interruption == Interruption.None ? "" : "," + s.Interruption)})"));
    }

    public static class Arbitraries
    {
        public static Arbitrary<Scenario> Scenarios()
        {
            var step =
                from move in Gen.Choose(-300, 300)
                from range in Gen.Choose(0, 200)
                from fill in Gen.Choose(1, 100)
                from reject in Gens.Chance(10)
                from interruption in Gen.Frequency(
                    (94, Gen.Constant(Interruption.None)),
                    (2, Gen.Constant(Interruption.Restart)),
                    (2, Gen.Constant(Interruption.OperatorRecenter)),
                    (2, Gen.Constant(Interruption.Invalidate)))
                select new MarketMove(move, range, fill, reject, interruption);
            var scenario =
                from levels in Gen.Choose(2, 12)
                from recenter in Gen.Elements(RecenterPolicy.Wait, RecenterPolicy.Trail, RecenterPolicy.Rebuild)
                from trend in Gen.Elements(true, false)
                from initialBase in Gen.Elements(0m, 0.7m, 5m)
                from geometry in Gen.Elements(LevelGeometry.Arithmetic, LevelGeometry.Geometric)
                from spacing in Gen.Elements(SpacingMode.FixedPercent, SpacingMode.Atr)
                from exit in Gen.Elements(ExitPolicy.NextLevel, ExitPolicy.TakeProfit)
                from feePolicy in Gen.Elements(FeeCurrencyPolicy.Quote, FeeCurrencyPolicy.Received)
                from count in Gen.Choose(20, 120)
                from steps in Gen.ArrayOf(step, count)
                select new Scenario(levels, recenter, trend, initialBase,
                    new GridSettings { Geometry = geometry, SpacingMode = spacing, ExitPolicy = exit }, feePolicy, steps);
            return Arb.From(scenario);
        }
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 150)]
    public void RandomPricePath_AfterEveryStep_AtMostOneLiveOrderPerLevel(Scenario scenario)
    {
        var settings = scenario.Variant.WithShortIndicators() with
        {
            Levels = scenario.Levels,
            SpacingPct = 1.5m,
            AtrMultiplier = 1m, // k × ATR(3) of the random candles, clamped to [1.2%, 5%]
            TrendFilterEnabled = scenario.TrendFilter,
            Recenter = scenario.Recenter,
        };
        var market = TestMarkets.BtcNok(amountDecimals: 4, minAmount: 0.001m);
        // The harness refuses (throws) any placement on a level that already carries a live order — that covers
        // placements still pending within the same batch — and its OrderTracker throws on a second live order too.
        var harness = new StrategyHarness(settings, capital: 10_000m, initialBase: scenario.InitialBase, market: market,
            fees: new FeeModel(0.005m, scenario.FeePolicy));
        var price = 1000m;

        foreach (var step in scenario.Steps)
        {
            var open = price;
            price = Math.Max(1m, decimal.Round(price * (1 + step.MoveBp / 10_000m), 2));
            var high = decimal.Round(Math.Max(open, price) * (1 + step.RangeBp / 10_000m), 2);
            var low = decimal.Round(Math.Min(open, price) * (1 - step.RangeBp / 10_000m), 2);

            // The exchange matches what the candle crossed (cancels not yet confirmed included), then confirms cancels.
            foreach (var order in harness.Live.Where(o => o.Side == Side.Buy ? low <= o.Price : high >= o.Price))
            {
                var amount = market.RoundAmount(order.Remaining * step.FillPct / 100m);
                if (amount > 0) harness.Fill(order, amount);
            }

            harness.ConfirmCancels();
            harness.RejectWhen = _ => step.Reject;
            switch (step.Interruption)
            {
                case Interruption.Restart:
                    harness.Restart();
                    break;
                case Interruption.OperatorRecenter:
                    harness.Execute(harness.Strategy.Recenter("operator"));
                    break;
                case Interruption.Invalidate:
                    harness.Strategy.Invalidate();
                    harness.Evaluate();
                    break;
            }

            harness.Candle(open, high, low, price);

            AssertInvariants(harness, scenario.InitialBase);
        }
    }

    private static void AssertInvariants(StrategyHarness harness, decimal initialBase)
    {
        var live = harness.Tracker.Live.ToList();
        Assert.All(live.GroupBy(o => o.Level), level => Assert.Single(level));
        Assert.All(live, o => Assert.True(o.State is OrderState.Open or OrderState.PartiallyFilled, o.ToString()));

        // Coins are never lost: once a grid holds them, the cells hold what came in minus what went out.
        var strategy = harness.Strategy;
        if (strategy.Plan is not { } plan) return;
        Assert.Equal(initialBase + harness.NetBaseFilled, strategy.TotalHeld);
        if (strategy.Phase != GridPhase.Active) return;
        for (var c = 0; c < plan.Cells.Count; c++)
        {
            var held = strategy.Held[c];
            var mine = live.Where(o => o.Cell == c && o.Epoch == strategy.Epoch).ToList();
            // A cell never sells more than it holds, nor buys beyond its target.
            Assert.True(mine.Where(o => o.Side == Side.Sell).Sum(o => o.Remaining) <= held, $"cell {c} oversold");
            var buying = mine.Where(o => o.Side == Side.Buy).Sum(o => o.Remaining);
            Assert.True(buying == 0 || held + buying <= plan.Cells[c].Amount, $"cell {c} overbought");
        }
    }
}
