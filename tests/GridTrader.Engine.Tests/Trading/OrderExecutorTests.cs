using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;
using GridTrader.Engine.Trading;
using GridTrader.Exchanges.Abstractions;

namespace GridTrader.Engine.Tests.Trading;

/// <summary>
/// Placing through risk with a durable intent first, cancelling and expiry. The first ticker asks for buys at 955,000,
/// 970,000 and 985,000 (levels 0, 1 and 2; see <see cref="TradingRig"/>); the reject cooldown is 10 s.
/// </summary>
public sealed class OrderExecutorTests
{
    private const int Level985 = 2;
    private static readonly TimeSpan Cooldown = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Place_Intent_IsCommittedAsSubmittingBeforeTheExchangeIsCalled()
    {
        var rig = new TradingRig();
        var atCall = new List<(OrderRequest Request, OrderCommit? Last)>();
        rig.Exchange.OnPlace = request => atCall.Add((request, rig.Recorded.Commits.LastOrDefault()));

        await rig.LadderAsync();

        Assert.Equal(3, atCall.Count);
        foreach (var (request, last) in atCall)
        {
            Assert.NotNull(last);
            var order = rig.LiveAt(request.Price);
            Assert.Equal(order.Id, last.OrderId);
            Assert.Equal(OrderState.Submitting, last.State);
            Assert.Null(last.ExchangeId);
            Assert.Equal(OrderState.Submitting, Assert.IsType<OrderStateChanged>(Assert.Single(last.Events)).To);
            Assert.NotNull(last.StrategyState); // the grid the order belongs to is durable with it
        }

        Assert.All(rig.LiveOrders(), o => Assert.Equal(OrderState.Open, o.State));
    }

    [Fact]
    public async Task Place_DefiniteRejection_FreesTheLineWithACooldown()
    {
        var rig = new TradingRig();
        var refuse = true;
        rig.Exchange.Refuse = r => refuse && r.Price == 985_000m ? new ExchangeError(ExchangeErrorKind.InsufficientFunds, "Insufficient funds") : null;

        await rig.LadderAsync();

        var rejected = rig.Tracker.All.Single(o => o.Price == 985_000m);
        Assert.Equal(OrderState.Rejected, rejected.State);
        Assert.Null(rig.Tracker.LiveAt(TradingRig.Btc, Level985));
        refuse = false;

        rig.Time.Advance(Cooldown - TimeSpan.FromSeconds(1));
        await rig.Core.EvaluateAsync(rig.BtcSlot);
        Assert.Equal(1, rig.Exchange.PlaceCalls.Count(r => r.Price == 985_000m)); // still cooling down

        rig.Time.Advance(TimeSpan.FromSeconds(1));
        await rig.Core.EvaluateAsync(rig.BtcSlot);
        Assert.Equal(2, rig.Exchange.PlaceCalls.Count(r => r.Price == 985_000m));
        Assert.Equal(OrderState.Open, rig.LiveAt(985_000m).State);
    }

    [Fact]
    public async Task Place_OutcomeUnknown_LeavesTheOrderUnknownAndItsLineOccupied()
    {
        var rig = new TradingRig();
        rig.Exchange.LoseAnswer = r => r.Price == 985_000m;

        await rig.LadderAsync();

        var unknown = rig.LiveAt(985_000m);
        Assert.Equal(OrderState.Unknown, unknown.State);
        Assert.Null(unknown.ExchangeId);
        Assert.Same(unknown, rig.Tracker.LiveAt(TradingRig.Btc, Level985));

        rig.Time.Advance(TimeSpan.FromMinutes(5));
        await rig.Core.EvaluateAsync(rig.BtcSlot);
        await rig.TickAsync();

        Assert.Equal(1, rig.Exchange.PlaceCalls.Count(r => r.Price == 985_000m)); // never sent twice while it may exist
        Assert.Equal(3, rig.OpenOnExchange().Count);
    }

    [Fact]
    public async Task Place_LevelAlreadyCarriesALiveOrder_IsNotSent()
    {
        var rig = new TradingRig();
        // A live order the strategy does not know about occupies level 2 (as after a restart with a lost grid).
        var occupant = rig.Tracker.CreateIntent(TradingRig.Btc, Side.Buy, 985_000m, 0.001m, Level985, Level985, 0, rig.Time.GetUtcNow(), null);

        await rig.LadderAsync();
        rig.Time.Advance(TimeSpan.FromMinutes(1));
        await rig.Core.EvaluateAsync(rig.BtcSlot);

        Assert.DoesNotContain(rig.Exchange.PlaceCalls, r => r.Price == 985_000m);
        Assert.Equal([955_000m, 970_000m], rig.Exchange.PlaceCalls.Select(r => r.Price).Order());
        Assert.Same(occupant, rig.Tracker.LiveAt(TradingRig.Btc, Level985));
        Assert.Equal(2, rig.Observer.Reconciliations.Count(r => r.Kind == "level-occupied"));
    }

    public static TheoryData<string> StateRefusals => ["kill requested", "market paused", "bot paused", "breaker open"];

    [Theory]
    [MemberData(nameof(StateRefusals))]
    public async Task Place_RefusedByAState_WaitsUntilTheStateChanges(string state)
    {
        var rig = new TradingRig();
        await rig.RunningAsync();
        var control = rig.Core.Control;
        switch (state)
        {
            case "kill requested": control.RequestHalt(); break;
            case "market paused": await control.PauseAsync(TradingRig.Btc, "test"); break;
            case "bot paused": await control.PauseAsync(null, "test"); break;
            default: rig.Risk.OnVolatility(TradingRig.Btc, 2.0, 1.0, rig.Time.GetUtcNow()); break;
        }

        await rig.TickAsync();
        Assert.Equal(3, rig.Observer.Rejections.Count);

        // Far past the cooldown the state still holds: retrying would only repeat the refusal.
        rig.Time.Advance(TimeSpan.FromHours(6));
        await rig.Core.EvaluateAsync(rig.BtcSlot);
        await rig.TickAsync();
        Assert.Equal(3, rig.Observer.Rejections.Count);
        Assert.Empty(rig.Exchange.PlaceCalls);

        switch (state)
        {
            case "kill requested":
                await control.EngageKillSwitchAsync("test");
                control.ClearHaltRequest();
                await control.ResumeAsync("test over");
                await control.MoveToAsync(BotState.Starting, "test");
                await control.MoveToAsync(BotState.Running, "test");
                break;
            case "market paused": await control.ResumeMarketAsync(TradingRig.Btc, "test over"); break;
            case "bot paused": await control.ResumeAsync("test over"); break;
            default:
                // What the trading core does with a breaker change: record it and re-open the market's lines. The breaker
                // closes after its cooldown of calm candles.
                Core.Risk.RiskEvent? reset = null;
                for (var i = 0; i < rig.Risk.Settings.CircuitBreakerCooldownCandles; i++) reset = rig.Risk.OnVolatility(TradingRig.Btc, 1.0, 1.0, rig.Time.GetUtcNow());
                await control.ApplyRiskEventAsync(reset!);
                rig.BtcSlot.Strategy.Invalidate();
                break;
        }

        await rig.Core.EvaluateAsync(rig.BtcSlot);
        Assert.Equal(TradingRig.BtcBuys, rig.Exchange.PlaceCalls.Select(r => r.Price).Order());
    }

    [Fact]
    public async Task Place_RefusedByAnOrderRule_RetriesAfterTheCooldown()
    {
        // Every buy is worth about 3,300 NOK: above a 1,000 NOK maximum.
        var rig = new TradingRig(risk: new RiskSettings { MaxOrderValue = 1_000m });

        await rig.LadderAsync();
        Assert.Equal(3, rig.Observer.Rejections.Count);
        Assert.All(rig.Observer.Rejections, r => Assert.Equal(RiskReason.AboveMaximumValue, r.Decision.Reason));

        rig.Time.Advance(Cooldown - TimeSpan.FromSeconds(1));
        await rig.Core.EvaluateAsync(rig.BtcSlot);
        Assert.Equal(3, rig.Observer.Rejections.Count);

        rig.Time.Advance(TimeSpan.FromSeconds(1));
        await rig.Core.EvaluateAsync(rig.BtcSlot);
        Assert.Equal(6, rig.Observer.Rejections.Count);
        Assert.Empty(rig.Exchange.PlaceCalls);
    }

    [Fact]
    public async Task Cancel_UnsentIntent_IsWithdrawnWithoutCallingTheExchange()
    {
        var rig = new TradingRig();
        var intent = rig.Tracker.CreateIntent(TradingRig.Btc, Side.Buy, 900_000m, 0.001m, 0, 0, 0, rig.Time.GetUtcNow(), null);

        await rig.ExecuteAsync([new CancelOrderAction(TradingRig.Btc, intent.Id, CancelReasons.Manual)]);

        Assert.Equal(OrderState.Cancelled, intent.State);
        Assert.Equal(CancelReasons.Manual, intent.CancelReason);
        Assert.Empty(rig.Exchange.CancelCalls);
        Assert.Equal(0, rig.Exchange.CancelAllCalls);
        Assert.Null(rig.Tracker.LiveAt(TradingRig.Btc, 0));
        var commit = Assert.Single(rig.Recorded.CommitsOf(intent.Id));
        var change = Assert.IsType<OrderStateChanged>(Assert.Single(commit.Events));
        Assert.Equal((OrderState.Intent, OrderState.Cancelled), (change.From, change.To));
    }

    [Fact]
    public async Task Cancel_OpenOrder_EndsCancelledOnTheExchangeAndInTheBooks()
    {
        var rig = new TradingRig();
        await rig.LadderAsync();
        var order = rig.LiveAt(970_000m);

        await rig.Core.Orders.CancelAsync(order, CancelReasons.Manual);

        Assert.Equal([order.ExchangeId!.Value], rig.Exchange.CancelCalls);
        Assert.Equal(OrderState.Cancelled, order.State);
        Assert.DoesNotContain(rig.OpenOnExchange(), o => o.Id == order.ExchangeId);
    }

    [Fact]
    public async Task Cancel_OrderThatFilledOnTheExchangeMeanwhile_IsSettledAsFilled()
    {
        var rig = new TradingRig();
        await rig.LadderAsync();
        var order = rig.LiveAt(985_000m);
        rig.MoveTo(TradingRig.Btc, 984_000m); // fills it on the exchange; the bot has not polled yet

        await rig.Core.Orders.CancelAsync(order, CancelReasons.Manual);

        Assert.Equal(OrderState.Filled, order.State);
        Assert.Equal(order.Amount, Assert.Single(rig.Observer.Fills).Amount);
    }

    [Fact]
    public async Task ExpireDue_OrdersPastTheirTimeToLive_AreCancelledAsExpired()
    {
        var rig = new TradingRig(new EngineSettings { OrderTimeToLive = TimeSpan.FromMinutes(2), RejectCooldown = Cooldown });
        var ladder = await rig.LadderAsync();

        rig.Time.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromSeconds(1));
        await rig.Core.Orders.ExpireDueAsync();
        Assert.Empty(rig.Exchange.CancelCalls);

        rig.Time.Advance(TimeSpan.FromSeconds(1));
        await rig.Core.Orders.ExpireDueAsync();

        Assert.Equal(3, rig.Exchange.CancelCalls.Count);
        Assert.All(ladder, o => Assert.Equal((OrderState.Expired, CancelReasons.Expired), (o.State, o.CancelReason)));
        Assert.Empty(rig.OpenOnExchange());
    }
}
