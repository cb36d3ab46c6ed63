using GridTrader.Core.Accounting;
using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Logging;

namespace GridTrader.Integration.Tests.Logging;

public sealed class EngineLogObserverTests
{
    private static readonly DateTimeOffset T0 = new(2025, 7, 1, 12, 0, 0, TimeSpan.Zero);

    private static TrackedOrder Order(long id = 7) => new(id, "BTCNOK", Side.Buy, 650_000.50m, 0.0015m, 3, 1, 1, T0, null);

    [Fact]
    public void EngineLogObserver_EveryCallback_LogsItsStableEventName()
    {
        using var log = new LogHarness();
        var observer = new EngineLogObserver(log.Logger());
        var order = Order();
        foreach (var state in Enum.GetValues<OrderState>())
            observer.OnOrderEvent(order, new OrderStateChanged(order.Id, order.Market, OrderState.Submitting, state, "why", T0));
        observer.OnFill(new Fill(7, "BTCNOK", "BTC", "NOK", Side.Sell, 651_000m, 0.0015m, 4.88m, "NOK", T0, 3), 12.34m);
        observer.OnPlacementRejected(Place(), RiskDecision.Reject(RiskReason.InsufficientBalance, "needs 975 NOK, has 10"));
        observer.OnExchangeError("place", "BTCNOK", new ExchangeError(ExchangeErrorKind.ServerError, "bad gateway", 502));
        foreach (var name in new[]
                 {
                     RiskEvent.KillEngaged, RiskEvent.KillReleased, RiskEvent.CircuitTripped, RiskEvent.CircuitReset, RiskEvent.DrawdownTripped,
                     RiskEvent.MarketPaused, RiskEvent.MarketResumed, RiskEvent.BotPaused, RiskEvent.BotResumed,
                 })
            observer.OnRiskEvent(new RiskEvent(name, "BTCNOK", "message", T0));
        foreach (var name in new[]
                 {
                     StrategyNotice.GridPlanned, StrategyNotice.GridPlanFailed, StrategyNotice.TrendChanged, StrategyNotice.SpikeStarted,
                     StrategyNotice.SpikeEnded, StrategyNotice.OutOfBand, StrategyNotice.Recentering,
                 })
            observer.OnNotice(new StrategyNotice("BTCNOK", name, "message"));
        observer.OnBotState(new BotStateTransition(BotState.Running, BotState.Halted, "kill-switch", T0));
        foreach (var kind in new[] { "adopted", "not-placed", "foreign", "invalid-snapshot" })
            observer.OnReconciliation("BTCNOK", kind, "message");

        var names = log.Records().Select(r => r.Event).ToHashSet();

        string[] expected =
        [
            "order.intent", "order.submitting", "order.placed", "order.partially_filled", "order.filled", "order.cancelled", "order.expired",
            "order.rejected", "order.unknown", "fill", "risk.rejected", "exchange.error", "kill.engaged", "kill.released", "circuit.tripped",
            "circuit.reset", "drawdown.tripped", "market.paused", "market.resumed", "bot.paused", "bot.resumed", "grid.planned",
            "grid.plan_failed", "trend.changed", "volatility.spike", "volatility.normal", "grid.out_of_band", "grid.recentering", "bot.state",
            "reconcile.adopted", "reconcile.not-placed", "reconcile.foreign", "reconcile.invalid-snapshot",
        ];
        Assert.Empty(expected.Except(names));
    }

    [Theory]
    [InlineData(OrderState.Intent, "order.intent")]
    [InlineData(OrderState.Submitting, "order.submitting")]
    [InlineData(OrderState.Open, "order.placed")]
    [InlineData(OrderState.PartiallyFilled, "order.partially_filled")]
    [InlineData(OrderState.Filled, "order.filled")]
    [InlineData(OrderState.Cancelled, "order.cancelled")]
    [InlineData(OrderState.Expired, "order.expired")]
    [InlineData(OrderState.Rejected, "order.rejected")]
    [InlineData(OrderState.Unknown, "order.unknown")]
    public void EngineLogObserver_OrderStateChanged_MapsTargetStateToEventName(OrderState to, string expected)
    {
        using var log = new LogHarness();
        var order = Order(42);
        new EngineLogObserver(log.Logger()).OnOrderEvent(order, new OrderStateChanged(42, "BTCNOK", OrderState.Submitting, to, "reason", T0));

        var record = Assert.Single(log.Records());
        Assert.Equal(expected, record.Event);
        Assert.Equal("BTCNOK", record.Market);
        Assert.Equal("42", record.Property("OrderId"));
        Assert.Equal("Buy", record.Property("Side"));
        Assert.Equal("650000.50", record.Property("Price"));
        Assert.Equal("0.0015", record.Property("Amount"));
        Assert.Equal("3", record.Property("Level"));
    }

    [Fact]
    public void EngineLogObserver_OrderFilledEvent_IsLoggedOnlyAsFill()
    {
        using var log = new LogHarness();
        var observer = new EngineLogObserver(log.Logger());
        var order = Order();
        observer.OnOrderEvent(order, new OrderFilled(7, 99, "BTCNOK", Side.Buy, 3, 1, 650_000m, 0.001m, 0.001m, 0.0005m, false, T0));

        Assert.Empty(log.Records());
    }

    [Fact]
    public void EngineLogObserver_Fill_CarriesRealizedPnlFeeAndFeeCurrency()
    {
        using var log = new LogHarness();
        new EngineLogObserver(log.Logger()).OnFill(new Fill(7, "BTCNOK", "BTC", "NOK", Side.Sell, 651_000m, 0.0015m, 4.8825m, "NOK", T0, 4), 12.34m);

        var record = Assert.Single(log.Records());
        Assert.Equal("fill", record.Event);
        Assert.Equal("12.34", record.Property("RealizedPnl"));
        Assert.Equal("4.8825", record.Property("Fee"));
        Assert.Equal("NOK", record.Property("FeeCurrency"));
        Assert.Equal("Sell", record.Property("Side"));
        Assert.Equal("4", record.Property("Level"));
        Assert.Equal("7", record.Property("OrderId"));
        Assert.Contains("P&L 12.34 NOK", record.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EngineLogObserver_PlacementRejected_ReasonIsTheRiskCode()
    {
        using var log = new LogHarness();
        var observer = new EngineLogObserver(log.Logger());
        observer.OnPlacementRejected(Place(), RiskDecision.Reject(RiskReason.CircuitBreaker, "3 rejections in a minute"));
        observer.OnPlacementRejected(Place(), RiskDecision.Reject(RiskReason.BelowMinimumValue, "below 50 NOK"));

        var records = log.Records();
        Assert.All(records, r => Assert.Equal("risk.rejected", r.Event));
        Assert.Equal(["circuit-breaker", "below-minimum-value"], records.Select(r => r.Property("Reason")));
        // A notable rejection stands out from the routine ones.
        Assert.Equal(["Warning", "Information"], records.Select(r => r.Level));
    }

    [Fact]
    public void EngineLogObserver_NamesThisBuildDoesNotKnow_AreLoggedVerbatim()
    {
        using var log = new LogHarness();
        var observer = new EngineLogObserver(log.Logger());
        observer.OnRiskEvent(new RiskEvent("exposure.warning", null, "near the cap", T0));
        observer.OnNotice(new StrategyNotice("ETHNOK", "grid.widened", "wider"));
        observer.OnReconciliation("ETHNOK", "missed-fill", "matched while offline");
        observer.OnReconciliation("ETHNOK", "duplicate", "two orders on one line");
        observer.OnReconciliation("ETHNOK", "execution-price", "Order #23: 0.1 filled at 990 (limit 1000), from the trade history.");

        var records = log.Records();
        Assert.Equal(["exposure.warning", "grid.widened", "reconcile.missed-fill", "reconcile.duplicate", "reconcile.execution-price"], records.Select(r => r.Event));
        Assert.Equal("*", records[0].Market);
        // A taker fill paid better than its limit is a fact, not a finding: it does not reach the console as a warning.
        Assert.Equal(["Warning", "Information"], records.TakeLast(2).Select(r => r.Level));
    }

    private static PlaceOrderAction Place() => new("BTCNOK", Side.Buy, 650_000m, 0.0015m, 3, 1, 1, "grid");
}
