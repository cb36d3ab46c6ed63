using GridTrader.Core.Accounting;
using GridTrader.Core.Grid;
using GridTrader.Core.MarketData;
using GridTrader.Core.Markets;
using GridTrader.Core.Risk;
using GridTrader.Engine.Backtesting;
using GridTrader.Exchanges.MarketData;
using GridTrader.Tests.Shared;

namespace GridTrader.Engine.Tests.Backtesting;

/// <summary>
/// A backtest on six hours of real 5-minute BTC/USDT candles whose every fill can be derived by hand from the candles.
/// </summary>
public sealed class GoldenBacktestTests
{
    /// <summary>2023-03-20 03:00 → 08:55 UTC: 72 candles of the shipped week file.</summary>
    public static readonly DateTimeOffset From = new(2023, 3, 20, 3, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset To = new(2023, 3, 20, 9, 0, 0, TimeSpan.Zero);

    public const string File = "BTCUSDT-5m-2023-03-20_26.csv.gz";

    /// <summary>
    /// 4 levels at a fixed 1.2%, arithmetic, 0.5% fee per side in USDT, 2 000 USDT of 10 000 allocated (500 per cell),
    /// amounts to 5 decimals. Trend filter, volatility spike, circuit breaker and order expiry are switched off so that
    /// only the grid itself acts; Wait leaves the grid in place when the price leaves the band. Touch fills: the
    /// derivation below asks only whether a candle reaches a line (GoldenFillModelTests runs it with trade-through).
    /// </summary>
    public static BacktestOptions Options() => new()
    {
        Market = new MarketInfo("BTCUSDT", "BTC", "USDT", priceDecimals: 2, amountDecimals: 5, minAmount: 0.0001m, minOrderValue: 10m),
        Grid = new GridSettings
        {
            Levels = 4,
            SpacingMode = SpacingMode.FixedPercent,
            SpacingPct = 1.2m,
            TrendFilterEnabled = false,
            VolatilitySpikeMultiplier = 1000m,
            Recenter = RecenterPolicy.Wait,
        },
        Risk = new RiskSettings { MinOrderValue = 10m, CircuitBreakerAtrJump = 1000m },
        Fees = FeeModel.Firi,
        InitialQuote = 10_000m,
        CapitalFraction = 0.2m,
        OrderTimeToLive = null,
        FillModel = FillModel.Touch,
    };

    public static IEnumerable<Candle> Candles() =>
        new CandleCsvReader(TestRepository.SampleData(File), new CandleCsvReadOptions { From = From, To = To }).Read();

    /*
     * The derivation (O H L C of the candles that matter; a fill is stamped with the close time of its candle).
     *
     * The grid is planned at the close of the first candle, 03:00 (close 27477.55): step = 27477.55 × 1.2% = 329.7306.
     * Lines, buys rounded down and sells up to the cent: 26818.08, 27147.81, 27477.55 (centre), 27807.29, 28137.02.
     * Cell i buys at line i and sells at line i+1; its amount is 500 / (buy × 1.005) cut to 5 decimals:
     *   cell 1: 500 / (27147.81 × 1.005) = 0.018326… → 0.01832
     *   cell 2: 500 / (27477.55 × 1.005) = 0.018106… → 0.01810
     *   cell 3: 500 / (27807.29 × 1.005) = 0.017891… → 0.01789
     * Buys rest only below the price, so at 03:00 cells 0 and 1 bid at 26818.08 and 27147.81.
     *
     * 03:30  27279.25 27297.80 27130.00 27238.29  low ≤ 27147.81: cell 1 buys 0.01832 @ 27147.81 (fill 03:35); its sell
     *                                             rests at 27477.55. (03:25 only reached 27164.)
     * 05:00  27436.29 27489.99 27422.71 27469.30  high ≥ 27477.55: cell 1 sells 0.01832 @ 27477.55 (05:05).
     *        round trip 1 = 0.01832 × (27477.55 × 0.995 − 27147.81 × 1.005) = 1.037153824
     * 05:55  closes 27519.97 above the centre line: cell 2 bids at 27477.55.
     * 06:40  27525.84 27530.86 27471.42 27475.85  low ≤ 27477.55: cell 2 buys 0.01810 (06:45); sell rests at 27807.29.
     * 07:10  27764.22 27921.92 27755.00 27881.76  high ≥ 27807.29: cell 2 sells (07:15).
     *        round trip 2 = 0.01810 × (27807.29 × 0.995 − 27477.55 × 1.005) = 0.965015980
     *        closes above 27807.29: cell 3 bids there. (07:15 only went down to 27824.03.)
     * 07:20  27839.84 27879.99 27801.85 27858.88  low ≤ 27807.29: cell 3 buys 0.01789 (07:25); sell rests at 28137.02.
     * 07:40  27946.33 28219.83 27940.00 28149.14  high ≥ 28137.02: cell 3 sells (07:45).
     *        round trip 3 = 0.01789 × (28137.02 × 0.995 − 27807.29 × 1.005) = 0.8946511705
     * Afterwards the price stays above 28006 and the bids at 27807.29 and below never fill: no coins are left.
     *
     * Realized = 1.037153824 + 0.965015980 + 0.8946511705 = 2.8968209745 USDT; fees = 0.5% of the six fill values.
     */

    [Fact]
    public async Task Backtest_SixHoursOfRealCandles_MatchesTheHandDerivedRoundTrips()
    {
        var result = await new Backtester(Options()).RunAsync(Candles());

        Assert.Equal(72, result.Candles);
        Assert.Equal(TimeSpan.FromMinutes(5), result.Interval);
        Assert.Equal(3, result.RoundTrips);
        Assert.Equal(6, result.FillCount);
        Assert.Equal(0, result.Rejections);

        decimal RoundTrip(decimal amount, decimal buy, decimal sell) => amount * (sell * 0.995m - buy * 1.005m);
        var expected = new[]
        {
            RoundTrip(0.01832m, 27147.81m, 27477.55m),
            RoundTrip(0.01810m, 27477.55m, 27807.29m),
            RoundTrip(0.01789m, 27807.29m, 28137.02m),
        };
        Assert.Equal(2.8968209745m, expected.Sum());
        Assert.Equal(expected, result.RoundTripDetails.Select(t => t.RealizedPnl));
        Assert.Equal(expected.Sum(), result.RealizedPnl);

        var fills = result.Fills.Select(f => (f.Time.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), f.Side, f.Price, f.Amount));
        Assert.Equal(
        [
            ("03:35", Side.Buy, 27147.81m, 0.01832m),
            ("05:05", Side.Sell, 27477.55m, 0.01832m),
            ("06:45", Side.Buy, 27477.55m, 0.01810m),
            ("07:15", Side.Sell, 27807.29m, 0.01810m),
            ("07:25", Side.Buy, 27807.29m, 0.01789m),
            ("07:45", Side.Sell, 28137.02m, 0.01789m),
        ], fills);

        var fees = result.Fills.Sum(f => f.Price * f.Amount * 0.005m);
        Assert.Equal(fees, result.Fees);
        Assert.Equal(0m, result.UnrealizedPnl);
        Assert.Equal(10_000m + expected.Sum(), result.FinalEquity);
        Assert.Equal(expected.Sum(), result.NetPnl);
    }

    [Fact]
    public async Task Backtest_SameCandlesInMemoryOrStreamed_GiveTheSameResult()
    {
        var streamed = await new Backtester(Options()).RunAsync(Candles());
        var inMemory = await new Backtester(Options()).RunAsync(Candles().ToArray());

        Assert.Equal(streamed.RealizedPnl, inMemory.RealizedPnl);
        Assert.Equal(streamed.Fills, inMemory.Fills);
        Assert.Equal(streamed.EquityCurve, inMemory.EquityCurve);
        Assert.Equal(streamed.MaxDrawdownPct, inMemory.MaxDrawdownPct);
    }

    [Fact]
    public async Task Backtest_PriceMultiplier_ScalesMoneyAndKeepsTheTrades()
    {
        var options = Options();
        var plain = await new Backtester(options).RunAsync(Candles());
        // Ten times the prices and the balance: the same lines relative to the price (up to the cent they are rounded
        // to), so the same trades at ten times the prices.
        var scaled = await new Backtester(options with { PriceMultiplier = 10m, InitialQuote = 100_000m }).RunAsync(Candles().ToArray());

        Assert.Equal(plain.RoundTrips, scaled.RoundTrips);
        Assert.Equal(plain.Fills.Select(f => (f.Side, f.Amount, f.Time)), scaled.Fills.Select(f => (f.Side, f.Amount, f.Time)));
        Assert.All(plain.Fills.Zip(scaled.Fills), pair => Assert.InRange(pair.Second.Price - pair.First.Price * 10m, -0.1m, 0.1m));
    }
}
