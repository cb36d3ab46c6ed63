using GridTrader.Core.Markets;
using GridTrader.Core.Orders;

namespace GridTrader.Engine.Tests.Trading;

/// <summary>
/// Applying the exchange's cumulative view of an order. The subject is the buy resting at 985,000 after the ladder is
/// placed (see <see cref="TradingRig"/>).
/// </summary>
public sealed class FillApplierTests
{
    private readonly TradingRig _rig = new();

    private async Task<TrackedOrder> RestingBuyAsync()
    {
        await _rig.LadderAsync();
        return _rig.LiveAt(985_000m);
    }

    private ValueTask ApplyAsync(TrackedOrder order, decimal matched, decimal remaining, decimal cancelled = 0m, decimal? fee = null) =>
        _rig.Core.Fills.ApplySnapshotAsync(order, matched, remaining, cancelled, null, fee);

    [Fact]
    public async Task ApplySnapshot_SameCumulativeSnapshotTwice_BooksOneFill()
    {
        var order = await RestingBuyAsync();
        var half = order.Amount / 2;

        await ApplyAsync(order, half, order.Amount - half);
        await ApplyAsync(order, half, order.Amount - half);

        Assert.Single(_rig.Observer.Fills);
        Assert.Single(_rig.Recorded.Commits.SelectMany(c => c.Fills));
        Assert.Equal(half, order.Filled);
        Assert.Equal(OrderState.PartiallyFilled, order.State);
        Assert.Equal(half, _rig.Ledger.Balance("BTC"));
    }

    [Fact]
    public async Task ApplySnapshot_PartialThenFull_BooksTwoFillsSummingToTheAmount()
    {
        var order = await RestingBuyAsync();
        var part = order.Amount / 4;

        await ApplyAsync(order, part, order.Amount - part);
        await ApplyAsync(order, order.Amount, 0m);

        var fills = _rig.Recorded.Commits.SelectMany(c => c.Fills).ToList();
        Assert.Equal([part, order.Amount - part], fills.Select(f => f.Amount));
        Assert.Equal(order.Amount, fills.Sum(f => f.Amount));
        Assert.Equal(OrderState.Filled, order.State);
        Assert.Equal(order.Amount, _rig.Ledger.Balance("BTC"));
        Assert.Null(_rig.Tracker.LiveAt(TradingRig.Btc, order.Level)); // the line is free again
    }

    [Theory]
    [InlineData("matched above the amount")]
    [InlineData("negative matched")]
    [InlineData("negative remaining")]
    [InlineData("negative cancelled")]
    public async Task ApplySnapshot_ImpossibleView_ChangesNothingAndIsReported(string what)
    {
        var order = await RestingBuyAsync();
        var a = order.Amount;
        var (matched, remaining, cancelled) = what switch
        {
            "matched above the amount" => (a * 1.5m, 0m, 0m),
            "negative matched" => (-a, a, 0m),
            "negative remaining" => (a / 2, -a / 2, 0m),
            _ => (a / 2, a / 2, -a),
        };
        var commitsBefore = _rig.Recorded.Commits.Count;
        var nokBefore = _rig.Ledger.Balance("NOK");

        await ApplyAsync(order, matched, remaining, cancelled);

        Assert.Equal(OrderState.Open, order.State);
        Assert.Equal(0m, order.Filled);
        Assert.Equal(commitsBefore, _rig.Recorded.Commits.Count);
        Assert.Equal(nokBefore, _rig.Ledger.Balance("NOK"));
        Assert.Empty(_rig.Observer.Fills);
        Assert.Single(_rig.Observer.Reconciliations, r => r.Kind == "invalid-snapshot");
    }

    [Fact]
    public async Task ApplySnapshot_FeeReportedByTheExchange_IsBookedInsteadOfTheFeeModels()
    {
        var order = await RestingBuyAsync();

        await ApplyAsync(order, order.Amount, 0m, fee: 0.42m);

        var fill = Assert.Single(_rig.Observer.Fills);
        Assert.Equal(0.42m, fill.Fee);
        Assert.Equal("NOK", fill.FeeCurrency);
        Assert.Equal(0.42m, _rig.Ledger.FeesPaid["NOK"]);
    }

    [Fact]
    public async Task ApplySnapshot_NoFeeReported_ChargesTheFeeModel()
    {
        var order = await RestingBuyAsync();

        await ApplyAsync(order, order.Amount, 0m);

        // Firi: 0.5% of the value, in NOK.
        Assert.Equal(985_000m * order.Amount * 0.005m, Assert.Single(_rig.Observer.Fills).Fee);
    }

    [Fact]
    public async Task ApplySnapshot_Fill_CommitsOrderEventsFillAndGridStateInOneCommit()
    {
        var order = await RestingBuyAsync();
        var writesBefore = _rig.Recorded.Writes.Count;

        await ApplyAsync(order, order.Amount, 0m);

        Assert.Equal(["commit"], _rig.Recorded.Writes.Skip(writesBefore));
        var commit = _rig.Recorded.Commits[^1];
        Assert.Equal(order.Id, commit.OrderId);
        Assert.Equal(OrderState.Filled, commit.State);
        Assert.Collection(commit.Events,
            e => Assert.Equal(order.Amount, Assert.IsType<OrderFilled>(e).Amount),
            e => Assert.Equal(OrderState.Filled, Assert.IsType<OrderStateChanged>(e).To));
        var fill = Assert.Single(commit.Fills);
        Assert.Equal((order.Id, Side.Buy, 985_000m, order.Amount), (fill.OrderId, fill.Side, fill.Price, fill.Amount));
        Assert.NotNull(commit.StrategyState);
        Assert.Equal(order.Amount, commit.StrategyState.Held[order.Cell]); // the grid's holdings moved with the fill
    }

    [Fact]
    public async Task ApplySnapshot_StoreKeepsNothing_AppliesTheFillWithoutCallingIt()
    {
        var rig = new TradingRig(store: new RecordingStore { IsDurable = false });
        await rig.LadderAsync();
        var order = rig.LiveAt(985_000m);

        await rig.Core.Fills.ApplySnapshotAsync(order, order.Amount, 0m, 0m, null, null);

        Assert.Equal(order.Amount, rig.Ledger.Balance("BTC"));
        Assert.Empty(rig.Recorded.Commits);
    }

    [Fact]
    public async Task ApplySnapshot_BuyFilled_StrategyPlacesItsCounterSell()
    {
        var order = await RestingBuyAsync();
        _rig.MoveTo(TradingRig.Btc, 984_000m); // the exchange fills the buy
        _rig.MoveTo(TradingRig.Btc, 1_000_000m);
        _rig.RefreshBalances();
        await ApplyAsync(order, order.Amount, 0m);

        await _rig.Core.EvaluateAsync(_rig.BtcSlot);

        Assert.Empty(_rig.Observer.Rejections.Select(r => r.Decision.ToString()));
        var sell = Assert.Single(_rig.LiveOrders(), o => o.Side == Side.Sell);
        Assert.Equal((1_000_000m, order.Amount), (sell.Price, sell.Amount));
    }
}
