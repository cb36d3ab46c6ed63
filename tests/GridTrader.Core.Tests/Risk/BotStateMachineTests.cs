using GridTrader.Core.Risk;
using GridTrader.Core.Tests.TestSupport;

namespace GridTrader.Core.Tests.Risk;

[Trait("Original", "state transitions")]
public class BotStateMachineTests
{
    private static readonly DateTimeOffset Now = TestMarkets.Start;

    /// <summary>DESIGN §5: Stopped → Starting (reconciling) → Running ⇄ Paused → Halted; leaving Halted goes through Starting.</summary>
    public static TheoryData<BotState, BotState> Legal => new()
    {
        { BotState.Stopped, BotState.Starting },
        { BotState.Starting, BotState.Running },
        { BotState.Starting, BotState.Paused },
        { BotState.Starting, BotState.Halted },
        { BotState.Starting, BotState.Stopped },
        { BotState.Running, BotState.Paused },
        { BotState.Running, BotState.Halted },
        { BotState.Running, BotState.Stopped },
        { BotState.Paused, BotState.Running },
        { BotState.Paused, BotState.Halted },
        { BotState.Paused, BotState.Stopped },
        { BotState.Halted, BotState.Starting },
        { BotState.Halted, BotState.Stopped },
    };

    public static TheoryData<BotState, BotState> Illegal => new()
    {
        { BotState.Stopped, BotState.Running }, // trading without reconciling first
        { BotState.Stopped, BotState.Paused },
        { BotState.Halted, BotState.Running }, // a kill-switch release must reconcile again
        { BotState.Halted, BotState.Paused },
        { BotState.Paused, BotState.Starting },
        { BotState.Running, BotState.Starting },
        { BotState.Running, BotState.Running },
        { BotState.Stopped, BotState.Stopped },
    };

    [Fact]
    public void IsLegal_EveryPair_MatchesTheDesignedTable()
    {
        var legal = Legal.Select(row => ((BotState)row[0], (BotState)row[1])).ToHashSet();

        foreach (var from in Enum.GetValues<BotState>())
        {
            foreach (var to in Enum.GetValues<BotState>())
                Assert.True(legal.Contains((from, to)) == BotStateMachine.IsLegal(from, to), $"{from} → {to}");
        }
    }

    [Theory]
    [MemberData(nameof(Legal))]
    public void TryMoveTo_LegalTransition_MovesAndRecordsIt(BotState from, BotState to)
    {
        var machine = new BotStateMachine(from);

        var transition = machine.TryMoveTo(to, "test", Now);

        Assert.Equal(new BotStateTransition(from, to, "test", Now), transition);
        Assert.Equal(to, machine.State);
        Assert.Equal([transition!], machine.History);
    }

    [Theory]
    [MemberData(nameof(Illegal))]
    public void TryMoveTo_IllegalTransition_ReturnsNullAndKeepsTheState(BotState from, BotState to)
    {
        var machine = new BotStateMachine(from);

        Assert.Null(machine.TryMoveTo(to, "test", Now));
        Assert.Equal(from, machine.State);
        Assert.Empty(machine.History);
    }

    [Fact]
    public void MoveTo_IllegalTransition_Throws()
    {
        var machine = new BotStateMachine();

        Assert.Throws<InvalidOperationException>(() => machine.MoveTo(BotState.Running, "skip reconciliation", Now));
    }

    [Fact]
    public void MoveTo_FullLifecycle_KeepsTheHistoryInOrder()
    {
        var machine = new BotStateMachine();

        foreach (var to in new[] { BotState.Starting, BotState.Running, BotState.Paused, BotState.Running, BotState.Halted, BotState.Starting })
            machine.MoveTo(to, "step", Now);

        Assert.Equal(
            [BotState.Starting, BotState.Running, BotState.Paused, BotState.Running, BotState.Halted, BotState.Starting],
            machine.History.Select(t => t.To));
        Assert.Equal(BotState.Stopped, machine.History[0].From);
    }
}
