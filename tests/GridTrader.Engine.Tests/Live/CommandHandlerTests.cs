using GridTrader.Core.Markets;
using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;
using GridTrader.Engine.Live;
using GridTrader.Engine.Tests.Trading;

namespace GridTrader.Engine.Tests.Live;

/// <summary>Each operator command's effect on the engine and its answer (see <see cref="TradingRig"/>).</summary>
public sealed class CommandHandlerTests
{
    private readonly TradingRig _rig = new();
    private readonly CommandHandler _handler;

    public CommandHandlerTests() => _handler = new CommandHandler(_rig.Core);

    private Task<string> ApplyAsync(EngineCommand command) => _handler.ApplyAsync(command, CancellationToken.None);

    [Fact]
    public async Task Kill_RestingLadder_CancelsEverythingHaltsAndSaysWhatIsLeft()
    {
        await _rig.LadderAsync();
        _rig.Core.Control.RequestHalt(); // what LiveEngine.SendAsync does the moment a kill arrives

        var answer = await ApplyAsync(new KillCommand("operator"));

        Assert.Equal("kill-switch engaged; 0 order(s) still live", answer);
        Assert.Equal(BotState.Halted, _rig.Risk.State);
        Assert.True(_rig.Risk.KillSwitchEngaged);
        Assert.Empty(_rig.OpenOnExchange());
    }

    [Fact]
    public async Task Resume_AfterKill_ReconcilesThenRunsAndRebuildsTheLadder()
    {
        await _rig.LadderAsync();
        _rig.Core.Control.RequestHalt();
        await ApplyAsync(new KillCommand("operator"));
        var foreign = _rig.PlaceDirectly(Side.Buy, 800_000m, 0.001m); // placed by hand while the bot was halted

        var answer = await ApplyAsync(new ResumeCommand("all clear"));

        Assert.Equal("resumed; state Running", answer);
        Assert.False(_rig.Risk.KillSwitchEngaged);
        Assert.Equal([(BotState.Halted, BotState.Starting), (BotState.Starting, BotState.Running)],
            _rig.Recorded.BotStates.TakeLast(2).Select(t => (t.From, t.To)));
        Assert.Contains(_rig.Observer.Reconciliations, r => r.Kind == "foreign" && r.Message.Contains(foreign.ToString(), StringComparison.Ordinal));
        Assert.Equal(TradingRig.BtcBuys, _rig.OpenOnExchange().Where(o => o.Id != foreign).Select(o => o.Price).Order());
    }

    [Fact]
    public async Task PauseAll_Running_PausesEveryMarketAndSaysSo()
    {
        await _rig.RunningAsync();

        var answer = await ApplyAsync(new PauseCommand(null, "weekend"));

        Assert.Equal("all markets paused", answer);
        Assert.Equal(BotState.Paused, _rig.Risk.State);
        Assert.True(_rig.Risk.GloballyPaused);
        await _rig.TickAsync();
        Assert.Empty(_rig.Exchange.PlaceCalls);
    }

    [Fact]
    public async Task Resume_AfterPauseAll_Runs()
    {
        await _rig.RunningAsync();
        await ApplyAsync(new PauseCommand(null, "weekend"));
        await _rig.TickAsync();

        var answer = await ApplyAsync(new ResumeCommand("monday"));

        Assert.Equal("resumed; state Running", answer);
        Assert.False(_rig.Risk.GloballyPaused);
        Assert.Equal(TradingRig.BtcBuys, _rig.OpenOnExchange().Select(o => o.Price).Order());
    }

    [Fact]
    public async Task PauseMarket_Traded_PausesOnlyItAndSaysSo()
    {
        await _rig.RunningAsync();

        var answer = await ApplyAsync(new PauseCommand(TradingRig.Btc, "maintenance"));

        Assert.Equal("BTCNOK paused", answer);
        Assert.True(_rig.Risk.IsMarketPaused(TradingRig.Btc));
        Assert.Equal(BotState.Running, _rig.Risk.State);
    }

    [Fact]
    public async Task ResumeMarket_Paused_ResumesItAndPlacesItsLadder()
    {
        await _rig.RunningAsync();
        await ApplyAsync(new PauseCommand(TradingRig.Btc, "maintenance"));
        await _rig.TickAsync();

        var answer = await ApplyAsync(new ResumeMarketCommand(TradingRig.Btc, "done"));

        Assert.Equal("BTCNOK resumed", answer);
        Assert.False(_rig.Risk.IsMarketPaused(TradingRig.Btc));
        Assert.Equal(TradingRig.BtcBuys, _rig.OpenOnExchange().Select(o => o.Price).Order());
    }

    [Fact]
    public async Task Recenter_Traded_CancelsTheLadderToRebuildItAndSaysSo()
    {
        var ladder = await _rig.LadderAsync();

        var answer = await ApplyAsync(new RecenterCommand(TradingRig.Btc, "operator"));

        Assert.Equal("BTCNOK recentring", answer);
        Assert.Equal(ladder.Select(o => o.ExchangeId!.Value).Order(), _rig.Exchange.CancelCalls.Order());
        Assert.Contains(_rig.Recorded.Journal, j => j.Name == StrategyNotice.Recentering);
    }

    public static TheoryData<EngineCommand> UnknownMarketCommands => new()
    {
        new PauseCommand("XRPNOK", "typo"),
        new ResumeMarketCommand("XRPNOK", "typo"),
        new RecenterCommand("XRPNOK", "typo"),
        new Unrecognised(),
    };

    [Theory]
    [MemberData(nameof(UnknownMarketCommands))]
    public async Task Apply_MarketNotTradedOrUnknownCommand_AnswersSoAndChangesNothing(EngineCommand command)
    {
        await _rig.LadderAsync();
        var writes = _rig.Recorded.Writes.Count;
        var before = _rig.Risk.Snapshot();

        var answer = await ApplyAsync(command);

        Assert.Equal("unknown command or market", answer);
        Assert.Equal(writes, _rig.Recorded.Writes.Count);
        Assert.Empty(_rig.Risk.PausedMarkets);
        Assert.Equal((before.GloballyPaused, before.KillSwitchEngaged), (_rig.Risk.GloballyPaused, _rig.Risk.KillSwitchEngaged));
        Assert.Equal(3, _rig.OpenOnExchange().Count);
        Assert.Empty(_rig.Exchange.CancelCalls);
    }

    public sealed record Unrecognised() : EngineCommand;
}
