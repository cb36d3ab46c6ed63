using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Core.Risk;

namespace GridTrader.Engine.Tests.Trading;

/// <summary>The bot's state machine and the switches a person or a risk rule throws (see <see cref="TradingRig"/>).</summary>
public sealed class BotControlTests
{
    private readonly TradingRig _rig = new();

    [Fact]
    public async Task EngageKillSwitch_Running_HaltsPersistsTheRiskStateFirstAndCancelsEverything()
    {
        var ladder = await _rig.LadderAsync();
        var intent = _rig.Tracker.CreateIntent(TradingRig.Btc, Side.Sell, 1_030_000m, 0.001m, 5, 4, 0, _rig.Time.GetUtcNow(), null);
        var writesBefore = _rig.Recorded.Writes.Count;

        await _rig.Core.Control.EngageKillSwitchAsync("operator");

        Assert.Equal(BotState.Halted, _rig.Risk.State);
        var saved = _rig.Recorded.RiskStates[^1];
        Assert.True(saved.KillSwitchEngaged);
        Assert.Equal("operator", saved.KillReason);
        Assert.Equal((BotState.Running, BotState.Halted), (_rig.Recorded.BotStates[^1].From, _rig.Recorded.BotStates[^1].To));
        Assert.Contains(_rig.Observer.BotStates, t => t.To == BotState.Halted);
        Assert.Contains(_rig.Recorded.Journal, j => j.Name == RiskEvent.KillEngaged);
        // The kill is durable before the first cancel goes out.
        var writes = _rig.Recorded.Writes.Skip(writesBefore).ToList();
        Assert.True(writes.IndexOf("risk") < writes.IndexOf("commit"), string.Join(", ", writes));

        Assert.Equal(1, _rig.Exchange.CancelAllCalls);
        Assert.Empty(_rig.OpenOnExchange());
        Assert.Equal(0, _rig.Tracker.LiveCount);
        Assert.All(ladder.Append(intent), o => Assert.Equal((OrderState.Cancelled, CancelReasons.KillSwitch), (o.State, o.CancelReason)));
    }

    [Fact]
    public async Task EngageKillSwitch_Engaged_NoNewOrderIsPlaced()
    {
        await _rig.RunningAsync();
        await _rig.Core.Control.EngageKillSwitchAsync("operator");

        await _rig.TickAsync();
        _rig.Time.Advance(TimeSpan.FromHours(1));
        await _rig.Core.EvaluateAsync(_rig.BtcSlot);

        Assert.Empty(_rig.Exchange.PlaceCalls);
        Assert.All(_rig.Observer.Rejections, r => Assert.Equal(RiskReason.KillSwitch, r.Decision.Reason));
    }

    [Fact]
    public async Task Resume_AfterKill_ReleasesTheSwitchAndTradingRestartsThroughStarting()
    {
        await _rig.LadderAsync();
        var control = _rig.Core.Control;
        await control.EngageKillSwitchAsync("operator");

        await control.ResumeAsync("all clear");

        Assert.False(_rig.Risk.KillSwitchEngaged);
        Assert.False(_rig.Recorded.RiskStates[^1].KillSwitchEngaged);
        Assert.Contains(_rig.Recorded.Journal, j => j.Name == RiskEvent.KillReleased);
        Assert.Equal(BotState.Halted, _rig.Risk.State); // the caller reconciles before trading again
        Assert.True(await control.MoveToAsync(BotState.Starting, "reconciling"));
        Assert.True(await control.MoveToAsync(BotState.Running, "reconciled"));
        await _rig.Core.EvaluateAsync(_rig.BtcSlot);
        Assert.Equal(TradingRig.BtcBuys, _rig.OpenOnExchange().Select(o => o.Price).Order());
    }

    [Fact]
    public async Task PauseMarket_OneOfTwoMarkets_StopsOnlyThatMarketUntilItIsResumed()
    {
        var rig = new TradingRig(withEth: true);
        await rig.RunningAsync();

        await rig.Core.Control.PauseAsync(TradingRig.Btc, "maintenance");
        await rig.TickAsync(TradingRig.Btc);
        await rig.TickAsync(TradingRig.Eth);

        Assert.Equal(BotState.Running, rig.Risk.State);
        Assert.Contains(TradingRig.Btc, rig.Recorded.RiskStates[^1].PausedMarkets);
        Assert.Contains(rig.Recorded.Journal, j => j.Name == RiskEvent.MarketPaused && j.Market == TradingRig.Btc);
        Assert.Empty(rig.OpenOnExchange(TradingRig.Btc));
        Assert.Equal(3, rig.OpenOnExchange(TradingRig.Eth).Count);
        Assert.All(rig.Observer.Rejections, r => Assert.Equal((TradingRig.Btc, RiskReason.MarketPaused), (r.Action.Market, r.Decision.Reason)));

        await rig.Core.Control.ResumeMarketAsync(TradingRig.Btc, "done");
        await rig.Core.EvaluateAsync(rig.BtcSlot);

        Assert.DoesNotContain(TradingRig.Btc, rig.Recorded.RiskStates[^1].PausedMarkets);
        Assert.Equal(TradingRig.BtcBuys, rig.OpenOnExchange(TradingRig.Btc).Select(o => o.Price).Order());
    }

    [Fact]
    public async Task PauseAll_Running_MovesToPausedAndRecordsTheTransition()
    {
        await _rig.RunningAsync();

        await _rig.Core.Control.PauseAsync(null, "weekend");

        Assert.Equal(BotState.Paused, _rig.Risk.State);
        Assert.True(_rig.Recorded.RiskStates[^1].GloballyPaused);
        var saved = _rig.Recorded.BotStates[^1];
        Assert.Equal((BotState.Running, BotState.Paused, "weekend"), (saved.From, saved.To, saved.Reason));
        Assert.Contains(_rig.Observer.BotStates, t => t.To == BotState.Paused);
    }

    [Fact]
    public async Task Resume_AfterPauseAll_MovesToRunningAndRecordsTheTransition()
    {
        await _rig.RunningAsync();
        await _rig.Core.Control.PauseAsync(null, "weekend");

        await _rig.Core.Control.ResumeAsync("monday");

        Assert.Equal(BotState.Running, _rig.Risk.State);
        Assert.False(_rig.Recorded.RiskStates[^1].GloballyPaused);
        var saved = _rig.Recorded.BotStates[^1];
        Assert.Equal((BotState.Paused, BotState.Running), (saved.From, saved.To));
        Assert.Contains(_rig.Observer.BotStates, t => t.From == BotState.Paused && t.To == BotState.Running);
    }

    [Theory]
    [InlineData(BotState.Stopped, BotState.Running)]
    [InlineData(BotState.Stopped, BotState.Paused)]
    [InlineData(BotState.Running, BotState.Starting)]
    [InlineData(BotState.Running, BotState.Running)]
    [InlineData(BotState.Halted, BotState.Running)]
    public async Task MoveTo_IllegalTransition_ReturnsFalseAndRecordsNothing(BotState from, BotState to)
    {
        if (from != BotState.Stopped) await _rig.RunningAsync();
        if (from == BotState.Halted) await _rig.Core.Control.EngageKillSwitchAsync("test");
        var saved = _rig.Recorded.BotStates.Count;
        var observed = _rig.Observer.BotStates.Count;

        Assert.False(await _rig.Core.Control.MoveToAsync(to, "not allowed"));

        Assert.Equal(from, _rig.Risk.State);
        Assert.Equal(saved, _rig.Recorded.BotStates.Count);
        Assert.Equal(observed, _rig.Observer.BotStates.Count);
    }

    [Fact]
    public async Task MoveTo_LegalTransition_IsRecordedAndReopensLinesTheOldStateRefused()
    {
        await _rig.TickAsync(); // Stopped: every buy refused until the state changes
        Assert.Equal(3, _rig.Observer.Rejections.Count);

        Assert.True(await _rig.Core.Control.MoveToAsync(BotState.Starting, "start"));
        Assert.True(await _rig.Core.Control.MoveToAsync(BotState.Running, "go"));
        await _rig.Core.EvaluateAsync(_rig.BtcSlot);

        Assert.Equal([(BotState.Stopped, BotState.Starting), (BotState.Starting, BotState.Running)],
            _rig.Recorded.BotStates.Select(t => (t.From, t.To)));
        Assert.Equal(TradingRig.BtcBuys, _rig.OpenOnExchange().Select(o => o.Price).Order());
    }

    [Fact]
    public async Task ApplyRiskEvent_BreakerTripped_IsJournaledAndPersisted()
    {
        var tripped = _rig.Risk.OnVolatility(TradingRig.Btc, 2.0, 1.0, _rig.Time.GetUtcNow())!;

        await _rig.Core.Control.ApplyRiskEventAsync(tripped);

        Assert.Contains(_rig.Observer.RiskEvents, e => e.Name == RiskEvent.CircuitTripped);
        Assert.Contains(_rig.Recorded.Journal, j => j.Name == RiskEvent.CircuitTripped && j.Market == TradingRig.Btc);
        Assert.True(_rig.Recorded.RiskStates[^1].OpenBreakers.ContainsKey(TradingRig.Btc));
    }
}
