using GridTrader.Core.MarketData;
using GridTrader.Core.Risk;

namespace GridTrader.Engine.Tests.Trading;

/// <summary>The market events the trading core routes (see <see cref="TradingRig"/>).</summary>
public sealed class TradingCoreTests
{
    private readonly TradingRig _rig = new();

    [Fact]
    public async Task OnTicker_FreshTicker_IsKeptAsTheMarketsPriceAndActedOn()
    {
        await _rig.RunningAsync();
        var ticker = new Ticker(TradingRig.Btc, 999_000m, 1_001_000m, 1_000_000m, _rig.Time.GetUtcNow());

        await _rig.Core.OnTickerAsync(_rig.BtcSlot, ticker);

        Assert.Equal(ticker, _rig.BtcSlot.LastTicker);
        Assert.Equal(TradingRig.BtcBuys, _rig.OpenOnExchange().Select(o => o.Price).Order());
    }

    [Fact]
    public async Task OnCandle_AtrJumpsOverTheBreakerLimit_TripsItRecordsItAndRefusesNewOrders()
    {
        await _rig.RunningAsync();
        var t = _rig.Time.GetUtcNow().ToUnixTimeMilliseconds();
        // Calm candles (range 2,000) long enough for ATR(14) and its 20-value mean, then one with a 200,000 range.
        for (var i = 0; i < 40; i++)
            await _rig.Core.OnCandleAsync(_rig.BtcSlot, new Candle(t + i * 60_000L, 1_000_000m, 1_001_000m, 999_000m, 1_000_000m, 1m));
        Assert.False(_rig.Risk.IsBreakerOpen(TradingRig.Btc));
        var placed = _rig.Exchange.PlaceCalls.Count;

        await _rig.Core.OnCandleAsync(_rig.BtcSlot, new Candle(t + 40 * 60_000L, 1_000_000m, 1_100_000m, 900_000m, 1_000_000m, 1m));

        Assert.True(_rig.Risk.IsBreakerOpen(TradingRig.Btc));
        Assert.Contains(_rig.Recorded.Journal, j => j.Name == RiskEvent.CircuitTripped && j.Market == TradingRig.Btc);
        Assert.True(_rig.Recorded.RiskStates[^1].OpenBreakers.ContainsKey(TradingRig.Btc));
        _rig.Time.Advance(TimeSpan.FromMinutes(1));
        await _rig.TickAsync();
        Assert.Equal(placed, _rig.Exchange.PlaceCalls.Count);
    }

    [Fact]
    public async Task OnEquity_FallsPastTheDrawdownLimit_TripsTheStopOnceAndPersistsIt()
    {
        var rig = new TradingRig(risk: new RiskSettings { MaxDrawdownPct = 10m });

        await rig.Core.OnEquityAsync(100_000m);
        await rig.Core.OnEquityAsync(91_000m);
        Assert.False(rig.Risk.DrawdownTripped);

        await rig.Core.OnEquityAsync(89_000m);
        await rig.Core.OnEquityAsync(85_000m);

        Assert.True(rig.Risk.DrawdownTripped);
        Assert.Single(rig.Recorded.Journal, j => j.Name == RiskEvent.DrawdownTripped);
        Assert.True(rig.Recorded.RiskStates[^1].DrawdownTripped);
        Assert.Equal(100_000m, rig.Recorded.RiskStates[^1].PeakEquity);
    }

    [Fact]
    public void MarketSet_Symbols_FoundInAnyCaseAndListedInTheOrderAdded()
    {
        var rig = new TradingRig(withEth: true);

        Assert.Same(rig.BtcSlot, rig.Core.Market("btcnok"));
        Assert.Null(rig.Core.Market("XRPNOK"));
        Assert.Equal([TradingRig.Btc, TradingRig.Eth], rig.Core.Markets.Select(m => m.Symbol));
    }
}
