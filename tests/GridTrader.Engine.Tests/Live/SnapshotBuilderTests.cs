using GridTrader.Core.Accounting;
using GridTrader.Core.Markets;
using GridTrader.Core.Risk;
using GridTrader.Engine.Live;
using GridTrader.Engine.Tests.Trading;

namespace GridTrader.Engine.Tests.Live;

/// <summary>
/// The snapshot the dashboard and <c>status</c> read must say what the core says. Two markets (see
/// <see cref="TradingRig"/>) with their ladders resting and the BTCNOK buy at 985,000 filled.
/// </summary>
public sealed class SnapshotBuilderTests
{
    private readonly TradingRig _rig = new(withEth: true);

    private SnapshotBuilder Builder => new("paper", "simulated", _rig.Account, _rig.Time);

    private async Task TradedAsync()
    {
        await _rig.LadderAsync(TradingRig.Btc);
        await _rig.LadderAsync(TradingRig.Eth);
        _rig.MoveTo(TradingRig.Btc, 984_000m);
        _rig.MoveTo(TradingRig.Btc, 990_000m);
        await _rig.Core.Reconciler.SyncOrdersAsync(_rig.BtcSlot);
        _rig.RefreshBalances();
        await _rig.TickAsync(TradingRig.Btc);
    }

    [Fact]
    public async Task Build_TwoMarketsTrading_FiguresAgreeWithTheCore()
    {
        await TradedAsync();
        var core = _rig.Core;

        var s = Builder.Build(core);

        var equity = core.Portfolio.Equity();
        Assert.Equal(equity, s.Equity);
        // The one equity rule, by hand: NOK once, each coin at its own market's last price.
        Assert.Equal(_rig.Account.Total("NOK") + _rig.Account.Total("BTC") * 990_000m + _rig.Account.Total("ETH") * 20_000m, s.Equity);
        Assert.True(_rig.Account.Total("BTC") > 0m);
        Assert.Equal(core.Markets.Sum(m => core.Portfolio.Exposure(m)), s.TotalExposure);
        Assert.Equal(core.Ledger.RealizedPnl, s.RealizedPnl);
        Assert.Equal(core.Ledger.FeesInQuote, s.Fees);
        Assert.Equal([TradingRig.Btc, TradingRig.Eth], s.Markets.Select(m => m.Symbol));
        foreach (var m in s.Markets)
        {
            var slot = core.Market(m.Symbol)!;
            Assert.Equal(core.Portfolio.Exposure(slot), m.Exposure);
            Assert.Equal(slot.LastPrice, m.LastPrice);
            Assert.Equal(_rig.Account.Total(slot.Info.BaseCurrency), m.Position);
            Assert.Equal(equity * core.Risk.Settings.MaxCapitalPerMarket, m.CapitalCap);
            Assert.Equal(core.Tracker.LiveIn(m.Symbol).Count(), m.OpenOrders);
            Assert.Equal(core.Ledger.FeesInQuoteOf(m.Symbol), m.Fees);
            Assert.Equal(slot.Strategy.Plan!.Lines, m.GridLines);
        }

        Assert.Equal(_rig.Account.Polled.ToDictionary(b => b.Key, b => b.Value.Total), s.Balances);
        Assert.Equal((_rig.Time.GetUtcNow(), "paper", "simulated", BotState.Running), (s.Time, s.Mode, s.Exchange, s.State));
    }

    [Fact]
    public async Task Build_OpenOrdersOfTwoMarkets_SortedByMarketThenHighestPriceFirst()
    {
        await TradedAsync();

        var s = Builder.Build(_rig.Core);

        Assert.Equal(
            [("BTCNOK", "sell", 1_000_000m), ("BTCNOK", "buy", 970_000m), ("BTCNOK", "buy", 955_000m),
             ("ETHNOK", "buy", 19_700m), ("ETHNOK", "buy", 19_400m), ("ETHNOK", "buy", 19_100m)],
            s.OpenOrders.Select(o => (o.Market, o.Side, o.Price)));
    }

    [Fact]
    public void Build_MoreRoundTripsThanItCarries_KeepsTheLatestOldestFirst()
    {
        var t = TradingRig.Start;
        for (var i = 0; i < EngineSnapshot.RecentRoundTripCount + 5; i++)
        {
            _rig.Ledger.Apply(new Fill(10_000 + i, "BTCNOK", "BTC", "NOK", Side.Buy, 100_000m, 0.001m, 0.5m, "NOK", t.AddMinutes(i)));
            _rig.Ledger.Apply(new Fill(20_000 + i, "BTCNOK", "BTC", "NOK", Side.Sell, 101_000m, 0.001m, 0.5m, "NOK", t.AddMinutes(i)));
        }

        var trips = Builder.Build(_rig.Core).RecentRoundTrips;

        Assert.Equal(EngineSnapshot.RecentRoundTripCount, trips.Count);
        Assert.Equal(20_005, trips[0].SellOrderId);
        Assert.Equal(20_000 + EngineSnapshot.RecentRoundTripCount + 4, trips[^1].SellOrderId);
    }

    [Fact]
    public void Build_FewRoundTrips_CarriesAllOfThem()
    {
        _rig.Ledger.Apply(new Fill(1, "BTCNOK", "BTC", "NOK", Side.Buy, 100_000m, 0.001m, 0.5m, "NOK", TradingRig.Start));
        _rig.Ledger.Apply(new Fill(2, "BTCNOK", "BTC", "NOK", Side.Sell, 101_000m, 0.001m, 0.5m, "NOK", TradingRig.Start));

        var s = Builder.Build(_rig.Core, replayCompleted: true);

        Assert.Equal(2, Assert.Single(s.RecentRoundTrips).SellOrderId);
        Assert.Equal(_rig.Ledger.RealizedPnl, s.RealizedPnl);
        Assert.True(s.ReplayCompleted);
    }

    [Fact]
    public async Task Build_RiskSwitchesThrown_ShowsThem()
    {
        await _rig.RunningAsync();
        await _rig.Core.Control.PauseAsync(TradingRig.Eth, "maintenance");
        _rig.Risk.OnVolatility(TradingRig.Btc, 2.0, 1.0, _rig.Time.GetUtcNow());
        await _rig.Core.Control.EngageKillSwitchAsync("operator");

        var s = Builder.Build(_rig.Core);

        Assert.Equal((true, "operator", BotState.Halted), (s.KillSwitchEngaged, s.KillReason, s.State));
        Assert.Equal([(TradingRig.Btc, false, true), (TradingRig.Eth, true, false)],
            s.Markets.Select(m => (m.Symbol, m.Paused, m.CircuitBreakerOpen)));
        Assert.Same(_rig.Risk.Settings, s.Limits);
    }
}
