using GridTrader.Core.Configuration;
using GridTrader.Core.Grid;
using GridTrader.Core.Tests.TestSupport;

namespace GridTrader.Core.Tests.Grid;

/// <summary>The fee floor and its callers: the planner and the config validator refuse exactly what it refuses.</summary>
public class FeeFloorTests
{
    private static readonly GridSettings Fixed = TestGrids.FourLevels with { SpacingMode = SpacingMode.FixedPercent, Levels = 4 };

    [Fact]
    public void BreakEvenPct_DefaultSettings_IsTwoFeesPlusTheMargin()
    {
        var floor = FeeFloor.Of(new GridSettings());

        // 2 × 0.5% + 0.2% = 1.2%
        Assert.Equal(1.0m, floor.RoundTripFeesPct);
        Assert.Equal(1.2m, floor.BreakEvenPct);
        Assert.Equal(1m, floor.ExitFactor);
    }

    [Theory]
    [InlineData(1.2, true)]
    [InlineData(1.19, false)]
    [InlineData(5, true)]
    [InlineData(0, false)]
    public void IsMetBy_NextLevelExit_ComparesOneSpacingWithTheBreakEven(decimal spacingPct, bool met)
    {
        var floor = FeeFloor.Of(new GridSettings());

        Assert.Equal(met, floor.IsMetBy(spacingPct));
        Assert.Equal(met, floor.Shortfall(spacingPct) is null);
    }

    [Fact]
    public void IsMetBy_TakeProfitExit_CountsTheMultipliedMove()
    {
        var floor = FeeFloor.Of(new GridSettings { ExitPolicy = ExitPolicy.TakeProfit, TakeProfitMultiplier = 1.5m });

        // A 0.8% spacing sold at 1.5 spacings moves 1.2% per round trip: exactly the floor.
        Assert.True(floor.IsMetBy(0.8m));
        Assert.False(floor.IsMetBy(0.79m));
        Assert.Equal(1.2m, floor.RoundTripPct(0.8m));
    }

    [Fact]
    public void Shortfall_BelowTheFloor_NamesTheFeesTheMarginAndTheBreakEven()
    {
        var floor = FeeFloor.Of(new GridSettings { FeeRate = 0.0025m, MinProfitMarginPct = 0.1m });

        Assert.Equal("0.5% per round trip is below 2 × fee (0.5%) + margin (0.1%) = 0.6%: round trips would lose money after fees",
            floor.Shortfall(0.5m));
    }

    [Theory]
    [InlineData(0.5, 0.0025, 0.1)]
    [InlineData(0.6, 0.0025, 0.1)]
    [InlineData(1.1, 0.005, 0.2)]
    [InlineData(1.2, 0.005, 0.2)]
    [InlineData(2.0, 0.008, 0.5)]
    [InlineData(2.1, 0.008, 0.5)]
    public void Planner_AndValidator_RefuseExactlyWhatTheFloorRefuses(decimal spacingPct, decimal feeRate, decimal marginPct)
    {
        var settings = Fixed with { SpacingPct = spacingPct, FeeRate = feeRate, MinProfitMarginPct = marginPct };
        var met = FeeFloor.Of(settings).IsMetBy(spacingPct);

        var plan = GridPlanner.Plan(settings, TestMarkets.BtcNok(), 1000m, null, 4000m);
        var errors = new List<string>();
        ConfigValidator.ValidateGrid(settings, "Grid", (path, message) => errors.Add(path + " " + message), (_, _) => { });

        Assert.Equal(met, !plan.Errors.Any(e => e.Contains("lose money after fees", StringComparison.Ordinal)));
        Assert.Equal(met, !errors.Any(e => e.StartsWith("Grid:SpacingPct", StringComparison.Ordinal)));
    }

    [Fact]
    public void Validator_AtrSpacing_AppliesTheFloorToTheLowerClamp()
    {
        var settings = new GridSettings { MinSpacingPct = 1.1m };
        var errors = new List<string>();
        var warnings = new List<string>();

        ConfigValidator.ValidateGrid(settings, "Grid", (path, _) => errors.Add(path), (path, _) => warnings.Add(path));
        ConfigValidator.ValidateGrid(settings with { AllowUnprofitableSpacing = true }, "Grid", (path, _) => errors.Add(path),
            (path, _) => warnings.Add(path));

        Assert.Equal(["Grid:MinSpacingPct"], errors);
        Assert.Equal(["Grid:MinSpacingPct"], warnings);
    }
}
