using GridTrader.Core.Strategy;

namespace GridTrader.Engine.Tests.Trading;

/// <summary>
/// A market's loss limit through the trading core (see <see cref="TradingRig"/>): the three buys at 955,000, 970,000
/// and 985,000 fill when the price falls to 940,000, a loss of about 460 NOK against a limit of 100; the grid stops and
/// sells what it holds.
/// </summary>
public sealed class GridStopTests
{
    private readonly TradingRig _rig = new(grid: TradingRig.Grid with { LossLimit = 100m });

    private GridStrategy Strategy => _rig.BtcSlot.Strategy;

    private async Task StoppedBySellingAtALossAsync()
    {
        await _rig.LadderAsync();
        _rig.MoveTo(TradingRig.Btc, 940_000m);
        await _rig.Core.Reconciler.SyncOrdersAsync(_rig.BtcSlot);
        _rig.RefreshBalances();
        await _rig.TickAsync();
        Assert.Equal(GridPhase.Stopped, Strategy.Phase);
        Assert.StartsWith("loss limit", Strategy.StopReason, StringComparison.Ordinal);

        // Once the grid's orders are gone the exit sell goes out and fills; the loss is realized.
        await _rig.Core.EvaluateAsync(_rig.BtcSlot);
        await _rig.Core.Reconciler.SyncOrdersAsync(_rig.BtcSlot);
        _rig.RefreshBalances();
        Assert.Equal(0m, Strategy.TotalHeld);
        Assert.True(_rig.Ledger.RealizedPnlOf(TradingRig.Btc) < -100m);
    }

    [Fact]
    public async Task ResumeGrid_AfterALossLimitStop_KeepsTradingOnTheNextTicker()
    {
        await StoppedBySellingAtALossAsync();

        await _rig.Core.ResumeGridAsync(_rig.BtcSlot, "a person looked");
        await _rig.Core.EvaluateAsync(_rig.BtcSlot);
        Assert.Equal(GridPhase.Active, Strategy.Phase);
        _rig.Time.Advance(TimeSpan.FromSeconds(5));
        await _rig.TickAsync();

        // The loss that stopped the market was taken before the person resumed it: it must not stop the new grid again.
        Assert.Equal(GridPhase.Active, Strategy.Phase);
        Assert.NotEmpty(_rig.LiveOrders());
    }

    [Fact]
    public async Task LossLimit_AfterAResume_StillStopsOnANewLossOfTheLimit()
    {
        await StoppedBySellingAtALossAsync();
        await _rig.Core.ResumeGridAsync(_rig.BtcSlot, "a person looked");
        await _rig.Core.EvaluateAsync(_rig.BtcSlot);
        await _rig.TickAsync();
        Assert.Equal(GridPhase.Active, Strategy.Phase);

        // The new grid's buys fill and the price falls far below them: a new loss over the limit.
        _rig.MoveTo(TradingRig.Btc, 850_000m);
        await _rig.Core.Reconciler.SyncOrdersAsync(_rig.BtcSlot);
        _rig.RefreshBalances();
        await _rig.TickAsync();

        Assert.Equal(GridPhase.Stopped, Strategy.Phase);
    }
}
