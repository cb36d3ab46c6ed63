using System.Reflection;
using GridTrader.Core.MarketData;
using GridTrader.Core.Markets;
using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;
using GridTrader.Core.Tests.TestSupport;

namespace GridTrader.Core.Tests.Risk;

/// <summary>
/// Default limits (20% per market, 80% total, spread ≤ 1%, slippage ≤ 0.5%, order value 100–50 000 NOK, breaker at
/// 30% over the ATR mean, drawdown 25%). The healthy context: equity 1 000 000 NOK, nothing exposed, book
/// 999.5 / 1000 with last 1000; the default order buys 1 BTC at 1000 (value 1000).
/// </summary>
public class RiskManagerTests
{
    private static readonly DateTimeOffset Now = TestMarkets.Start;
    private static readonly MarketInfo Btc = TestMarkets.BtcNok();

    private static readonly RiskContext Healthy = new(Book(999.5m, 1000m, 1000m), Equity: 1_000_000m, MarketExposure: 0m,
        TotalExposure: 0m, AvailableQuote: 1_000_000m, AvailableBase: 10m, FeeRate: 0.005m);

    private static Ticker Book(decimal bid, decimal ask, decimal last) => new(TestMarkets.Symbol, bid, ask, last, Now);

    private static RiskManager Running(RiskSettings? settings = null, RiskState? restored = null)
    {
        var risk = new RiskManager(settings ?? new RiskSettings(), restored);
        risk.StateMachine.MoveTo(BotState.Starting, "start", Now);
        risk.StateMachine.MoveTo(BotState.Running, "reconciled", Now);
        return risk;
    }

    /// <summary>A running manager that has seen these equities, in order.</summary>
    private static RiskManager RunningAfterEquities(params decimal[] equities)
    {
        var risk = Running();
        foreach (var equity in equities) risk.OnEquity(equity, Now);
        return risk;
    }

    private static RiskDecision Buy(RiskManager risk, decimal price = 1000m, decimal amount = 1m, RiskContext? context = null) =>
        risk.Evaluate(Btc, Side.Buy, price, amount, context ?? Healthy);

    private static RiskDecision Sell(RiskManager risk, decimal price = 1000m, decimal amount = 1m, RiskContext? context = null) =>
        risk.Evaluate(Btc, Side.Sell, price, amount, context ?? Healthy);

    private static void AssertRejected(RiskReason expected, RiskDecision decision)
    {
        Assert.False(decision.IsApproved, "expected a rejection");
        Assert.Equal(expected, decision.Reason);
    }

    [Fact]
    public void Evaluate_HealthyOrders_AreApproved()
    {
        var risk = Running();

        Assert.Equal(RiskDecision.Approved, Buy(risk));
        Assert.Equal(RiskDecision.Approved, Sell(risk));
    }

    private static readonly Dictionary<RiskReason, Func<RiskDecision>> OneScenarioPerReason = new()
    {
        [RiskReason.KillSwitch] = () =>
        {
            var risk = Running();
            risk.EngageKillSwitch("operator", Now);
            return Buy(risk);
        },
        [RiskReason.BotNotRunning] = () => Buy(new RiskManager(new RiskSettings())),
        [RiskReason.BotPaused] = () =>
        {
            var risk = Running();
            risk.PauseAll("operator", Now);
            return Buy(risk);
        },
        [RiskReason.MarketPaused] = () =>
        {
            var risk = Running();
            risk.PauseMarket(TestMarkets.Symbol, "operator", Now);
            return Buy(risk);
        },
        [RiskReason.CircuitBreaker] = () =>
        {
            var risk = Running();
            risk.OnVolatility(TestMarkets.Symbol, atr: 20, previousAtr: 10, Now);
            return Buy(risk);
        },
        [RiskReason.NoMarketData] = () => Buy(Running(), context: Healthy with { Ticker = null }),
        [RiskReason.SpreadTooWide] = () => Buy(Running(), context: Healthy with { Ticker = Book(985m, 1000m, 1000m) }),
        [RiskReason.SlippageTooHigh] = () => Buy(Running(), price: 1010m),
        [RiskReason.InvalidOrder] = () => Buy(Running(), price: 0m),
        [RiskReason.BelowMinimumAmount] = () => Buy(Running(), amount: 0.00005m),
        [RiskReason.BelowMinimumValue] = () => Buy(Running(), amount: 0.05m),
        [RiskReason.AboveMaximumValue] = () => Buy(Running(), amount: 60m),
        [RiskReason.MarketCapExceeded] = () => Buy(Running(), context: Healthy with { MarketExposure = 199_500m }),
        [RiskReason.TotalExposureExceeded] = () => Buy(Running(), context: Healthy with { TotalExposure = 799_500m }),
        [RiskReason.InsufficientBalance] = () => Buy(Running(), context: Healthy with { AvailableQuote = 0m }),
        [RiskReason.DrawdownStop] = () => Buy(RunningAfterEquities(100m, 50m)),
    };

    public static TheoryData<RiskReason> EveryReason => new(Enum.GetValues<RiskReason>());

    [Theory]
    [MemberData(nameof(EveryReason))]
    public void Evaluate_EveryReason_IsReachable(RiskReason reason)
    {
        Assert.True(OneScenarioPerReason.TryGetValue(reason, out var scenario), $"no scenario reaches {reason}");

        var decision = scenario();

        AssertRejected(reason, decision);
        Assert.False(string.IsNullOrWhiteSpace(decision.Message));
        Assert.Equal(RiskReasonCodes.ToCode(reason), decision.Code);
    }

    [Fact]
    public void Evaluate_OrderFailingEveryCheck_ReportsTheChecksInTheDocumentedOrderAsEachIsCleared()
    {
        // One buy (1000 × 0.2 = 200 NOK) that fails every check at once; each step clears only the reason just
        // reported, so the next reason must be the next check in the documented order.
        var risk = Running();
        risk.PauseMarket(TestMarkets.Symbol, "operator", Now);
        risk.OnVolatility(TestMarkets.Symbol, atr: 20, previousAtr: 10, Now);
        risk.EngageKillSwitch("operator", Now);
        var context = new RiskContext(Book(bid: 980m, ask: 1000m, last: 900m), Equity: 1000m, MarketExposure: 150m, TotalExposure: 750m,
            AvailableQuote: 0m, AvailableBase: 0m, FeeRate: 0.005m);
        RiskReason? Next() => Buy(risk, 1000m, 0.2m, context).Reason;

        Assert.Equal(RiskReason.KillSwitch, Next()); // also spread 2%, slippage 11%, caps 35% / 95%, no balance
        risk.Resume("operator", Now); // releases the kill-switch; the bot is still Halted
        Assert.Equal(RiskReason.BotNotRunning, Next());
        risk.StateMachine.MoveTo(BotState.Starting, "restart", Now);
        risk.PauseAll("operator", Now);
        Assert.Equal(RiskReason.BotPaused, Next());
        risk.Resume("operator", Now); // Paused → Running
        risk.OnEquity(100_000m, Now);
        risk.OnEquity(50_000m, Now); // drawdown 50%: the last check now fails too
        Assert.Equal(RiskReason.MarketPaused, Next());
        risk.ResumeMarket(TestMarkets.Symbol, "operator", Now);
        Assert.Equal(RiskReason.CircuitBreaker, Next());
        for (var i = 0; i < risk.Settings.CircuitBreakerCooldownCandles; i++) risk.OnVolatility(TestMarkets.Symbol, atr: 10, previousAtr: 10, Now);
        Assert.Equal(RiskReason.SpreadTooWide, Next()); // (1000 − 980) / 980 = 2.04%
        context = context with { Ticker = Book(bid: 999m, ask: 1000m, last: 900m) };
        Assert.Equal(RiskReason.SlippageTooHigh, Next()); // 1000 > 900 × 1.005
        context = context with { Ticker = Book(bid: 999m, ask: 1000m, last: 1000m) };
        Assert.Equal(RiskReason.MarketCapExceeded, Next()); // (150 + 200) / 1000 = 35%
        context = context with { MarketExposure = 0m };
        Assert.Equal(RiskReason.TotalExposureExceeded, Next()); // (750 + 200) / 1000 = 95%
        context = context with { TotalExposure = 0m };
        Assert.Equal(RiskReason.InsufficientBalance, Next()); // needs 200 × 1.005 = 201
        context = context with { AvailableQuote = 201m };
        Assert.Equal(RiskReason.DrawdownStop, Next());
        risk.Resume("operator", Now);
        Assert.Null(Next());
    }

    [Fact]
    public void Evaluate_InvalidOrderWithoutMarketData_ReportsTheInvalidOrder()
    {
        AssertRejected(RiskReason.InvalidOrder, Buy(Running(), price: -1m, context: Healthy with { Ticker = null }));
    }

    [Fact]
    public void Evaluate_TooSmallOrderOverTheCaps_ReportsTheSizeFirst()
    {
        var context = Healthy with { MarketExposure = 900_000m, TotalExposure = 900_000m, AvailableQuote = 0m };

        // 0.00005 BTC is below both the minimum amount and (at 0.05 NOK) the minimum value: amount comes first.
        AssertRejected(RiskReason.BelowMinimumAmount, Buy(Running(), amount: 0.00005m, context: context));
        AssertRejected(RiskReason.BelowMinimumValue, Buy(Running(), amount: 0.05m, context: context));
    }

    [Fact]
    [Trait("Original", "kill-switch toggle")]
    public void KillSwitch_EngagedThenRestored_HaltsUntilAPersonResumes()
    {
        var risk = Running();

        var engaged = risk.EngageKillSwitch("operator pressed stop", Now);

        Assert.Equal(RiskEvent.KillEngaged, Assert.Single(engaged).Name);
        Assert.Equal(BotState.Halted, risk.State);
        AssertRejected(RiskReason.KillSwitch, Buy(risk));
        AssertRejected(RiskReason.KillSwitch, Sell(risk));

        // A restart: the new manager is built from the persisted snapshot and the bot reconciles back to Running.
        var restarted = Running(restored: risk.Snapshot());

        Assert.True(restarted.KillSwitchEngaged);
        Assert.Equal("operator pressed stop", restarted.KillReason);
        Assert.Equal(Now, restarted.KilledAt);
        AssertRejected(RiskReason.KillSwitch, Buy(restarted));

        var released = restarted.Resume("operator", Now.AddHours(1));

        Assert.Equal(RiskEvent.KillReleased, Assert.Single(released).Name);
        Assert.False(restarted.KillSwitchEngaged);
        Assert.Equal(RiskDecision.Approved, Buy(restarted));
        Assert.False(Running(restored: restarted.Snapshot()).KillSwitchEngaged);
    }

    [Fact]
    public void Resume_AfterKillSwitch_TradesOnlyAfterReconcilingAgain()
    {
        var risk = Running();
        risk.EngageKillSwitch("operator", Now);

        risk.Resume("operator", Now);

        Assert.Equal(BotState.Halted, risk.State);
        AssertRejected(RiskReason.BotNotRunning, Buy(risk));
        risk.StateMachine.MoveTo(BotState.Starting, "reconcile", Now);
        AssertRejected(RiskReason.BotNotRunning, Buy(risk));
        risk.StateMachine.MoveTo(BotState.Running, "reconciled", Now);
        Assert.True(Buy(risk).IsApproved);
    }

    [Fact]
    public void EngageKillSwitch_Twice_ReportsOnceAndKeepsTheFirstReason()
    {
        var risk = Running();
        risk.EngageKillSwitch("first", Now);

        Assert.Empty(risk.EngageKillSwitch("second", Now.AddMinutes(1)));
        Assert.Equal("first", risk.KillReason);
        Assert.Equal(Now, risk.KilledAt);
    }

    [Theory]
    [Trait("Original", "capital allocation limit")]
    [InlineData(1500, 0.5, true)] // (1500 + 500) / 10 000 = 20%: at the cap
    [InlineData(1500, 0.6, false)] // (1500 + 600) / 10 000 = 21%
    [InlineData(0, 2.1, false)] // a single order worth 21% on its own
    public void Evaluate_BuyAgainstTheMarketCap_AllowsUpToTwentyPercentOfEquity(decimal marketExposure, decimal amount, bool approved)
    {
        var context = Healthy with { Equity = 10_000m, MarketExposure = marketExposure, TotalExposure = marketExposure };

        var decision = Buy(Running(), amount: amount, context: context);

        if (approved) Assert.True(decision.IsApproved, decision.ToString());
        else AssertRejected(RiskReason.MarketCapExceeded, decision);
    }

    [Theory]
    [Trait("Original", "capital allocation limit")]
    [InlineData(7500, 0.5, true)] // (7500 + 500) / 10 000 = 80%: at the cap
    [InlineData(7500, 0.6, false)] // 81%
    public void Evaluate_BuyAgainstTheTotalCap_AllowsUpToEightyPercentOfEquity(decimal totalExposure, decimal amount, bool approved)
    {
        var context = Healthy with { Equity = 10_000m, MarketExposure = 0m, TotalExposure = totalExposure };

        var decision = Buy(Running(), amount: amount, context: context);

        if (approved) Assert.True(decision.IsApproved, decision.ToString());
        else AssertRejected(RiskReason.TotalExposureExceeded, decision);
    }

    [Fact]
    public void Evaluate_SellWhileOverTheCaps_IsApprovedBecauseItReducesExposure()
    {
        var context = Healthy with { Equity = 10_000m, MarketExposure = 9000m, TotalExposure = 9000m, AvailableQuote = 0m };

        Assert.True(Sell(Running(), context: context).IsApproved);
    }

    [Theory]
    [Trait("Original", "order validation")]
    [InlineData(0, 1, RiskReason.InvalidOrder)]
    [InlineData(-1000, 1, RiskReason.InvalidOrder)]
    [InlineData(1000, 0, RiskReason.InvalidOrder)]
    [InlineData(1000, -1, RiskReason.InvalidOrder)]
    [InlineData(1000, 0.00009, RiskReason.BelowMinimumAmount)] // minimum 0.0001 BTC
    [InlineData(1000, 0.0999, RiskReason.BelowMinimumValue)] // 99.9 NOK < 100
    [InlineData(1000, 50.001, RiskReason.AboveMaximumValue)] // 50 001 NOK > 50 000
    public void Evaluate_InvalidOrder_IsRejectedWithItsReason(decimal price, decimal amount, RiskReason expected)
    {
        AssertRejected(expected, Buy(Running(), price, amount));
    }

    [Theory]
    [Trait("Original", "order validation")]
    [InlineData(0.1)] // exactly 100 NOK
    [InlineData(50)] // exactly 50 000 NOK
    public void Evaluate_OrderValueAtTheLimits_IsApproved(decimal amount)
    {
        Assert.True(Buy(Running(), amount: amount).IsApproved);
    }

    [Fact]
    public void Evaluate_MarketMinimumAboveTheRiskMinimum_UsesTheLarger()
    {
        var market = TestMarkets.BtcNok(minOrderValue: 200m);

        var decision = Running().Evaluate(market, Side.Buy, 1000m, 0.15m, Healthy); // 150 NOK: above 100, below 200

        AssertRejected(RiskReason.BelowMinimumValue, decision);
    }

    [Fact]
    [Trait("Original", "ATR spike circuit breaker")]
    public void OnVolatility_AtrJumpsPastThirtyPercentInOneCandle_TripsAndRejectsEveryOrderOfTheMarket()
    {
        var risk = Running();

        Assert.Null(risk.OnVolatility(TestMarkets.Symbol, atr: 13.0, previousAtr: 10, Now)); // +30%: not above the limit
        var tripped = risk.OnVolatility(TestMarkets.Symbol, atr: 13.1, previousAtr: 10, Now); // +31%

        Assert.Equal(RiskEvent.CircuitTripped, tripped?.Name);
        Assert.Contains("31.0", tripped!.Message, StringComparison.Ordinal);
        Assert.True(risk.IsBreakerOpen(TestMarkets.Symbol));
        AssertRejected(RiskReason.CircuitBreaker, Buy(risk));
        AssertRejected(RiskReason.CircuitBreaker, Sell(risk));
    }

    [Fact]
    public void OnVolatility_OneMinuteCandles_TripAtTheirIntervalsDefaultAndAConfiguredJumpAppliesToEveryInterval()
    {
        var risk = Running();
        risk.UseCandleInterval(TestMarkets.Symbol, TimeSpan.FromMinutes(1)); // default 150 %

        Assert.Null(risk.OnVolatility(TestMarkets.Symbol, atr: 20.0, previousAtr: 10, Now)); // +100 %: ordinary on 1m candles
        var tripped = risk.OnVolatility(TestMarkets.Symbol, atr: 26.0, previousAtr: 10, Now); // +160 %
        Assert.Equal(RiskEvent.CircuitTripped, tripped?.Name);
        Assert.Contains("limit 150", tripped!.Message, StringComparison.Ordinal);
        // A market without a known interval trips at the hourly default.
        Assert.Equal(0.3, risk.TripJump("ETHNOK"));

        var configured = new RiskManager(new RiskSettings { CircuitBreakerAtrJump = 0.5m });
        configured.UseCandleInterval(TestMarkets.Symbol, TimeSpan.FromMinutes(1));
        Assert.Equal(0.5, configured.TripJump(TestMarkets.Symbol));
    }

    [Theory]
    [InlineData(1, 1.5)]
    [InlineData(2, 1.5)]
    [InlineData(5, 0.75)]
    [InlineData(10, 0.75)]
    [InlineData(15, 0.5)]
    [InlineData(60, 0.3)]
    [InlineData(240, 0.3)]
    public void DefaultAtrJumpFor_Interval_IsTheEntryOfTheLongestListedIntervalNotLongerThanIt(int minutes, double expected)
    {
        Assert.Equal((decimal)expected, RiskSettings.DefaultAtrJumpFor(TimeSpan.FromMinutes(minutes)));
    }

    [Fact]
    public void OnVolatility_HighButSteadyAtr_NeverTrips()
    {
        var risk = Running();

        // Twice its usual level, but rising only 5% a candle: a volatile spell (the strategy's spike), not a shock.
        var atr = 10.0;
        for (var i = 0; i < 15; i++, atr *= 1.05) Assert.Null(risk.OnVolatility(TestMarkets.Symbol, atr * 1.05, atr, Now));

        Assert.False(risk.IsBreakerOpen(TestMarkets.Symbol));
    }

    [Fact]
    public void OnVolatility_Open_ClosesAfterTheCooldownOfCalmCandlesAndAJumpRestartsTheCount()
    {
        var risk = Running();
        risk.OnVolatility(TestMarkets.Symbol, atr: 20, previousAtr: 10, Now);
        var cooldown = risk.Settings.CircuitBreakerCooldownCandles;

        for (var i = 0; i < cooldown - 1; i++) Assert.Null(risk.OnVolatility(TestMarkets.Symbol, atr: 20, previousAtr: 20, Now));
        Assert.Null(risk.OnVolatility(TestMarkets.Symbol, atr: 30, previousAtr: 20, Now)); // another jump: the count starts again
        for (var i = 0; i < cooldown - 1; i++) Assert.Null(risk.OnVolatility(TestMarkets.Symbol, atr: 30, previousAtr: 30, Now));
        AssertRejected(RiskReason.CircuitBreaker, Buy(risk));

        var reset = risk.OnVolatility(TestMarkets.Symbol, atr: 29, previousAtr: 30, Now);

        Assert.Equal(RiskEvent.CircuitReset, reset?.Name);
        Assert.True(Buy(risk).IsApproved);
    }

    [Fact]
    public void OnVolatility_BreakerOpenOnOneMarket_LeavesOthersTrading()
    {
        var risk = Running();
        risk.OnVolatility("ETHNOK", atr: 20, previousAtr: 10, Now);

        Assert.True(Buy(risk).IsApproved);
        Assert.True(risk.IsBreakerOpen("ethnok"));
    }

    [Theory]
    [InlineData(double.NaN, 10)]
    [InlineData(20, 0)]
    [InlineData(20, double.NaN)]
    public void OnVolatility_IndicatorNotReady_NeverTrips(double atr, double previous)
    {
        var risk = Running();

        Assert.Null(risk.OnVolatility(TestMarkets.Symbol, atr, previous, Now));
        Assert.False(risk.IsBreakerOpen(TestMarkets.Symbol));
    }

    [Theory]
    [Trait("Original", "spread check")]
    [InlineData(985, false)] // (1000 − 985) / 985 = 1.52% > 1%
    [InlineData(990, false)] // (1000 − 990) / 990 = 1.0101%: just over, the spread is in percent of the bid
    [InlineData(995, true)] // 0.50%
    [InlineData(999.99, true)] // 0.001%: a tight book is fine — the limit is a maximum
    public void Evaluate_Spread_IsAMaximum(decimal bid, bool approved)
    {
        var decision = Buy(Running(), context: Healthy with { Ticker = Book(bid, 1000m, 1000m) });

        if (approved) Assert.True(decision.IsApproved, decision.ToString());
        else AssertRejected(RiskReason.SpreadTooWide, decision);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(1001)] // crossed book: bid above ask
    public void Evaluate_NoUsableBook_IsRejectedForMissingMarketData(int? bid)
    {
        var context = Healthy with { Ticker = bid is { } b ? Book(b, 1000m, 1000m) : null };

        AssertRejected(RiskReason.NoMarketData, Buy(Running(), context: context));
    }

    [Theory]
    [InlineData(Side.Buy, 1005, true)] // exactly 0.5% above last
    [InlineData(Side.Buy, 1005.01, false)]
    [InlineData(Side.Sell, 995, true)] // exactly 0.5% below last
    [InlineData(Side.Sell, 994.99, false)]
    [InlineData(Side.Buy, 900, true)] // a buy below the price is never slippage
    [InlineData(Side.Sell, 1100, true)]
    public void Evaluate_PriceAwayFromLast_RejectsOnlyTheMarketableSide(Side side, decimal price, bool approved)
    {
        var decision = Running().Evaluate(Btc, side, price, 1m, Healthy);

        if (approved) Assert.True(decision.IsApproved, decision.ToString());
        else AssertRejected(RiskReason.SlippageTooHigh, decision);
    }

    [Theory]
    [InlineData(1004.99, false)] // 1000 × 1.005 = 1005 needed
    [InlineData(1005, true)]
    public void Evaluate_BuyBalance_MustCoverValuePlusFee(decimal available, bool approved)
    {
        var decision = Buy(Running(), context: Healthy with { AvailableQuote = available });

        if (approved) Assert.True(decision.IsApproved, decision.ToString());
        else AssertRejected(RiskReason.InsufficientBalance, decision);
    }

    [Fact]
    public void Evaluate_SellBeyondTheBaseBalance_IsRejected()
    {
        AssertRejected(RiskReason.InsufficientBalance, Sell(Running(), amount: 2m, context: Healthy with { AvailableBase = 1.5m }));
    }

    [Fact]
    public void OnEquity_DrawdownBeyondTheLimit_StopsBuysButNotSells()
    {
        var risk = RunningAfterEquities(10_000m);

        Assert.Null(risk.OnEquity(7500m, Now)); // exactly 25%: at the limit
        var tripped = risk.OnEquity(7499m, Now);

        Assert.Equal(RiskEvent.DrawdownTripped, tripped?.Name);
        Assert.Equal(25.01m, risk.DrawdownPct); // (10 000 − 7499) / 10 000
        AssertRejected(RiskReason.DrawdownStop, Buy(risk));
        Assert.True(Sell(risk).IsApproved);
    }

    [Fact]
    public void OnEquity_PeakPersistedAcrossARestart_StillTripsTheDrawdownStop()
    {
        var before = RunningAfterEquities(10_000m);

        var restarted = Running(restored: before.Snapshot());
        var tripped = restarted.OnEquity(7400m, Now);

        // Without the persisted peak, 7400 would simply be the first (and highest) equity seen.
        Assert.Null(Running().OnEquity(7400m, Now));
        Assert.Equal(10_000m, restarted.PeakEquity);
        Assert.Equal(RiskEvent.DrawdownTripped, tripped?.Name);
        AssertRejected(RiskReason.DrawdownStop, Buy(restarted));
    }

    [Fact]
    public void OnEquity_TrippedStopPersisted_StaysTrippedAfterRestart()
    {
        var before = RunningAfterEquities(10_000m, 7000m);

        var restarted = Running(restored: before.Snapshot());

        Assert.True(restarted.DrawdownTripped);
        AssertRejected(RiskReason.DrawdownStop, Buy(restarted));
    }

    [Fact]
    public void Resume_AfterDrawdownStop_TakesTheCurrentEquityAsTheNewPeak()
    {
        var risk = RunningAfterEquities(10_000m, 7400m);

        risk.Resume("accepted the loss", Now);

        Assert.Equal(7400m, risk.PeakEquity);
        Assert.True(Buy(risk).IsApproved);
        Assert.Null(risk.OnEquity(5550m, Now)); // 7400 × 0.75 = 5550: at the limit
        Assert.NotNull(risk.OnEquity(5549m, Now));
    }

    [Fact]
    public void PauseAll_ThenResume_BlocksAndReleasesEveryMarket()
    {
        var risk = Running();

        Assert.Equal(RiskEvent.BotPaused, Assert.Single(risk.PauseAll("operator", Now)).Name);
        Assert.Equal(BotState.Paused, risk.State);
        AssertRejected(RiskReason.BotPaused, Buy(risk));

        Assert.Equal(RiskEvent.BotResumed, Assert.Single(risk.Resume("operator", Now)).Name);
        Assert.Equal(BotState.Running, risk.State);
        Assert.True(Buy(risk).IsApproved);
    }

    [Fact]
    public void PauseMarket_OneMarket_BlocksOnlyThatMarketAndSurvivesRestart()
    {
        var risk = Running();
        risk.PauseMarket("btcnok", "operator", Now);
        var eth = MarketInfo.FromSymbol("ETHNOK");

        var restarted = Running(restored: risk.Snapshot());

        AssertRejected(RiskReason.MarketPaused, Buy(restarted));
        Assert.True(restarted.Evaluate(eth, Side.Buy, 1000m, 1m, Healthy).IsApproved);
        Assert.Single(restarted.ResumeMarket(TestMarkets.Symbol, "operator", Now));
        Assert.True(Buy(restarted).IsApproved);
    }

    [Fact]
    public void Snapshot_OpenBreaker_SurvivesRestart()
    {
        var risk = Running();
        risk.OnVolatility(TestMarkets.Symbol, atr: 20, previousAtr: 10, Now);

        var restarted = Running(restored: risk.Snapshot());

        Assert.Equal(Now, restarted.OpenBreakers[TestMarkets.Symbol]);
        AssertRejected(RiskReason.CircuitBreaker, Buy(restarted));
    }

    [Fact]
    public void Evaluate_CancelsAreNotARiskDecision_NoGateTakesACancel()
    {
        // Cancels must never be blocked (a kill-switch cancels every open order). The pipeline's only gate is
        // Evaluate, which judges a new order by side, price and amount; nothing accepts a cancel or an order id.
        var methods = typeof(RiskManager).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);

        var gate = Assert.Single(methods, m => m.ReturnType == typeof(RiskDecision));
        Assert.Equal(nameof(RiskManager.Evaluate), gate.Name);
        Assert.Contains(gate.GetParameters(), p => p.ParameterType == typeof(Side));
        Assert.DoesNotContain(methods, m => m.Name.Contains("Cancel", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(methods.SelectMany(m => m.GetParameters()),
            p => p.ParameterType == typeof(CancelOrderAction) || typeof(StrategyAction).IsAssignableFrom(p.ParameterType));
    }

    [Fact]
    public void DryRun_DefaultSettings_IsOn()
    {
        // The original bot declared dry_run and still sent orders; here it exists and defaults to safe. (That it
        // survives configuration and is flagged in live mode is tested with the configuration.)
        Assert.True(new RiskSettings().DryRun);
    }

    [Fact]
    public void RiskDecision_Rejected_FormatsItsCodeAndMessage()
    {
        var decision = RiskDecision.Reject(RiskReason.SpreadTooWide, "Spread 2% exceeds the limit 1%.");

        Assert.Equal("spread-too-wide", decision.Code);
        Assert.Equal("spread-too-wide: Spread 2% exceeds the limit 1%.", decision.ToString());
        Assert.Equal("approved", RiskDecision.Approved.Code);
    }
}
