using GridTrader.Core.Orders;

namespace GridTrader.Core.Tests.Orders;

[Trait("Original", "state transitions")]
public class OrderStateTests
{
    private static readonly OrderState[] All = Enum.GetValues<OrderState>();
    private static readonly OrderState[] Final = [OrderState.Filled, OrderState.Cancelled, OrderState.Expired, OrderState.Rejected, OrderState.Released];

    [Fact]
    public void IsFinal_FiveEndStates_AndEverythingElseIsLive()
    {
        Assert.Equal(Final.Order(), All.Where(s => s.IsFinal()).Order());
        Assert.All(All, s => Assert.Equal(!s.IsFinal(), s.IsLive()));
    }

    [Fact]
    public void CanTransitionTo_FromAnEndState_NothingIsLegal()
    {
        foreach (var from in Final)
            Assert.All(All, to => Assert.False(from.CanTransitionTo(to), $"{from} → {to}"));
    }

    [Fact]
    public void CanTransitionTo_Intent_IsNeverATarget()
    {
        Assert.All(All, from => Assert.False(from.CanTransitionTo(OrderState.Intent), $"{from} → Intent"));
    }

    [Fact]
    public void CanTransitionTo_AnyLiveState_CanBeCancelled()
    {
        // The kill-switch must be able to end every order that is not already over.
        Assert.All(All.Where(s => s.IsLive()), from => Assert.True(from.CanTransitionTo(OrderState.Cancelled), $"{from} → Cancelled"));
    }

    [Theory]
    [InlineData(OrderState.Intent, OrderState.Submitting)]
    [InlineData(OrderState.Intent, OrderState.Rejected)] // refused by risk before sending
    [InlineData(OrderState.Submitting, OrderState.Open)]
    [InlineData(OrderState.Submitting, OrderState.Unknown)] // the answer to the create was lost
    [InlineData(OrderState.Submitting, OrderState.Filled)] // filled before the answer arrived
    [InlineData(OrderState.Unknown, OrderState.Open)] // reconciliation found it
    [InlineData(OrderState.Unknown, OrderState.Rejected)] // reconciliation proved it never existed
    [InlineData(OrderState.Open, OrderState.PartiallyFilled)]
    [InlineData(OrderState.Open, OrderState.Expired)]
    [InlineData(OrderState.PartiallyFilled, OrderState.PartiallyFilled)] // another partial fill
    [InlineData(OrderState.PartiallyFilled, OrderState.Filled)]
    [InlineData(OrderState.PartiallyFilled, OrderState.Expired)]
    [InlineData(OrderState.Open, OrderState.Released)] // left on the exchange when its market stops being traded
    [InlineData(OrderState.PartiallyFilled, OrderState.Released)]
    public void CanTransitionTo_LifecycleStep_IsLegal(OrderState from, OrderState to) => Assert.True(from.CanTransitionTo(to));

    [Theory]
    [InlineData(OrderState.Intent, OrderState.Open)] // must be sent first
    [InlineData(OrderState.Intent, OrderState.Filled)]
    [InlineData(OrderState.Intent, OrderState.Expired)] // never on the exchange, so it cannot expire there
    [InlineData(OrderState.Open, OrderState.Submitting)]
    [InlineData(OrderState.Open, OrderState.Unknown)] // an acknowledged order is never "maybe sent"
    [InlineData(OrderState.Open, OrderState.Rejected)]
    [InlineData(OrderState.Open, OrderState.Open)]
    [InlineData(OrderState.Submitting, OrderState.Released)] // only a resting order the exchange confirmed can be left there
    [InlineData(OrderState.Unknown, OrderState.Released)]
    [InlineData(OrderState.Intent, OrderState.Released)]
    [InlineData(OrderState.PartiallyFilled, OrderState.Open)] // matched quantity never shrinks
    [InlineData(OrderState.Unknown, OrderState.Unknown)]
    public void CanTransitionTo_Backwards_IsIllegal(OrderState from, OrderState to) => Assert.False(from.CanTransitionTo(to));
}
