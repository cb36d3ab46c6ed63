using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Core.Tests.TestSupport;

namespace GridTrader.Core.Tests.Orders;

public class TrackedOrderProperties
{
    /// <summary>The exchange's cumulative view: matched so far, and whether nothing remains (closed).</summary>
    public sealed record Snapshot(decimal Matched, bool Closed, decimal FillPrice);

    public sealed record Scenario(decimal Amount, IReadOnlyList<Snapshot> Snapshots)
    {
        public override string ToString() =>
            $"amount {Amount}: " + string.Join(" ", Snapshots.Select(s => $"{s.Matched}{(s.Closed ? "!" : "")}@{s.FillPrice}"));
    }

    public static class Arbitraries
    {
        public static Arbitrary<Scenario> Scenarios()
        {
            var scenario =
                from amountUnits in Gen.Choose(1, 10_000)
                from monotone in Gen.Elements(true, false) // the exchange's order, or stale and repeated ones mixed in
                from count in Gen.Choose(1, 12)
                from matched in Gen.ArrayOf(Gen.Choose(0, amountUnits), count)
                from closed in Gen.ArrayOf(Gens.Chance(15), count)
                from prices in Gen.ArrayOf(Gens.Decimal(99_000, 101_000, 2), count)
                select new Scenario(amountUnits / 1000m,
                    (monotone ? matched.Order().ToArray() : matched)
                        .Select((units, i) => new Snapshot(units / 1000m, closed[i], prices[i]))
                        .ToList());
            return Arb.From(scenario);
        }
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 200)]
    public void SnapshotSequence_FillsSumToFilledNeverBeyondTheAmountAndApplyOnce(Scenario scenario)
    {
        var now = TestMarkets.Start;
        var order = new TrackedOrder(1, TestMarkets.Symbol, Side.Buy, 1000m, scenario.Amount, 0, 0, 0, now, null);
        order.MarkSubmitting(now);
        order.MarkAccepted(5_000_000_001, now);
        var emitted = 0m;
        var highestSeenWhileLive = 0m;

        foreach (var s in scenario.Snapshots)
        {
            if (!order.IsFinal) highestSeenWhileLive = Math.Max(highestSeenWhileLive, s.Matched);
            var remaining = s.Closed ? 0m : scenario.Amount - s.Matched;
            foreach (var fill in order.ApplySnapshot(s.Matched, remaining, scenario.Amount - s.Matched - remaining, now, s.FillPrice)
                         .OfType<OrderFilled>())
            {
                Assert.True(fill.Amount > 0);
                emitted += fill.Amount;
                Assert.Equal(emitted, fill.CumulativeFilled);
            }
        }

        Assert.Equal(emitted, order.Filled);
        Assert.True(order.Filled <= order.Amount);
        Assert.Equal(highestSeenWhileLive, order.Filled);
        Assert.Equal(order.State.IsFinal() ? 0m : order.Amount - order.Filled, order.Remaining);

        // Replaying everything the exchange said never produces a fill again.
        foreach (var s in scenario.Snapshots)
        {
            var remaining = s.Closed ? 0m : scenario.Amount - s.Matched;
            Assert.Empty(order.ApplySnapshot(s.Matched, remaining, scenario.Amount - s.Matched - remaining, now).OfType<OrderFilled>());
        }

        Assert.Equal(emitted, order.Filled);
    }
}
