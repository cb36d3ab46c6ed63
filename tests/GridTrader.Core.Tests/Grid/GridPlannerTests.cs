using GridTrader.Core.Grid;
using GridTrader.Core.Markets;
using GridTrader.Core.Tests.TestSupport;

namespace GridTrader.Core.Tests.Grid;

/// <summary>
/// Most cases use 4 levels at 2% around 1000 NOK: step 20, lines 960 / 980 / [1000] / 1020 / 1040, two buys below,
/// and 4000 NOK of capital, i.e. 1000 NOK per cell.
/// </summary>
public class GridPlannerTests
{
    private static readonly GridSettings FourLevels = TestGrids.FourLevels;

    private static GridPlan PlanOrFail(GridSettings settings, MarketInfo market, decimal price = 1000m, decimal? atr = null,
        decimal capital = 4000m, decimal baseInventory = 0m)
    {
        var result = GridPlanner.Plan(settings, market, price, atr, capital, baseInventory);
        Assert.True(result.IsSuccess, string.Join(" | ", result.Errors));
        return result.Plan!;
    }

    /// <summary>Plans 4000 NOK at 1000 unless told otherwise, expecting a refusal with one reason, and returns it.</summary>
    private static string Refusal(GridSettings settings, MarketInfo? market = null, decimal price = 1000m, decimal capital = 4000m)
    {
        var result = GridPlanner.Plan(settings, market ?? TestMarkets.BtcNok(), price, null, capital);
        Assert.False(result.IsSuccess);
        Assert.Null(result.Plan);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void Plan_Arithmetic_LinesAreEqualPriceSteps()
    {
        var plan = PlanOrFail(FourLevels, TestMarkets.BtcNok());

        // step = 1000 × 2% = 20; (4 + 1) / 2 = 2 lines below the centre.
        Assert.Equal([960m, 980m, 1000m, 1020m, 1040m], plan.Lines);
        Assert.Equal(2, plan.CenterLevel);
        Assert.Equal(960m, plan.LowerBound);
        Assert.Equal(1040m, plan.UpperBound);
    }

    [Fact]
    public void Plan_Geometric_LinesAreEqualRatiosRoundedAwayFromTheCentre()
    {
        var plan = PlanOrFail(FourLevels with { Geometry = LevelGeometry.Geometric }, TestMarkets.BtcNok());

        // 1000 / 1.02² = 961.1687…  → buy side rounds down: 961.16
        // 1000 / 1.02  = 980.3921…  → 980.39
        // 1000 × 1.02  = 1020, 1000 × 1.02² = 1040.4 (sell side, already on the tick)
        Assert.Equal([961.16m, 980.39m, 1000m, 1020m, 1040.40m], plan.Lines);
    }

    [Fact]
    public void Plan_ReferenceOffTheTick_EveryLineIsOnTheTick()
    {
        // A mid price (bid + ask) / 2 can carry a third decimal. The centre line becomes the sell price of the cell
        // below it, so it must be a valid price too. step = 1000.005 × 2% = 20.0001:
        //   960.0048 → 960.00, 980.0049 → 980.00, centre 1000.005 → 1000.01 (up: it carries no buy at the start),
        //   1020.0051 → 1020.01, 1040.0052 → 1040.01
        var plan = PlanOrFail(FourLevels, TestMarkets.BtcNok(), price: 1000.005m);

        Assert.Equal([960.00m, 980.00m, 1000.01m, 1020.01m, 1040.01m], plan.Lines);
        Assert.All(plan.Cells, c =>
        {
            Assert.Equal(c.BuyPrice, decimal.Round(c.BuyPrice, 2));
            Assert.Equal(c.SellPrice, decimal.Round(c.SellPrice, 2));
        });
    }

    [Theory]
    [InlineData(30, 1.5, 1.5)] // 0.5 × 30 / 1000 = 1.5%: inside [1.2, 5]
    [InlineData(10, 0.5, 1.2)] // 0.5%: clamped up to the minimum
    [InlineData(200, 10, 5)] // 10%: clamped down to the maximum
    public void ResolveSpacingPct_AtrMode_IsMultipleOfAtrOverPriceClamped(decimal atr, decimal expectedRaw, decimal expectedClamped)
    {
        var settings = new GridSettings { SpacingMode = SpacingMode.Atr, AtrMultiplier = 0.5m, MinSpacingPct = 1.2m, MaxSpacingPct = 5m };

        var (raw, clamped, error) = GridPlanner.ResolveSpacingPct(settings, 1000m, atr);

        Assert.Null(error);
        Assert.Equal(expectedRaw, raw);
        Assert.Equal(expectedClamped, clamped);
    }

    [Fact]
    public void Plan_AtrSpacingClamped_UsesTheClampAndWarns()
    {
        var settings = FourLevels with { SpacingMode = SpacingMode.Atr, AtrMultiplier = 0.5m, MinSpacingPct = 1.2m, MaxSpacingPct = 5m };

        // ATR 10 at 1000 → 0.5%, below the 1.2% floor.
        var plan = PlanOrFail(settings, TestMarkets.BtcNok(), atr: 10m);

        Assert.Equal(0.5m, plan.RawSpacingPct);
        Assert.Equal(1.2m, plan.SpacingPct);
        Assert.Equal(988m, plan.Lines[1]); // 1000 − 1000 × 1.2%
        Assert.Contains(plan.Warnings, w => w.Contains("clamped", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_AtrSpacingInsideBounds_DoesNotWarnAboutClamping()
    {
        var settings = FourLevels with { SpacingMode = SpacingMode.Atr, AtrMultiplier = 0.5m, MinSpacingPct = 1.2m, MaxSpacingPct = 5m };

        var plan = PlanOrFail(settings, TestMarkets.BtcNok(), atr: 30m);

        Assert.Equal(1.5m, plan.SpacingPct);
        Assert.DoesNotContain(plan.Warnings, w => w.Contains("clamped", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_AtrModeWithoutAtr_FailsWithAReason()
    {
        Assert.Contains("ATR", Refusal(FourLevels with { SpacingMode = SpacingMode.Atr }), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_OrderSizes_AreCapitalPerLevelOverPriceWithFeeRoundedDown()
    {
        var plan = PlanOrFail(FourLevels, TestMarkets.BtcNok());

        // 4000 / 4 = 1000 NOK per cell.
        //   1000 / (960 × 1.005) = 1000 / 964.8 = 1.0364842454… → 1.03648424
        //   1000 / (980 × 1.005) = 1000 / 984.9 = 1.0153315057… → 1.01533150
        Assert.Equal(
        [
            new PlannedOrder(1, 1, Side.Buy, 980m, 1.01533150m),
            new PlannedOrder(0, 0, Side.Buy, 960m, 1.03648424m),
        ], plan.Orders.OrderByDescending(o => o.Level));
        // Cells above the price get their size too: 1000 / 1005 = 0.99502487…, 1000 / 1025.1 = 0.97551458…
        Assert.Equal([1.03648424m, 1.01533150m, 0.99502487m, 0.97551458m], plan.Cells.Select(c => c.Amount));
    }

    [Fact]
    public void Plan_NoBaseHeld_PlacesBuysOnlyAndSaysWhy()
    {
        var plan = PlanOrFail(FourLevels, TestMarkets.BtcNok());

        Assert.All(plan.Orders, o => Assert.Equal(Side.Buy, o.Side));
        Assert.All(plan.Orders, o => Assert.True(o.Price < plan.ReferencePrice));
        Assert.Contains(plan.Warnings, w => w.Contains("No BTC held", StringComparison.Ordinal));
        Assert.Equal(0m, plan.BaseNeeded);
    }

    [Fact]
    public void Plan_BaseInventory_IsOfferedOnTheCellsAboveNearestFirst()
    {
        // Cell sizes (2 amount decimals): 1000/964.8 → 1.03, 1000/984.9 → 1.01, 1000/1005 → 0.99, 1000/1025.1 → 0.97.
        // 1.5 BTC: cell 2 takes 0.99 (sold at line 3 = 1020), cell 3 the other 0.51 (sold at line 4 = 1040).
        var plan = PlanOrFail(FourLevels, TestMarkets.Coarse(), baseInventory: 1.5m);

        Assert.Equal([0m, 0m, 0.99m, 0.51m], plan.InitialHeld);
        var sells = plan.Orders.Where(o => o.Side == Side.Sell).OrderBy(o => o.Level).ToList();
        Assert.Equal([new PlannedOrder(3, 2, Side.Sell, 1020m, 0.99m), new PlannedOrder(4, 3, Side.Sell, 1040m, 0.51m)], sells);
        Assert.Equal(1.5m, plan.BaseNeeded);
    }

    [Fact]
    public void Plan_BaseBeyondTheSellCells_IsKeptOnTheTopCellWithAWarning()
    {
        // 3 BTC: 0.99 + 0.97 fill the two upper cells, 1.04 is left over and stays with the top cell (never lost).
        var plan = PlanOrFail(FourLevels, TestMarkets.Coarse(), baseInventory: 3m);

        Assert.Equal([0m, 0m, 0.99m, 2.01m], plan.InitialHeld);
        Assert.Equal(3m, plan.InitialHeld.Sum());
        Assert.Contains(plan.Warnings, w => w.Contains("1.04 BTC", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_CapitalBelowMarketMinimum_IsRefusedWithAClearMessage()
    {
        // 100 NOK over 4 levels = 25 NOK per order, below the 100 NOK minimum order value.
        var error = Refusal(FourLevels, TestMarkets.BtcNok(minOrderValue: 100m), capital: 100m);

        Assert.Contains("below the market minimum", error, StringComparison.Ordinal);
        Assert.Contains("Allocate more capital or use fewer levels", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_SpacingBelowTwoFeesPlusMargin_IsRefusedMentioningFees()
    {
        // 2 × 0.5% + 0.2% = 1.2% break-even; 0.8% loses about 0.2% on every round trip.
        var error = Refusal(FourLevels with { SpacingPct = 0.8m });

        Assert.Contains("fee", error, StringComparison.Ordinal);
        Assert.Contains("1.2%", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_ArithmeticCellsFarAboveThePrice_AreRefusedWhenTheyLoseAfterFees()
    {
        // 40 levels at 1.2% around 1000: step 12, the nominal 1.2% clears the 1.2% floor. But the top cell buys at
        // 1000 + 19 × 12 = 1228 and sells at 1240: 12 NOK of spread against 0.5% × (1228 + 1240) = 12.34 NOK of
        // fees — it loses on every round trip (the step is only 0.98% of its buy price).
        var settings = FourLevels with { Levels = 40, SpacingPct = 1.2m };

        var error = Refusal(settings, capital: 40_000m);

        Assert.Contains("fee", error, StringComparison.Ordinal);
        Assert.Contains("1228", error, StringComparison.Ordinal);
        // Geometric lines keep every cell at 1.2% of its own buy price.
        Assert.True(PlanOrFail(settings with { Geometry = LevelGeometry.Geometric }, TestMarkets.BtcNok(), capital: 40_000m)
            .Cells.All(c => c.NetProfit(0.005m) > 0));
    }

    [Fact]
    public void Plan_LosingCellsWithOverride_PlansAndWarns()
    {
        var plan = PlanOrFail(FourLevels with { Levels = 40, SpacingPct = 1.2m, AllowUnprofitableSpacing = true }, TestMarkets.BtcNok(),
            capital: 40_000m);

        Assert.Contains(plan.Warnings, w => w.StartsWith("Override", StringComparison.Ordinal) && w.Contains("1228", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_UnprofitableSpacingWithOverride_PlansAndWarns()
    {
        var settings = FourLevels with { SpacingPct = 0.8m, AllowUnprofitableSpacing = true };

        var plan = PlanOrFail(settings, TestMarkets.BtcNok());

        Assert.Equal(0.8m, plan.SpacingPct);
        Assert.Contains(plan.Warnings, w => w.StartsWith("Override", StringComparison.Ordinal) && w.Contains("fee", StringComparison.Ordinal));
        Assert.True(plan.NetProfitPerRoundTrip < 0);
    }

    [Fact]
    public void Plan_TakeProfitExit_SellsAtBuyPlusSpacingTimesMultiplier()
    {
        var settings = FourLevels with { ExitPolicy = ExitPolicy.TakeProfit, TakeProfitMultiplier = 1.5m };

        var plan = PlanOrFail(settings, TestMarkets.BtcNok());

        // Arithmetic step 20, exit 1.5 × 20 = 30 above each buy.
        Assert.Equal([990m, 1010m, 1030m, 1050m], plan.Cells.Select(c => c.SellPrice));
        Assert.Equal([1, 2, 3, 4], plan.Cells.Select(c => c.SellLevel));
    }

    [Fact]
    public void Plan_TakeProfitExitGeometric_SellsAtBuyTimesOnePlusMultiplierSpacing()
    {
        var settings = FourLevels with { ExitPolicy = ExitPolicy.TakeProfit, Geometry = LevelGeometry.Geometric };

        var plan = PlanOrFail(settings, TestMarkets.BtcNok());

        // × (1 + 1.5 × 2%) = × 1.03, rounded up to the tick: 961.16 → 989.9948 → 990.00; 980.39 → 1009.8017 → 1009.81;
        // 1000 → 1030; 1020 → 1050.6.
        Assert.Equal([990.00m, 1009.81m, 1030m, 1050.60m], plan.Cells.Select(c => c.SellPrice));
    }

    [Fact]
    public void Plan_TakeProfitExit_FeeFloorAppliesToTheWholeExit()
    {
        // 1% spacing is below the 1.2% floor as a next-level exit, but 1% × 1.5 = 1.5% per round trip clears it.
        Assert.Contains("fee", Refusal(FourLevels with { SpacingPct = 1m }), StringComparison.Ordinal);
        Assert.Equal(1m, PlanOrFail(FourLevels with { SpacingPct = 1m, ExitPolicy = ExitPolicy.TakeProfit }, TestMarkets.BtcNok()).SpacingPct);
    }

    [Fact]
    public void NetProfitPerRoundTrip_FourCells_IsTheMeanOfSpreadMinusBothFees()
    {
        var plan = PlanOrFail(FourLevels, TestMarkets.Coarse());

        // Per cell: amount × (20 − 0.5% × (buy + sell)):
        //   1.03 × (20 − 0.005 × 1940) = 1.03 × 10.3 = 10.609
        //   1.01 × (20 − 0.005 × 1980) = 1.01 × 10.1 = 10.201
        //   0.99 × (20 − 0.005 × 2020) = 0.99 × 9.9  =  9.801
        //   0.97 × (20 − 0.005 × 2060) = 0.97 × 9.7  =  9.409
        // mean = 40.02 / 4 = 10.005 NOK
        Assert.Equal(10.005m, plan.NetProfitPerRoundTrip);
        // In percent of the capital a buy ties up: 10.3 / 964.8 = 1.06758%, 10.1 / 984.9 = 1.02548%,
        // 9.9 / 1005 = 0.98507%, 9.7 / 1025.1 = 0.94625% → mean 1.00610%.
        Assert.Equal(1.0061m, decimal.Round(plan.NetProfitPerRoundTripPct, 4));
    }

    [Fact]
    public void QuoteNeeded_TwoBuys_IsTheirValuePlusFee()
    {
        var plan = PlanOrFail(FourLevels, TestMarkets.Coarse());

        // 960 × 1.03 × 1.005 = 993.744; 980 × 1.01 × 1.005 = 994.749
        Assert.Equal(1988.493m, plan.QuoteNeeded);
    }

    [Fact]
    public void Plan_ArithmeticBuysReachingZero_IsRefused()
    {
        // 5 buys at 20% spacing would put the lowest line at 1000 − 5 × 200 = 0.
        var error = Refusal(FourLevels with { Levels = 10, SpacingPct = 20m }, capital: 100_000m);

        Assert.Contains("zero", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_SpacingSmallerThanTheTick_IsRefusedBecauseLinesCollapse()
    {
        // 1.5% of 0.10 is 0.0015: every line rounds back onto the same 2-decimal price.
        var error = Refusal(FourLevels with { SpacingPct = 1.5m }, TestMarkets.BtcNok(minAmount: 0m), price: 0.10m);

        Assert.Contains("collapse", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_SeveralInvalidInputs_ReportsEachOne()
    {
        var result = GridPlanner.Plan(FourLevels with { Levels = 1 }, TestMarkets.BtcNok(), referencePrice: 0m, atr: null,
            capitalQuote: -1m, baseInventory: -1m);

        Assert.Equal(4, result.Errors.Count);
    }
}
