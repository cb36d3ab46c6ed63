using GridTrader.Core.Grid;
using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Core.Strategy;
using GridTrader.Core.Tests.TestSupport;

namespace GridTrader.Core.Tests.Strategy;

/// <summary>
/// Moves of the whole grid: trailing down with the coins it holds (never sold below their cost, new buys within the
/// budget), the trail's floor and ceiling, and the grid's stop-loss, take-profit and exit sell. Unless a test says
/// otherwise: 4 levels at a fixed 2% around 1000 NOK, 4000 NOK capital, amounts to 2 decimals (minimum 0.1); lines
/// 960 / 980 / [1000] / 1020 / 1040, buys of 1.03 at 960 and 1.01 at 980.
/// </summary>
public class GridMovesTests
{
    private const decimal Fee = 0.005m;
    private static readonly GridSettings Fixed = TestGrids.FourLevels.WithShortIndicators() with { TrendFilterEnabled = false };
    private static readonly GridSettings TrailBothWays = Fixed with { TrailDown = true };

    private static StrategyHarness Started(GridSettings settings)
    {
        var harness = new StrategyHarness(settings);
        harness.Close(1000m);
        return harness;
    }

    /// <summary>Both buys filled: 1.03 BTC at 960 and 1.01 at 980, for 1,988.49 NOK with fees; the price closes at 965 and the sells rest at 980 and 1000.</summary>
    private static StrategyHarness BoughtBoth(GridSettings settings)
    {
        var harness = Started(settings);
        harness.FillCompletely(harness.LiveAt(1));
        harness.FillCompletely(harness.LiveAt(0));
        harness.Close(965m);
        return harness;
    }

    /// <summary>
    /// 1.01 BTC bought at 980, then the stop-loss at 970 fired at 969: the grid's orders are cancelled and the exit sell
    /// (966.09, 0.3 % under the price) rests.
    /// </summary>
    private static (StrategyHarness Harness, PlaceOrderAction Exit) StoppedWithTheExitResting()
    {
        var harness = Started(Fixed with { StopLossPrice = 970m });
        harness.FillCompletely(harness.LiveAt(1));
        harness.Evaluate();
        harness.Close(969m);
        harness.ConfirmCancels();
        return (harness, Assert.Single(harness.Evaluate().Placements()));
    }

    private static decimal BreakEven(GridStrategy s) => s.TotalCost / (s.TotalHeld * (1 - Fee));

    [Fact]
    public void TrailDown_PriceFallsBelowTheBand_CancelsTheSellsThenOffersTheCoinsOnTheMovedGridNeverBelowCost()
    {
        var harness = BoughtBoth(TrailBothWays);
        var cost = harness.Strategy.TotalCost;
        Assert.Equal(960m * 1.03m * 1.005m + 980m * 1.01m * 1.005m, cost);

        var leave = harness.Close(950m);

        Assert.Contains(StrategyNotice.Recentering, leave.NoticeNames());
        Assert.Equal(2, leave.Cancels().Count);
        Assert.All(leave.Cancels(), c => Assert.Equal(CancelReasons.Rebuild, c.Reason));
        Assert.Empty(leave.Placements());

        harness.ConfirmCancels();
        var moved = harness.Evaluate();

        // Lines around 950 with a step of 19: 912 / 931 / [950] / 969 / 988. The 2.04 BTC go to the cells above the price,
        // still costing what they cost: their break-even, 1,988.49 / (2.04 × 0.995) = 979.65, lifts the sell at 969.
        Assert.Equal(GridPhase.Active, harness.Strategy.Phase);
        Assert.Equal([912m, 931m, 950m, 969m, 988m], harness.Strategy.Plan!.Lines);
        Assert.Equal(cost, harness.Strategy.TotalCost);
        Assert.Equal(2.04m, harness.Strategy.TotalHeld);
        var sells = moved.Placements().Where(p => p.Side == Side.Sell).ToList();
        Assert.Equal([979.65m, 988m], sells.Select(s => s.Price).Order());
        Assert.All(sells, s => Assert.True(s.Price >= BreakEven(harness.Strategy), $"{s.Price} is below the cost"));
        Assert.Equal(2.04m, sells.Sum(s => s.Amount));
        // New buys below the price, within the budget: 4,000 − 1,988.49 leaves room for both.
        Assert.Equal([912m, 931m], moved.Placements().Where(p => p.Side == Side.Buy).Select(p => p.Price).Order());
    }

    [Fact]
    public void TrailDown_BudgetSpent_MovesAgainWithoutBuying()
    {
        var harness = BoughtBoth(TrailBothWays);
        harness.Close(950m);
        harness.ConfirmCancels();
        harness.Evaluate();
        harness.FillCompletely(harness.LiveAt(1));
        harness.FillCompletely(harness.LiveAt(0));
        harness.Evaluate();

        var leave = harness.Close(900m);
        harness.ConfirmCancels();
        var moved = harness.Evaluate();

        // Four cells' worth of coins now cost about the whole capital: nothing is left to buy with.
        Assert.True(harness.Strategy.TotalCost > 3_900m);
        Assert.Contains(StrategyNotice.Recentering, leave.NoticeNames());
        Assert.DoesNotContain(moved.Placements(), p => p.Side == Side.Buy);
        Assert.All(moved.Placements(), s => Assert.True(s.Price >= BreakEven(harness.Strategy) - 0.01m, $"{s.Price} is below the cost"));
        Assert.Equal(harness.Strategy.TotalHeld, moved.Placements().Sum(s => s.Amount));
    }

    [Fact]
    public void TrailDown_BelowTheFloor_WaitsAndSaysWhy()
    {
        var harness = BoughtBoth(TrailBothWays with { TrailFloor = 955m });

        var below = harness.Close(950m);

        Assert.Empty(below.Cancels());
        Assert.Equal(GridPhase.Active, harness.Strategy.Phase);
        var notice = Assert.Single(below.OfType<StrategyNotice>());
        Assert.Equal(StrategyNotice.OutOfBand, notice.Name);
        Assert.Contains("TrailFloor 955", notice.Message, StringComparison.Ordinal);

        // Back above the floor but still below the band: the grid follows.
        Assert.Contains(StrategyNotice.Recentering, harness.Close(957m).NoticeNames());
    }

    [Fact]
    public void TrailUp_AboveTheCeiling_Waits()
    {
        var harness = Started(Fixed with { TrailCeiling = 1045m });

        var above = harness.Close(1050m);

        Assert.Empty(above.Cancels());
        Assert.Contains("TrailCeiling 1045", Assert.Single(above.OfType<StrategyNotice>()).Message, StringComparison.Ordinal);
        Assert.Equal(GridPhase.Active, harness.Strategy.Phase);
    }

    [Fact]
    public void StopLoss_PriceAtTheStop_CancelsEverythingThenSellsWhatTheGridHoldsOnce()
    {
        var harness = Started(Fixed with { StopLossPrice = 970m });
        harness.FillCompletely(harness.LiveAt(1)); // 1.01 BTC at 980; its sell rests at 1000, the buy at 960 too
        harness.Evaluate();

        var stop = harness.Close(969m);

        Assert.Equal(GridPhase.Stopped, harness.Strategy.Phase);
        Assert.StartsWith("stop-loss: price 969 at or below 970", harness.Strategy.StopReason, StringComparison.Ordinal);
        Assert.Equal([StrategyNotice.GridStopped], stop.NoticeNames());
        Assert.Equal(2, stop.Cancels().Count);
        Assert.All(stop.Cancels(), c => Assert.Equal(CancelReasons.Stop, c.Reason));
        Assert.Empty(stop.Placements());

        harness.ConfirmCancels();
        var exit = Assert.Single(harness.Evaluate().Placements());

        // One sell of everything held, 0.3% under the price (969 × 0.997 = 966.093, rounded down), outside the grid's lines.
        Assert.Equal(Side.Sell, exit.Side);
        Assert.Equal(966.09m, exit.Price);
        Assert.Equal(1.01m, exit.Amount);
        Assert.True(exit.IsExit);
        Assert.Equal(harness.Strategy.ExitLevel, exit.Level);

        harness.FillCompletely(harness.LiveAt(exit.Level));
        Assert.Equal(0m, harness.Strategy.TotalHeld);
        Assert.Equal(0m, harness.Strategy.TotalCost);
        Assert.Empty(harness.Close(1000m));
        Assert.Empty(harness.Close(950m));
        Assert.Equal(GridPhase.Stopped, harness.Strategy.Phase);
    }

    [Fact]
    public void StopLoss_RestartWithTheExitResting_StaysStoppedKeepsTheExitAndPlacesNothingElse()
    {
        var (harness, exit) = StoppedWithTheExitResting();

        harness.Restart();

        Assert.Equal(GridPhase.Stopped, harness.Strategy.Phase);
        Assert.StartsWith("stop-loss", harness.Strategy.StopReason, StringComparison.Ordinal);
        Assert.Equal(exit.Level, harness.Strategy.ExitLevel);
        Assert.Empty(harness.Evaluate());
        // 965 is within the exit's slippage of its limit (966.09 × 0.997 = 963.19): it stays.
        Assert.Empty(harness.Close(965m));
    }

    [Fact]
    public void StopLoss_PriceFallsAwayFromTheRestingExit_RepricesTheExitSell()
    {
        var (harness, exit) = StoppedWithTheExitResting();
        Assert.Equal(966.09m, exit.Price);

        // The market falls through the exit's limit without reaching it again: an exit resting at 966.09 while the price
        // is 900 does not sell, and nothing but the order's time-to-live (24 h by default) would ever replace it.
        var later = harness.Close(930m).Concat(harness.Close(900m)).Concat(harness.Evaluate()).ToList();

        Assert.True(later.Cancels().Count > 0 || later.Placements().Any(p => p.IsExit && p.Price <= 900m),
            "the exit sell still rests at 966.09 with the price at 900");

        // Asked once; once the exchange confirms the cancel, the next exit is priced at the market again.
        Assert.Single(later.Cancels());
        Assert.Empty(harness.Close(899m).Cancels());
        harness.ConfirmCancels();
        var replaced = Assert.Single(harness.Evaluate().Placements());
        Assert.True(replaced.IsExit);
        Assert.Equal(Math.Round(899m * (1 - (Fixed.ExitSlippagePct / 100m)), 2, MidpointRounding.ToZero), replaced.Price);
        Assert.Equal(1.01m, replaced.Amount);
    }

    [Fact]
    public void StopLoss_RestartWithAnExitThePriceFellAwayFrom_RepricesItAfterTheRestart()
    {
        var (harness, _) = StoppedWithTheExitResting();

        harness.Restart();
        var later = harness.Close(900m).Concat(harness.Evaluate()).ToList();

        Assert.Single(later.Cancels());
    }

    [Fact]
    public void TakeProfit_PriceAtTheTarget_StopsWithTheReason()
    {
        var harness = Started(Fixed with { TakeProfitPrice = 1030m });

        var stop = harness.Close(1031m);

        Assert.Equal(GridPhase.Stopped, harness.Strategy.Phase);
        Assert.StartsWith("take-profit: price 1031 at or above 1030", harness.Strategy.StopReason, StringComparison.Ordinal);
        Assert.Equal(2, stop.Cancels().Count);
        harness.ConfirmCancels();
        // Nothing held: nothing to sell.
        Assert.Empty(harness.Evaluate());
    }

    [Fact]
    public void Stop_SellOnStopOff_CancelsButKeepsTheCoins()
    {
        var harness = Started(Fixed with { StopLossPrice = 970m, SellOnStop = false });
        harness.FillCompletely(harness.LiveAt(1));
        harness.Evaluate();

        harness.Close(969m);
        harness.ConfirmCancels();

        Assert.Empty(harness.Evaluate());
        Assert.Equal(1.01m, harness.Strategy.TotalHeld);
    }

    [Fact]
    public void Resume_AfterAStop_PlansANewGridWithTheCoinsStillHeld()
    {
        var harness = Started(Fixed with { StopLossPrice = 900m, SellOnStop = false });
        harness.FillCompletely(harness.LiveAt(1));
        harness.Evaluate();
        harness.Execute(harness.Strategy.Stop("loss limit: test"));
        harness.ConfirmCancels();

        var resumed = harness.Execute(harness.Strategy.Resume("a person looked"));

        Assert.Contains(StrategyNotice.GridResumed, resumed.NoticeNames());
        Assert.Null(harness.Strategy.StopReason);
        Assert.Equal(GridPhase.Active, harness.Strategy.Phase);
        // The coins go to the cell above the price (its 0.99 target; the 0.02 left is below the minimum and waits).
        Assert.Contains(resumed, a => a is PlaceOrderAction { Side: Side.Sell, Price: 1020m, Amount: 0.99m });
        Assert.Equal(1.01m, harness.Strategy.TotalHeld);
    }

    [Fact]
    public void Snapshot_CostOfTheCoins_SurvivesARestart()
    {
        var harness = BoughtBoth(TrailBothWays);
        var cost = harness.Strategy.TotalCost;

        harness.Restart();

        Assert.Equal(cost, harness.Strategy.TotalCost);
        Assert.Equal(2.04m, harness.Strategy.TotalHeld);
    }

    [Fact]
    public void Sells_OrdinaryGrid_AreNeverRaisedByTheCostFloor()
    {
        // A classic grid at 2% spacing earns more than both fees per step, so its cost floor never binds.
        var harness = BoughtBoth(Fixed);

        var sells = harness.Live.Where(o => o.Side == Side.Sell).Select(o => o.Price).Order();

        Assert.Equal([980m, 1000m], sells);
    }
}
