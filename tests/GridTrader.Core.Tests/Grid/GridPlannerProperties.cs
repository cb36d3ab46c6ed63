using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GridTrader.Core.Grid;
using GridTrader.Core.Markets;
using GridTrader.Core.Tests.TestSupport;

namespace GridTrader.Core.Tests.Grid;

public class GridPlannerProperties
{
    public sealed record PlannerInput(
        decimal Capital, decimal Price, int Levels, decimal FeeRate, decimal SpacingPct, LevelGeometry Geometry, int PriceDecimals,
        int AmountDecimals);

    public static class Arbitraries
    {
        public static Arbitrary<PlannerInput> Cases() => Arb.From(
            from capital in Gens.Decimal(100_00, 2_000_000_000, 2) // 100.00 – 20 000 000.00
            from price in Gens.Decimal(1, 1_000_000_000, 4)
            from levels in Gen.Choose(2, 40)
            from fee in Gens.Decimal(0, 100, 4) // 0 – 1% per side
            from spacing in Gens.Decimal(1, 500, 2) // 0.01 – 5%
            from geometry in Gen.Elements(LevelGeometry.Arithmetic, LevelGeometry.Geometric)
            from priceDecimals in Gen.Choose(0, 4)
            from amountDecimals in Gen.Choose(0, 8)
            select new PlannerInput(capital, price, levels, fee, spacing, geometry, priceDecimals, amountDecimals));
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 200)]
    public void Plan_AnyInputs_BuysAreAffordableAndEveryPriceAndAmountIsOnTheGrid(PlannerInput c)
    {
        var market = new MarketInfo(TestMarkets.Symbol, "BTC", "NOK", c.PriceDecimals, c.AmountDecimals, minAmount: 0m);
        var settings = new GridSettings
        {
            Levels = c.Levels,
            Geometry = c.Geometry,
            SpacingMode = SpacingMode.FixedPercent,
            SpacingPct = c.SpacingPct,
            FeeRate = c.FeeRate,
            AllowUnprofitableSpacing = true,
        };

        var result = GridPlanner.Plan(settings, market, c.Price, null, c.Capital);
        if (result.Plan is not { } plan) return; // refused (lines collapse, below minimum…): nothing to pay for

        var perCell = c.Capital / c.Levels;
        var buys = plan.Orders.Where(o => o.Side == Side.Buy).ToList();
        Assert.All(buys, b => Assert.True(b.Price * b.Amount * (1 + c.FeeRate) <= perCell, $"{b} costs more than {perCell}"));
        Assert.True(plan.QuoteNeeded <= c.Capital, $"needs {plan.QuoteNeeded} of {c.Capital}");
        Assert.All(plan.Lines, line => Assert.Equal(line, decimal.Round(line, c.PriceDecimals)));
        Assert.All(plan.Cells, cell => Assert.Equal(cell.SellPrice, decimal.Round(cell.SellPrice, c.PriceDecimals)));
        Assert.All(plan.Orders, o => Assert.Equal(o.Amount, decimal.Round(o.Amount, c.AmountDecimals)));
        Assert.All(plan.Orders, o => Assert.True(o.Amount > 0));
        Assert.True(plan.Lines.Zip(plan.Lines.Skip(1)).All(p => p.First < p.Second), "lines ascend");
    }
}
