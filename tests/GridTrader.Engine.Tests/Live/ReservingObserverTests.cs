using GridTrader.Core.Accounting;
using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Engine.Live;
using GridTrader.Exchanges.Abstractions;

namespace GridTrader.Engine.Tests.Live;

/// <summary>Orders reserve their funds the moment they are sent, until the next balance poll.</summary>
public sealed class ReservingObserverTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly MarketInfo BtcNok = MarketInfo.FromSymbol("BTCNOK");
    private readonly BalanceBook _book = new();
    private readonly RecordingObserver _inner = new();
    private readonly ReservingObserver _observer;
    private int _fills;

    public ReservingObserverTests()
    {
        _book.Update([new Balance("NOK", 10_000m, 0m, 10_000m), new Balance("BTC", 0.5m, 0m, 0.5m)], Now);
        _observer = new ReservingObserver(_inner, _book, FeeModel.Firi, new Dictionary<string, MarketInfo> { ["BTCNOK"] = BtcNok },
            () => _fills++);
    }

    private static TrackedOrder Order(Side side, string market = "BTCNOK") => new(1, market, side, 100_000m, 0.02m, 0, 0, 0, Now, null);

    [Fact]
    public void OnOrderEvent_BuySubmitted_ReservesItsValueAndFeeInQuote()
    {
        var order = Order(Side.Buy);

        _observer.OnOrderEvent(order, order.MarkSubmitting(Now));

        // 0.02 × 100,000 = 2,000 NOK, plus Firi's 0.5% fee.
        Assert.Equal(10_000m - 2_010m, _book.Available("NOK"));
        Assert.Equal(0.5m, _book.Available("BTC"));
        Assert.Single(_inner.StateChanges);
    }

    [Fact]
    public void OnOrderEvent_SellSubmitted_ReservesItsAmountInBase()
    {
        var order = Order(Side.Sell);

        _observer.OnOrderEvent(order, order.MarkSubmitting(Now));

        Assert.Equal(0.48m, _book.Available("BTC"));
        Assert.Equal(10_000m, _book.Available("NOK"));
    }

    [Fact]
    public void OnOrderEvent_LaterEventsOrAnotherMarket_ReserveNothingMore()
    {
        var order = Order(Side.Buy);
        _observer.OnOrderEvent(order, order.MarkSubmitting(Now));
        _observer.OnOrderEvent(order, order.MarkAccepted(42, Now));
        var foreign = Order(Side.Buy, "ETHNOK");
        _observer.OnOrderEvent(foreign, foreign.MarkSubmitting(Now));

        Assert.Equal(10_000m - 2_010m, _book.Available("NOK"));
        Assert.Equal(3, _inner.StateChanges.Count);
    }

    [Fact]
    public void OnFill_AnyFill_FlagsTheBalancesStaleAndForwardsIt()
    {
        _observer.OnFill(new Fill(1, "BTCNOK", "BTC", "NOK", Side.Buy, 100_000m, 0.02m, 10m, "NOK", Now), 0m);

        Assert.Equal(1, _fills);
        Assert.Single(_inner.Fills);
    }
}
