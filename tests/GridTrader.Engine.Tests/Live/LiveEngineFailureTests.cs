using GridTrader.Core.Risk;
using GridTrader.Engine.Live;
using GridTrader.Exchanges.Abstractions;

namespace GridTrader.Engine.Tests.Live;

/// <summary>
/// Failures are loud and bounded: a transient failure at start is waited out, refused credentials halt once with the
/// cause and stop the private calls, and every state change is recorded where <c>status</c> reads it.
/// </summary>
public sealed class LiveEngineFailureTests
{
    private static readonly ExchangeError Refused = new(ExchangeErrorKind.Unauthorized, "invalid API key", 401);

    [Fact]
    public async Task Start_BalancesAnswer5xx_StaysStartingPlacesNothingThenTradesWithoutAPerson()
    {
        await using var h = new LiveHarness();
        h.Exchange.FailBalanceReads(3);

        await h.StartAsync();

        Assert.Equal(BotState.Starting, h.Engine!.Snapshot!.State);
        Assert.Contains("waiting for the exchange", h.Engine.Snapshot.StatusMessage, StringComparison.Ordinal);
        Assert.Contains("ServerError", h.Engine.Snapshot.StatusMessage, StringComparison.Ordinal);
        await h.StepUntilAsync(() => h.Engine.Snapshot!.State == BotState.Running, "the bot runs once the exchange answers", maxSteps: 10);
        Assert.Equal(3, h.OpenOnExchange().Count);
        Assert.Equal(3, h.Exchange.PlaceCalls);
        Assert.Null(h.Engine.Snapshot!.StatusMessage);
        // The grid got its real capital (20% of 100,000 NOK over six cells), not a fallback: each buy is about 3,333 NOK.
        Assert.All(h.OpenOnExchange(), o => Assert.InRange(o.Price * o.Amount, 3_300m, 3_334m));
    }

    [Fact]
    public async Task Start_Failing_RetriesWithAGrowingWait()
    {
        await using var h = new LiveHarness();
        h.Exchange.FailBalanceReads(100);
        await h.StartAsync();

        // One turn every 5 s for 2 minutes: attempts 2, 4, 8, 16, 32, 60 s apart, not one per turn.
        await h.StepAsync(24);

        Assert.InRange(h.Exchange.PrivateCalls, 6, 9);
        Assert.Equal(BotState.Starting, h.Engine!.Snapshot!.State);
        Assert.Equal(0, h.Exchange.PlaceCalls);
    }

    [Fact]
    public async Task Start_CredentialsRefused_HaltsOnceWithTheCauseAndCallsNoPrivateEndpointUntilResumed()
    {
        await using var h = new LiveHarness();
        h.Exchange.RefuseCredentials = Refused;

        await h.StartAsync();
        await h.StepAsync(20);

        var snapshot = h.Engine!.Snapshot!;
        Assert.Equal(BotState.Halted, snapshot.State);
        Assert.Contains("refused the credentials", snapshot.HaltReason, StringComparison.Ordinal);
        Assert.Contains("FIRI_SECRET_KEY", snapshot.HaltReason, StringComparison.Ordinal);
        Assert.Equal(1, h.Exchange.PrivateCalls);
        Assert.Single(h.Observer.BotStates, t => t.To == BotState.Halted);
        Assert.Equal(BotState.Halted, (await h.Store.LoadBotStateAsync()).Current);

        h.Exchange.RefuseCredentials = null;
        await h.CommandAsync(new ResumeCommand("key fixed"));
        await h.StepUntilAsync(() => h.Engine.Snapshot!.State == BotState.Running, "the bot runs after the resume");
        await h.StepUntilAsync(() => h.OpenOnExchange().Count == 3, "the ladder rests");
        Assert.Null(h.Engine.Snapshot!.HaltReason);
    }

    [Fact]
    public async Task Run_KeyRevokedWhileTrading_HaltsOnceAndStopsPollingPrivateEndpoints()
    {
        await using var h = new LiveHarness();
        await h.StartAsync();
        await h.StepUntilAsync(() => h.OpenOnExchange().Count == 3, "the ladder rests");

        h.Exchange.RefuseCredentials = new ExchangeError(ExchangeErrorKind.SecurityLevelTooLow, "key lacks trading rights", 403);
        await h.StepAsync();
        var callsAtHalt = h.Exchange.PrivateCalls;
        await h.StepAsync(30);

        Assert.Equal(BotState.Halted, h.Engine!.Snapshot!.State);
        Assert.Contains("SecurityLevelTooLow", h.Engine.Snapshot.HaltReason, StringComparison.Ordinal);
        Assert.Equal(callsAtHalt, h.Exchange.PrivateCalls);
        Assert.Single(h.Observer.BotStates, t => t.To == BotState.Halted);

        h.Exchange.RefuseCredentials = null;
        await h.CommandAsync(new ResumeCommand("rights granted"));
        Assert.Equal(BotState.Running, h.Engine.Snapshot!.State);
        Assert.Equal(3, h.OpenOnExchange().Count);
    }

    [Fact]
    public async Task Resume_CredentialsStillRefused_HaltsAgainOnceAndStaysQuiet()
    {
        await using var h = new LiveHarness();
        h.Exchange.RefuseCredentials = Refused;
        await h.StartAsync();

        await h.CommandAsync(new ResumeCommand("try again"));
        await h.StepAsync(20);

        Assert.Equal(BotState.Halted, h.Engine!.Snapshot!.State);
        Assert.Equal(2, h.Observer.BotStates.Count(t => t.To == BotState.Halted));
        Assert.Equal(2, h.Exchange.PrivateCalls);
    }

    [Fact]
    public async Task Pause_AllMarkets_IsRecordedWhereStatusReadsIt()
    {
        await using var h = new LiveHarness();
        await h.StartAsync();

        await h.CommandAsync(new PauseCommand(null, "lunch"));
        Assert.Equal(BotState.Paused, (await h.Store.LoadBotStateAsync()).Current);

        await h.CommandAsync(new ResumeCommand("back"));
        Assert.Equal(BotState.Running, (await h.Store.LoadBotStateAsync()).Current);
    }
}
