using GridTrader.Core.MarketData;
using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Core.Strategy;
using GridTrader.Engine.Live;
using GridTrader.Engine.Trading;
using GridTrader.Exchanges.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GridTrader.Engine.Tests.Trading;

/// <summary>
/// The one equity rule, exposure and the risk context. The account: 1,000 NOK, 0.01 BTC and 0.5 ETH; BTCNOK at
/// 1,000,000 and ETHNOK at 20,000, so each coin position is worth 10,000 NOK.
/// </summary>
public sealed class PortfolioTests
{
    private static readonly MarketInfo BtcNok = MarketInfo.FromSymbol("BTCNOK");
    private static readonly MarketInfo EthNok = MarketInfo.FromSymbol("ETHNOK");
    private readonly FakeTimeProvider _time = new(TradingRig.Start);
    private readonly BalanceBook _account = new();
    private readonly OrderTracker _tracker = new();
    private readonly MarketSet _markets = new();
    private readonly EngineSettings _settings = new() { SyntheticHalfSpreadPct = 0.05m };
    private readonly Portfolio _portfolio;
    private readonly MarketSlot _btc;
    private readonly MarketSlot _eth;

    public PortfolioTests()
    {
        _account.Update([new Balance("NOK", 1_000m, 0m, 1_000m), new Balance("BTC", 0.01m, 0m, 0.01m), new Balance("ETH", 0.5m, 0m, 0.5m)],
            _time.GetUtcNow());
        _btc = _markets.Add(BtcNok, new GridStrategy(BtcNok, TradingRig.Grid, 5_000m, _settings.Fees, _time));
        _eth = _markets.Add(EthNok, new GridStrategy(EthNok, TradingRig.Grid, 5_000m, _settings.Fees, _time));
        _btc.LastTicker = TickerAt(BtcNok, 1_000_000m);
        _eth.LastTicker = TickerAt(EthNok, 20_000m);
        _portfolio = new Portfolio(_account, _tracker, _markets, _settings, _time);
    }

    private Ticker TickerAt(MarketInfo market, decimal last) => new(market.Symbol, last - 1m, last + 1m, last, _time.GetUtcNow());

    [Fact]
    public void Equity_QuoteSharedByTwoMarkets_CountsItOnce()
    {
        // 1,000 NOK once, plus 10,000 of BTC and 10,000 of ETH.
        Assert.Equal(21_000m, _portfolio.Equity());
        Assert.Equal(21_000m, Portfolio.EquityOf(_account, _markets.All, m => m.Info, m => m.LastPrice));
    }

    [Fact]
    public void Equity_OneMarketsPriceMoves_OnlyThatBaseIsRevalued()
    {
        _eth.LastTicker = TickerAt(EthNok, 30_000m);

        // 0.5 ETH gain 5,000; the BTC position is still valued at BTCNOK's own price.
        Assert.Equal(26_000m, _portfolio.Equity());
    }

    [Fact]
    public void Equity_NoTickerYet_ValuesBaseAtTheStrategysLastClose()
    {
        _btc.LastTicker = null;
        _btc.Strategy.OnCandle(new Candle(_time.GetUtcNow().ToUnixTimeMilliseconds(), 900_000m, 900_000m, 900_000m, 900_000m, 1m));

        Assert.Equal(20_000m, _portfolio.Equity());
    }

    [Fact]
    public void Exposure_PositionAndOpenBuys_IsPositionValuePlusRemainingBuyValue()
    {
        Open(Side.Buy, 950_000m, 0.002m, level: 1);
        var partial = Open(Side.Buy, 960_000m, 0.004m, level: 2);
        partial.ApplySnapshot(0.001m, 0.003m, 0m, _time.GetUtcNow());
        _tracker.Updated(partial);
        Open(Side.Sell, 1_050_000m, 0.001m, level: 5);
        Open(Side.Buy, 19_000m, 0.1m, level: 1, market: "ETHNOK");

        // 10,000 held + 0.002 × 950,000 + the 0.003 still open at 960,000; sells and ETH buys do not count.
        Assert.Equal(10_000m + 1_900m + 2_880m, _portfolio.Exposure(_btc));
    }

    [Fact]
    public void BuildRiskContext_TickerKnown_CarriesItEquityExposuresAndAvailableBalances()
    {
        Open(Side.Buy, 19_000m, 0.1m, level: 1, market: "ETHNOK");
        _account.Reserve("NOK", 300m);

        var context = _portfolio.BuildRiskContext(_btc);

        Assert.Equal(_btc.LastTicker, context.Ticker);
        Assert.Equal(21_000m, context.Equity);
        Assert.Equal(10_000m, context.MarketExposure);
        Assert.Equal(10_000m + 10_000m + 1_900m, context.TotalExposure);
        Assert.Equal(700m, context.AvailableQuote);
        Assert.Equal(0.01m, context.AvailableBase);
        Assert.Equal(_settings.Fees.Rate, context.FeeRate);
    }

    [Fact]
    public void BuildRiskContext_NoTicker_UsesASyntheticTickerAroundTheLastClose()
    {
        _btc.LastTicker = null;
        _btc.Strategy.OnCandle(new Candle(_time.GetUtcNow().ToUnixTimeMilliseconds(), 990_000m, 1_010_000m, 985_000m, 1_000_000m, 1m));

        var ticker = _portfolio.BuildRiskContext(_btc).Ticker;

        // Half-spread 0.05% of 1,000,000 = 500 each side of the close.
        Assert.Equal(new Ticker("BTCNOK", 999_500m, 1_000_500m, 1_000_000m, _time.GetUtcNow()), ticker);
    }

    [Fact]
    public void BuildRiskContext_NoTickerAndNoClose_HasNoTicker()
    {
        _btc.LastTicker = null;

        Assert.Null(_portfolio.BuildRiskContext(_btc).Ticker);
    }

    private TrackedOrder Open(Side side, decimal price, decimal amount, int level, string market = "BTCNOK")
    {
        var now = _time.GetUtcNow();
        var order = _tracker.CreateIntent(market, side, price, amount, level, level, 0, now, null);
        order.MarkSubmitting(now);
        order.MarkAccepted(1_000 + order.Id, now);
        _tracker.Updated(order);
        return order;
    }
}
