using System.Globalization;
using GridTrader.Core.MarketData;
using GridTrader.Core.Markets;
using GridTrader.Engine.Backtesting;
using GridTrader.Exchanges.MarketData;
using GridTrader.Tests.Shared;

namespace GridTrader.Engine.Tests.Backtesting;

/// <summary>What trade-through fills (the default) change against touch fills, derived by hand from real candles.</summary>
public sealed class GoldenFillModelTests
{
    private static IEnumerable<(string, Side, decimal, decimal)> Fills(BacktestResult result) =>
        result.Fills.Select(f => (f.Time.ToString("HH:mm", CultureInfo.InvariantCulture), f.Side, f.Price, f.Amount));

    /*
     * The golden window of GoldenBacktestTests: every line a candle crossed there, it crossed by far more than a tick
     * (0.01 USDT): 03:30 low 27130.00 under the buy at 27147.81 (by 17.81), 05:00 high 27489.99 over the sell at 27477.55
     * (12.44), 06:40 low 27471.42 under 27477.55 (6.13), 07:10 high 27921.92 over 27807.29 (114.63), 07:20 low 27801.85
     * under 27807.29 (5.44), 07:40 high 28219.83 over 28137.02 (82.81). No candle stops exactly on a resting line, so
     * trade-through fills the same six orders at the same times.
     */

    [Fact]
    public async Task Backtest_GoldenWindowWithTradeThrough_MakesTheSameRoundTripsAsTouch()
    {
        var touch = await new Backtester(GoldenBacktestTests.Options()).RunAsync(GoldenBacktestTests.Candles());
        var through = await new Backtester(GoldenBacktestTests.Options() with { FillModel = FillModel.TradeThrough })
            .RunAsync(GoldenBacktestTests.Candles());

        Assert.Equal(FillModel.TradeThrough, through.FillModel);
        Assert.Equal(3, through.RoundTrips);
        Assert.Equal(touch.Fills, through.Fills);
        Assert.Equal(2.8968209745m, through.RealizedPnl);
    }

    /// <summary>2024-03-08 16:20 → 22:15 UTC: 72 candles of the shipped 2024 file.</summary>
    private static IEnumerable<Candle> TouchWindow() =>
        new CandleCsvReader(TestRepository.SampleData("BTCUSDT-5m-2024.csv.gz"), new CandleCsvReadOptions
        {
            From = new DateTimeOffset(2024, 3, 8, 16, 20, 0, TimeSpan.Zero),
            To = new DateTimeOffset(2024, 3, 8, 22, 20, 0, TimeSpan.Zero),
        }).Read();

    /// <summary>The golden grid on a market quoted to 0.1 USDT (one tick = 0.1).</summary>
    private static BacktestOptions TenthOfADollar(FillModel model)
    {
        var golden = GoldenBacktestTests.Options();
        var m = golden.Market;
        return golden with
        {
            Market = new MarketInfo(m.Symbol, m.BaseCurrency, m.QuoteCurrency, priceDecimals: 1, m.AmountDecimals, m.MinAmount, m.MinOrderValue),
            FillModel = model,
        };
    }

    /*
     * The derivation (O H L C of the candles that matter; a fill is stamped with the close time of its candle).
     *
     * Planned at the 16:20 close 67199.99: step = 67199.99 × 1.2% = 806.39988. Lines, buys rounded down and the centre and
     * sells up to the tenth: 65587.1, 66393.5, 67200.0 (centre), 68006.4, 68812.8. Amounts 500 / (buy × 1.005) cut to 5
     * decimals: cell 2 (67200.0 → 68006.4) 0.00740, cell 3 (68006.4 → 68812.8) 0.00731. At 16:20 cells 0 and 1 bid at
     * 65587.1 and 66393.5 (never reached in this window: the lowest low is 66678.00).
     *
     * 16:40  closes 67284.76 above the centre: cell 2 bids 0.00740 at 67200.0.
     * 16:45  67284.76 67897.46 67200.00 67876.98  the low stops exactly on the bid.
     *        Touch: cell 2 buys at 67200.0 (16:50); its sell rests at 68006.4.
     *        Trade-through: 67200.00 is not 67199.9 or lower: nothing fills. No later low comes within 450 of the bid
     *        (the lowest is 67658.25 at 17:00), so the bid rests to the end.
     * 17:00  67810.59 68160.39 67658.25 67982.02  Touch: the high passes 68006.4, cell 2 sells (17:05).
     *        round trip = 0.00740 × (68006.4 × 0.995 − 67200.0 × 1.005) = 0.9647232; cell 2 bids at 67200.0 again.
     * 17:25  closes 68253.62 above 68006.4: cell 3 bids 0.00731 at 68006.4 (both models; nobody holds coins to sell there).
     * 21:55  68101.10 68199.99 67807.58 68182.39  low ≤ 68006.3: cell 3 buys 0.00731 at 68006.4 (22:00), both models.
     *        (Before it the lowest low after 17:25 was 68065.82 at 18:05.)
     * So touch ends with one round trip more than trade-through and the same 0.00731 BTC held: its final equity is
     * exactly that round trip higher.
     */

    [Fact]
    public async Task Backtest_LowStoppingExactlyOnABuy_TouchFillsItAndTradeThroughDoesNot()
    {
        var touch = await new Backtester(TenthOfADollar(FillModel.Touch)).RunAsync(TouchWindow());
        var through = await new Backtester(TenthOfADollar(FillModel.TradeThrough)).RunAsync(TouchWindow());

        Assert.Equal(72, touch.Candles);
        Assert.Equal(
        [
            ("16:50", Side.Buy, 67200.0m, 0.00740m),
            ("17:05", Side.Sell, 68006.4m, 0.00740m),
            ("22:00", Side.Buy, 68006.4m, 0.00731m),
        ], Fills(touch));
        Assert.Equal([("22:00", Side.Buy, 68006.4m, 0.00731m)], Fills(through));

        var roundTrip = 0.00740m * (68006.4m * 0.995m - 67200.0m * 1.005m);
        Assert.Equal(0.9647232m, roundTrip);
        Assert.Equal((1, roundTrip), (touch.RoundTrips, touch.RealizedPnl));
        Assert.Equal((0, 0m), (through.RoundTrips, through.RealizedPnl));
        Assert.Equal(roundTrip, touch.FinalEquity - through.FinalEquity);
    }
}
