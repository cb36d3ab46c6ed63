using GridTrader.Core.MarketData;
using GridTrader.Core.Markets;
using GridTrader.Engine.Backtesting;
using GridTrader.Exchanges.MarketData;
using GridTrader.Tests.Shared;

namespace GridTrader.Engine.Tests.Backtesting;

/// <summary>The fill models over the shipped multi-year 5-minute histories and the 2024 year.</summary>
public sealed class FillModelBacktestTests
{
    private const string BtcFile = "BTCUSDT_binance-spot_5m_2022-08-01_2025-11-03.csv.gz";
    private const string EthFile = "ETHUSDT_binance-spot_5m_2022-08-01_2026-03-05.csv.gz";

    private static readonly Lazy<Candle[]> Btc = new(() => Load(BtcFile));
    private static readonly Lazy<Candle[]> Eth = new(() => Load(EthFile));
    private static readonly Lazy<Candle[]> Btc2024 = new(() => Load("BTCUSDT-5m-2024.csv.gz"));

    private static Candle[] Load(string file) => new CandleCsvReader(TestRepository.SampleData(file)).Read().ToArray();

    private static Candle[] Candles(string file) => file == BtcFile ? Btc.Value : Eth.Value;

    /// <summary>
    /// The embedded default configuration as <c>backtest</c> runs it: a 10-level ATR grid with trend filter and trailing,
    /// default risk, 20% of 100 000 NOK, USDT prices × 10 on a market of 2 price decimals (a tick of 0.01 NOK).
    /// </summary>
    private static BacktestOptions Defaults(string symbol, FillModel model) => new()
    {
        Market = MarketInfo.FromSymbol(symbol, priceDecimals: 2, amountDecimals: 8, minAmount: 0.0001m, minOrderValue: 100m),
        InitialQuote = 100_000m,
        PriceMultiplier = 10m,
        FillModel = model,
        CollectFills = false,
    };

    [Theory]
    [InlineData(BtcFile, "BTCNOK")]
    [InlineData(EthFile, "ETHNOK")]
    public async Task Backtest_TradeThroughWithTheDefaultSettings_MakesNoMoreRoundTripsOrProfitThanTouch(string file, string symbol)
    {
        var candles = Candles(file);
        var touch = await new Backtester(Defaults(symbol, FillModel.Touch)).RunAsync(candles);
        var through = await new Backtester(Defaults(symbol, FillModel.TradeThrough)).RunAsync(candles);

        Assert.Equal(candles.Length, through.Candles);
        Assert.True(touch.RoundTrips > 100, $"only {touch.RoundTrips} round trips: the comparison would say nothing");
        Assert.True(through.RoundTrips <= touch.RoundTrips, $"trade-through {through.RoundTrips} > touch {touch.RoundTrips} round trips");
        Assert.True(through.RealizedPnl <= touch.RealizedPnl, $"trade-through realized {through.RealizedPnl} > touch {touch.RealizedPnl}");
        Assert.True(through.FinalEquity <= touch.FinalEquity, $"trade-through equity {through.FinalEquity} > touch {touch.FinalEquity}");
    }

    /// <summary>
    /// The default grid and risk on BTC/USDT as it traded, quoted in whole dollars (a tick of 1 USDT), 2 000 of 10 000 USDT.
    /// With a tick of 0.01 NOK on prices × 10 (the default) a 5-minute low or high practically never stops exactly on a
    /// line, so the models agree there; a coarser tick is where touch fills flatter.
    /// </summary>
    private static BacktestOptions WholeDollars(FillModel model) => new()
    {
        Market = new MarketInfo("BTCUSDT", "BTC", "USDT", priceDecimals: 0, amountDecimals: 5, minAmount: 0.0001m, minOrderValue: 10m),
        Risk = new() { MinOrderValue = 10m },
        InitialQuote = 10_000m,
        FillModel = model,
        CollectFills = false,
    };

    [Fact]
    public async Task Backtest_TradeThroughOnTheFullBtcHistoryInWholeDollars_MakesStrictlyFewerRoundTripsAndLessProfitThanTouch()
    {
        var touch = await new Backtester(WholeDollars(FillModel.Touch)).RunAsync(Btc.Value);
        var through = await new Backtester(WholeDollars(FillModel.TradeThrough)).RunAsync(Btc.Value);

        Assert.Equal(342_869, through.Candles);
        Assert.True(through.RoundTrips < touch.RoundTrips, $"trade-through {through.RoundTrips} vs touch {touch.RoundTrips} round trips");
        Assert.True(through.FillCount < touch.FillCount, $"trade-through {through.FillCount} vs touch {touch.FillCount} fills");
        Assert.True(through.RealizedPnl <= touch.RealizedPnl, $"trade-through realized {through.RealizedPnl} > touch {touch.RealizedPnl}");
        Assert.True(through.FinalEquity <= touch.FinalEquity, $"trade-through equity {through.FinalEquity} > touch {touch.FinalEquity}");
    }

    [Fact]
    public async Task Backtest_VolumeShareOfAThinSlice_FillsInPiecesAndSellsOnlyPiecesAboveTheMinimum()
    {
        // 0.001% of a 5-minute BTC candle is about 0.0005–0.01 BTC, below the default grid's orders (≈ 0.002–0.005 BTC),
        // so orders fill over several candles, some pieces below the 100 NOK minimum.
        var options = Defaults("BTCNOK", FillModel.VolumeShare) with { VolumeShare = 0.00001m, CollectFills = true };
        var result = await new Backtester(options).RunAsync(Btc2024.Value);

        Assert.Equal((FillModel.VolumeShare, 0.00001m), (result.FillModel, result.VolumeShare));
        var pieces = result.Fills.GroupBy(f => f.OrderId).Where(g => g.Count() > 1).ToList();
        Assert.True(pieces.Count > 50, $"only {pieces.Count} orders filled in pieces");
        // The remainder kept resting at the order's price and filled later, in a later candle.
        Assert.All(pieces, g => Assert.Single(g.Select(f => f.Price).Distinct()));
        Assert.Contains(pieces, g => g.Select(f => f.Time).Distinct().Count() > 1);

        var small = result.Fills.Where(f => f.Side == Side.Buy && !options.Market.MeetsMinimum(f.Price, f.Amount)).ToList();
        Assert.NotEmpty(small);
        // A piece below the minimum gets no counter-order of its own: nothing was refused for its size, by risk or exchange.
        Assert.DoesNotContain(result.RejectionsByReason.Keys, k => k is "below-minimum-amount" or "below-minimum-value" || k.StartsWith("exchange-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Backtest_VolumeShareWhoseShareNeverBinds_IsTradeThrough()
    {
        // 10% of a 5-minute BTC candle is several BTC: no grid order is ever cut, so only the trade-through rule remains.
        var through = await new Backtester(Defaults("BTCNOK", FillModel.TradeThrough) with { CollectFills = true }).RunAsync(Btc2024.Value);
        var share = await new Backtester(Defaults("BTCNOK", FillModel.VolumeShare) with { VolumeShare = 0.1m, CollectFills = true })
            .RunAsync(Btc2024.Value);

        Assert.Equal(through.Fills, share.Fills);
        Assert.Equal(through.RealizedPnl, share.RealizedPnl);
    }
}
