using GridTrader.Core.Accounting;
using GridTrader.Core.Grid;
using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Core.Strategy;
using GridTrader.Core.Tests.TestSupport;

namespace GridTrader.Core.Tests.Strategy;

/// <summary>
/// Unless a test says otherwise: 4 levels at a fixed 2% around 1000 NOK, 4000 NOK capital, amounts to 2 decimals
/// (minimum 0.1). Lines 960 / 980 / [1000] / 1020 / 1040; cell sizes 1000 NOK / (buy × 1.005) rounded down:
/// cell 0 buys 1.03 at 960, cell 1 1.01 at 980, cell 2 0.99 at 1000, cell 3 0.97 at 1020, each sold one line up.
/// </summary>
public class GridStrategyTests
{
    private static readonly GridSettings Fixed = TestGrids.FourLevels.WithShortIndicators() with { TrendFilterEnabled = false };

    private static PlaceOrderAction Buy(int level, decimal price, decimal amount, int epoch = 0, string reason = "grid buy") =>
        new(TestMarkets.Symbol, Side.Buy, price, amount, level, level, epoch, reason);

    private static PlaceOrderAction Sell(int level, decimal price, decimal amount, int cell) =>
        new(TestMarkets.Symbol, Side.Sell, price, amount, level, cell, 0, "counter-sell");

    /// <summary>A started grid at 1000 with its two buys resting.</summary>
    private static StrategyHarness Started(GridSettings? settings = null, decimal initialBase = 0m, FeeModel? fees = null)
    {
        var harness = new StrategyHarness(settings ?? Fixed, initialBase: initialBase, fees: fees);
        harness.Close(1000m);
        return harness;
    }

    [Fact]
    public void OnCandle_IndicatorsWarmingUp_EmitsNothingUntilAtrAndEmaAreReady()
    {
        // ATR(3) spacing and EMA(2)/EMA(4) trend: the slow EMA needs 4 candles.
        var settings = Fixed with
        {
            SpacingMode = SpacingMode.Atr, AtrMultiplier = 0.5m, MinSpacingPct = 1.2m, MaxSpacingPct = 5m, TrendFilterEnabled = true,
        };
        var harness = new StrategyHarness(settings);
        Assert.Equal(4, harness.Strategy.WarmupRemaining);

        for (var remaining = 3; remaining >= 1; remaining--)
        {
            Assert.Empty(harness.Candle(1000m, 1015m, 985m, 1000m));
            Assert.Equal(GridPhase.WarmingUp, harness.Strategy.Phase);
            Assert.Equal(remaining, harness.Strategy.WarmupRemaining);
        }

        var actions = harness.Candle(1000m, 1015m, 985m, 1000m);

        // Every true range is 30 → ATR 30 → spacing 0.5 × 30 / 1000 = 1.5%, step 15: buys at 985 and 970 of
        // 1000 / (985 × 1.005) = 1.0101… → 1.01 and 1000 / (970 × 1.005) = 1.0257… → 1.02.
        Assert.Equal(GridPhase.Active, harness.Strategy.Phase);
        Assert.Equal(1.5m, harness.Strategy.Plan!.SpacingPct);
        Assert.Equal([Buy(1, 985m, 1.01m), Buy(0, 970m, 1.02m)], actions.Placements());
        Assert.Contains(StrategyNotice.GridPlanned, actions.NoticeNames());
    }

    [Fact]
    public void WarmUp_HistoricalCandles_NeverAct()
    {
        var harness = new StrategyHarness(Fixed with { TrendFilterEnabled = true });

        for (var i = 0; i < 10; i++) harness.WarmUp(1000m, 1010m, 990m, 1000m);

        Assert.True(harness.Strategy.IsWarm);
        Assert.Equal(GridPhase.WarmingUp, harness.Strategy.Phase);
        Assert.Empty(harness.Live);
    }

    [Fact]
    public void OnCandle_FirstPriceWithoutBase_PlacesBuysBelowOnly()
    {
        var harness = new StrategyHarness(Fixed);

        var actions = harness.Close(1000m);

        Assert.Equal([Buy(1, 980m, 1.01m), Buy(0, 960m, 1.03m)], actions.Placements());
    }

    [Fact]
    public void OnCandle_FirstPriceWithInitialBase_AlsoPlacesSellsAbove()
    {
        // 1.5 BTC: cell 2 holds its full 0.99 (sold at line 3), cell 3 the remaining 0.51 (sold at line 4).
        var harness = new StrategyHarness(Fixed, initialBase: 1.5m);

        var actions = harness.Close(1000m);

        Assert.Equal(
            [Sell(4, 1040m, 0.51m, cell: 3), Sell(3, 1020m, 0.99m, cell: 2), Buy(1, 980m, 1.01m), Buy(0, 960m, 1.03m)],
            actions.Placements());
        Assert.Equal([0m, 0m, 0.99m, 0.51m], harness.Strategy.Held);
    }

    [Fact]
    [Trait("Original", "grid level tracking")]
    public void OnFill_BuyAtLevelFills_SellsOneLevelUpThenBuysBackOneLevelDown()
    {
        var harness = Started();

        harness.FillCompletely(harness.LiveAt(1));
        var afterBuy = harness.Close(985m);

        Assert.Equal([Sell(2, 1000m, 1.01m, cell: 1)], afterBuy.Placements());
        Assert.Equal(1.01m, harness.Strategy.Held[1]);

        harness.FillCompletely(harness.LiveAt(2));
        var afterSell = harness.Close(995m);

        Assert.Equal([Buy(1, 980m, 1.01m)], afterSell.Placements());
        Assert.Equal(0m, harness.Strategy.Held[1]);
    }

    [Fact]
    public void OnCandle_BuyFilledByAWickAndCloseAboveTheNextLine_SellsInsteadOfBuyingOnThatLine()
    {
        // The candle dips to 975 (filling the buy at 980) and closes at 1010, above line 2 (1000). Line 2 is both the
        // exit of cell 1's new coins and the buy line of cell 2: the coins must get their sell there — at the price,
        // since it is already above the exit — rather than the line going to a new buy that leaves them unsold.
        var harness = Started();
        harness.FillCompletely(harness.LiveAt(1));

        var actions = harness.Candle(1000m, 1012m, 975m, 1010m);

        Assert.Equal([Sell(2, 1010m, 1.01m, cell: 1)], actions.Placements());
    }

    [Fact]
    public void OnCandle_CounterSellCoolingDownAndPriceAboveItsLine_KeepsTheLineForIt()
    {
        var harness = Started();
        harness.FillCompletely(harness.LiveAt(1));
        harness.RejectWhen = p => p.Side == Side.Sell;
        harness.Close(985m); // the counter-sell is refused: 5 minutes' cooldown
        harness.RejectWhen = _ => false;

        var during = harness.Close(1010m);
        harness.Time.Advance(harness.RejectCooldown);
        var after = harness.Evaluate();

        Assert.Empty(during.Placements()); // no buy of cell 2 on line 2 meanwhile
        Assert.Equal([Sell(2, 1010m, 1.01m, cell: 1)], after.Placements());
    }

    [Fact]
    public void OnFill_PartialBuyAboveMinimum_SellsTheFilledPartAndTheRemainderKeepsResting()
    {
        var harness = Started();
        var buy = harness.LiveAt(1);

        harness.Fill(buy, 0.5m);
        var actions = harness.Close(985m);

        Assert.Equal([Sell(2, 1000m, 0.5m, cell: 1)], actions.Placements());
        Assert.Same(buy, harness.LiveAt(1));
        Assert.Equal(0.51m, buy.Remaining); // 1.01 − 0.5
        Assert.Equal(OrderState.PartiallyFilled, buy.State);
    }

    [Fact]
    public void OnFill_PartialBuyBelowMinimum_IsHeldAndJoinsTheNextSell()
    {
        var harness = Started();
        var buy = harness.LiveAt(1);

        harness.Fill(buy, 0.05m); // below the 0.1 minimum: nothing to sell yet
        var first = harness.Close(985m);

        Assert.Empty(first.Placements());
        Assert.Equal(0.05m, harness.Strategy.Held[1]);

        harness.Fill(buy, 0.07m);
        var second = harness.Evaluate();

        Assert.Equal([Sell(2, 1000m, 0.12m, cell: 1)], second.Placements()); // 0.05 carried + 0.07
    }

    [Fact]
    public void OnFill_BaseFeeTakenFromTheBuy_SellsOnlyWhatWasReceived()
    {
        // Fee charged in the coin received: 1.01 × (1 − 0.005) = 1.00495 BTC arrive; 1.00 can be sold (2 decimals),
        // the 0.00495 stays with the cell instead of making the sell fail for lack of coins.
        var harness = Started(fees: new FeeModel(0.005m, FeeCurrencyPolicy.Received));

        harness.FillCompletely(harness.LiveAt(1));
        var actions = harness.Close(985m);

        Assert.Equal([Sell(2, 1000m, 1.00m, cell: 1)], actions.Placements());
        Assert.Equal(1.00495m, harness.Strategy.Held[1]);
    }

    [Fact]
    public void OnCandle_PriceLeavesALineUpwardInsideItsBand_PlacesThatLinesBuy()
    {
        // The grid starts exactly on its centre line 1000, whose buy (cell 2) waits for the price to be above it.
        // At 1010 that buy is due, just as it is when the price reaches 1010 from below 1000.
        var harness = Started();

        var actions = harness.Close(1010m);

        Assert.Equal([Buy(2, 1000m, 0.99m)], actions.Placements());
    }

    [Fact]
    public void OnCandle_Downtrend_HoldsBackNewBuysButStillPlacesSells()
    {
        var harness = new StrategyHarness(Fixed with { TrendFilterEnabled = true }, initialBase: 1.5m);
        foreach (var close in new[] { 1200m, 1150m, 1100m, 1050m }) harness.WarmUp(close, close, close, close);

        var actions = harness.Close(1000m);

        Assert.Equal(Trend.Down, harness.Strategy.Trend); // EMA(2) well below EMA(4) after a steady fall
        Assert.Equal([Sell(4, 1040m, 0.51m, cell: 3), Sell(3, 1020m, 0.99m, cell: 2)], actions.Placements());
    }

    public static TheoryData<int, Trend, int[]> SpikeCases => new()
    {
        { +20, Trend.Up, [4, 3] }, // uptrend: only the two buys nearest the price (of five)
        { -20, Trend.Down, [] },
        { 0, Trend.Neutral, [] },
    };

    [Theory]
    [MemberData(nameof(SpikeCases))]
    public void OnCandle_VolatilitySpike_PausesBuysExceptTheTwoNearestInAnUptrend(int step, Trend expectedTrend, int[] expectedBuyLevels)
    {
        // 10 levels at 2% around 1000 (buys on lines 0–4 at 900…980), 1.96 BTC held for cells 5 and 6
        // (0.99 + 0.97, sold at lines 6 and 7). Six candles move by `step` with a true range of 20 each
        // (ATR 20, mean of previous ATRs 20); then a bar with a true range of 240 gives ATR (2 × 20 + 240) / 3 = 93.3,
        // above 1.5 × 20.
        var harness = new StrategyHarness(Fixed with { Levels = 10, TrendFilterEnabled = true }, capital: 10_000m, initialBase: 1.96m);
        var halfRange = step == 0 ? 10m : 0m;
        for (var k = 6; k >= 1; k--)
        {
            var close = 1000m - step * k;
            var open = close - step;
            harness.WarmUp(open, Math.Max(open, close) + halfRange, Math.Min(open, close) - halfRange, close);
        }

        var actions = harness.Candle(1000m - step, Math.Max(1000m - step, 1000m) + halfRange + 110m,
            Math.Min(1000m - step, 1000m) - halfRange - 110m, 1000m);

        Assert.True(harness.Strategy.VolatilitySpike);
        Assert.Equal(expectedTrend, harness.Strategy.Trend);
        Assert.Contains(StrategyNotice.SpikeStarted, actions.NoticeNames());
        var placements = actions.Placements();
        Assert.Equal(expectedBuyLevels, placements.Where(p => p.Side == Side.Buy).Select(p => p.Level));
        Assert.Equal([7, 6], placements.Where(p => p.Side == Side.Sell).Select(p => p.Level));
    }

    [Fact]
    public void OnCandle_TrailAndPriceAboveTheBand_CancelsEveryOrderThenPlansAgainOnceTheyClosed()
    {
        var harness = Started();
        var oldOrders = harness.Live.Select(o => o.Id).ToList();

        var leave = harness.Close(1050m);

        Assert.Contains(StrategyNotice.Recentering, leave.NoticeNames());
        Assert.Equal(oldOrders.Order(), leave.Cancels().Select(c => c.OrderId).Order());
        Assert.All(leave.Cancels(), c => Assert.Equal(CancelReasons.Rebuild, c.Reason));
        Assert.Empty(leave.Placements());
        Assert.Equal(GridPhase.Rebuilding, harness.Strategy.Phase);

        // Still waiting: no new plan and no second round of cancels while one old order is live.
        harness.ConfirmCancel(harness.LiveAt(1));
        Assert.Empty(harness.Close(1050m));

        harness.ConfirmCancels();
        var rebuilt = harness.Evaluate();

        // New grid around 1050: step 21, buys at 1029 (1000 / 1034.145 = 0.966… → 0.96) and 1008 (0.987… → 0.98).
        Assert.Equal(1, harness.Strategy.Epoch);
        Assert.Equal(GridPhase.Active, harness.Strategy.Phase);
        Assert.Equal([Buy(1, 1029m, 0.96m, epoch: 1), Buy(0, 1008m, 0.98m, epoch: 1)], rebuilt.Placements());
    }

    [Fact]
    public void OnCandle_TrailAndPriceBelowTheBand_WaitsWithASingleNotice()
    {
        var harness = Started();
        harness.FillCompletely(harness.LiveAt(1));
        harness.FillCompletely(harness.LiveAt(0));

        var first = harness.Close(950m);
        var second = harness.Close(940m);

        Assert.Equal([StrategyNotice.OutOfBand], first.NoticeNames());
        Assert.Empty(second.NoticeNames());
        Assert.Empty(first.Cancels().Concat(second.Cancels()));
        // The coins bought on the way down are still offered one line up.
        Assert.Equal([Sell(2, 1000m, 1.01m, cell: 1), Sell(1, 980m, 1.03m, cell: 0)], first.Placements());
        Assert.Equal(GridPhase.Active, harness.Strategy.Phase);
        Assert.True(harness.Strategy.OutOfBandNoticed);
    }

    [Theory]
    [InlineData(RecenterPolicy.Wait, 1050, false)]
    [InlineData(RecenterPolicy.Wait, 950, false)]
    [InlineData(RecenterPolicy.Trail, 1050, true)]
    [InlineData(RecenterPolicy.Trail, 950, false)]
    [InlineData(RecenterPolicy.Rebuild, 1050, true)]
    [InlineData(RecenterPolicy.Rebuild, 950, true)]
    public void OnCandle_PriceOutsideTheBand_RebuildsOnlyWhenThePolicySaysSo(RecenterPolicy policy, int price, bool rebuilds)
    {
        var harness = Started(Fixed with { Recenter = policy });

        var actions = harness.Close(price);

        Assert.Equal(rebuilds ? 2 : 0, actions.Cancels().Count);
        Assert.Equal(rebuilds ? GridPhase.Rebuilding : GridPhase.Active, harness.Strategy.Phase);
        Assert.Equal(rebuilds ? StrategyNotice.Recentering : StrategyNotice.OutOfBand, Assert.Single(actions.NoticeNames()));
    }

    [Fact]
    public void Recenter_OperatorRequest_CancelsEveryLiveOrder()
    {
        var harness = Started();

        var actions = harness.Execute(harness.Strategy.Recenter("operator"));

        Assert.Equal(2, actions.Cancels().Count);
        Assert.Equal(GridPhase.Rebuilding, harness.Strategy.Phase);
    }

    [Fact]
    public void OnPlacementRejected_Cooldown_FreesTheLineAndRetriesOnlyAfterTheCooldown()
    {
        var harness = new StrategyHarness(Fixed) { RejectWhen = p => p.Level == 1, RejectCooldown = TimeSpan.FromMinutes(5) };
        harness.Close(1000m); // line 1 refused at 00:01, line 0 placed
        Assert.Single(harness.Rejected);
        harness.RejectWhen = _ => false;

        harness.Time.Advance(TimeSpan.FromMinutes(4));
        Assert.Empty(harness.Evaluate());

        // Another event makes the strategy reconcile inside the cooldown: the refused line still waits.
        harness.Fill(harness.LiveAt(0), 0.05m);
        Assert.Empty(harness.Evaluate().Placements());

        harness.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal([Buy(1, 980m, 1.01m)], harness.Evaluate().Placements());
    }

    [Fact]
    public void OnCandle_PlanImpossible_WaitsWithTheReasonAndNeverPlaces()
    {
        var harness = new StrategyHarness(Fixed, capital: 1m); // 0.25 NOK per cell: far below 0.1 BTC

        var first = harness.Close(1000m);
        var second = harness.Evaluate();

        Assert.Equal(GridPhase.Waiting, harness.Strategy.Phase);
        Assert.Equal([StrategyNotice.GridPlanFailed], first.NoticeNames());
        Assert.Contains("below the market minimum", harness.Strategy.LastPlanError, StringComparison.Ordinal);
        Assert.Empty(first.Placements());
        Assert.Empty(second);
    }

    [Fact]
    public void OnCandle_PlanKeepsFailing_RetriesWithADoublingWait()
    {
        var harness = new StrategyHarness(Fixed, capital: 1m);
        harness.Close(1000m);

        harness.Time.Advance(GridStrategy.PlanRetryBase - TimeSpan.FromSeconds(1));
        Assert.Empty(harness.Evaluate());
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([StrategyNotice.GridPlanFailed], harness.Evaluate().NoticeNames());

        // The second failure waits twice as long.
        harness.Time.Advance(GridStrategy.PlanRetryBase);
        Assert.Empty(harness.Evaluate());
        harness.Time.Advance(GridStrategy.PlanRetryBase);
        Assert.Equal([StrategyNotice.GridPlanFailed], harness.Evaluate().NoticeNames());
        Assert.Equal(harness.Time.GetUtcNow() + 4 * GridStrategy.PlanRetryBase, harness.Strategy.NextPlanAttempt);
    }

    [Fact]
    public void OnCandle_PlanFailedAtAnOutlierPrice_PlansOnceThePriceIsSaneAgain()
    {
        var fresh = new StrategyHarness(Fixed);

        // An outlier candle a thousand times the price: a cell's budget buys less than the market minimum.
        Assert.Equal([StrategyNotice.GridPlanFailed], fresh.Close(1_000_000m).NoticeNames());
        // The next candle closes a minute later, when the retry is due, at the real price.
        var retried = fresh.Close(1000m);

        Assert.Equal(GridPhase.Active, fresh.Strategy.Phase);
        Assert.Contains(StrategyNotice.GridPlanned, retried.NoticeNames());
        Assert.NotEmpty(retried.Placements());
    }

    [Fact]
    public void Restore_StoppedWithoutAReason_IsAFailedPlanFromAnEarlierVersionAndRetriesAtOnce()
    {
        var harness = new StrategyHarness(Fixed);
        var legacy = new GridStrategyState("BTCNOK", GridPhase.Stopped, 0, null, [], Trend.Neutral, false, false);

        harness.Strategy.Restore(legacy);
        var actions = harness.Close(1000m);

        Assert.Equal(GridPhase.Active, harness.Strategy.Phase);
        Assert.NotEmpty(actions.Placements());
    }

    [Fact]
    public void Restore_StoppedWithAReason_StaysStopped()
    {
        var harness = new StrategyHarness(Fixed);
        var stopped = new GridStrategyState("BTCNOK", GridPhase.Stopped, 0, null, [], Trend.Neutral, false, false, "stop-loss at 900");

        harness.Strategy.Restore(stopped);

        Assert.Empty(harness.Close(1000m));
        Assert.Equal(GridPhase.Stopped, harness.Strategy.Phase);
        Assert.Equal("stop-loss at 900", harness.Strategy.StopReason);
    }

    [Fact]
    public void SnapshotRestore_AfterAFill_KeepsHoldingsAndPlanAndPlacesNothingTwice()
    {
        var harness = Started();
        harness.FillCompletely(harness.LiveAt(1));
        harness.Close(985m); // sell of cell 1 now rests on line 2
        var state = harness.Strategy.Snapshot();

        var restarted = new StrategyHarness(Fixed);
        restarted.Strategy.Restore(state);
        foreach (var order in harness.Live)
            restarted.Strategy.OnOrderCreated(order.Id, order.Side, order.Level, order.Cell);
        var actions = restarted.Close(985m);

        Assert.Equal(GridPhase.Active, restarted.Strategy.Phase);
        Assert.Equal(harness.Strategy.Plan, restarted.Strategy.Plan);
        Assert.Equal([0m, 1.01m, 0m, 0m], restarted.Strategy.Held);
        Assert.Equal(state.Epoch, restarted.Strategy.Epoch);
        Assert.Empty(actions.Placements());
    }

    [Fact]
    public void SnapshotRestore_LiveSellNotReRegistered_PlacesItFromTheRestoredHoldings()
    {
        var harness = Started();
        harness.FillCompletely(harness.LiveAt(1));
        harness.Close(985m);
        var buy = harness.LiveAt(0);

        var restarted = new StrategyHarness(Fixed);
        restarted.Strategy.Restore(harness.Strategy.Snapshot());
        restarted.Strategy.OnOrderCreated(buy.Id, buy.Side, buy.Level, buy.Cell);
        var actions = restarted.Close(985m);

        Assert.Equal([Sell(2, 1000m, 1.01m, cell: 1)], actions.Placements());
    }
}
