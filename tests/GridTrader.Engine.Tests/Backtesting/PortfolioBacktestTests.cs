using GridTrader.Core.MarketData;
using GridTrader.Core.Markets;
using GridTrader.Core.Risk;
using GridTrader.Engine.Backtesting;
using GridTrader.Exchanges.MarketData;
using GridTrader.Tests.Shared;

namespace GridTrader.Engine.Tests.Backtesting;

/// <summary>Several markets on one account, on the shipped 5-minute BTC and ETH histories (2024).</summary>
public sealed class PortfolioBacktestTests
{
    private const string BtcFile = "BTCUSDT_binance-spot_5m_2022-08-01_2025-11-03.csv.gz";
    private const string EthFile = "ETHUSDT_binance-spot_5m_2022-08-01_2026-03-05.csv.gz";
    private static readonly DateTimeOffset From = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<Candle[]> Btc = new(() => Load(BtcFile));
    private static readonly Lazy<Candle[]> Eth = new(() => Load(EthFile));

    private static Candle[] Load(string file) =>
        new CandleCsvReader(TestRepository.SampleData(file), new CandleCsvReadOptions { From = From, To = To }).Read().ToArray();

    /// <summary>The embedded default grid and risk, prices × 10 in NOK, 100,000 NOK on the account.</summary>
    private static BacktestOptions Defaults(string symbol, decimal minAmount) => new()
    {
        Market = MarketInfo.FromSymbol(symbol, priceDecimals: 2, amountDecimals: 8, minAmount: minAmount, minOrderValue: 100m),
        InitialQuote = 100_000m,
        PriceMultiplier = 10m,
        CollectFills = false,
    };

    [Theory]
    [InlineData(0)]
    [InlineData(240)]
    public async Task Portfolio_OneMarket_GivesTheSingleMarketBacktestsResult(int trendMinutes)
    {
        // With and without the trend on its own (4h) interval.
        var options = Defaults("BTCNOK", 0.0001m) with { TrendInterval = trendMinutes > 0 ? TimeSpan.FromMinutes(trendMinutes) : null };
        var single = await new Backtester(options).RunAsync(Btc.Value);
        var portfolio = await new PortfolioBacktester([new PortfolioMarket(options, Btc.Value)]).RunAsync();

        var market = Assert.Single(portfolio.Markets);
        Assert.True(single.RoundTrips > 100, $"only {single.RoundTrips} round trips");
        Assert.Equal(
            (single.Candles, single.RoundTrips, single.RealizedPnl, single.Fees, single.OrdersPlaced, single.FillCount, single.Rejections, single.GridRebuilds),
            (market.Candles, market.RoundTrips, market.RealizedPnl, market.Fees, market.OrdersPlaced, market.FillCount, market.Rejections, market.GridRebuilds));
        Assert.Equal((single.FinalEquity, single.MaxDrawdownPct, single.BuyAndHoldPnl), (portfolio.Total.FinalEquity, portfolio.Total.MaxDrawdownPct, market.BuyAndHoldPnl));
        Assert.Equal((single.TimeInMarketPct, single.PeakCapitalUsed, single.BreakerOpenDays), (market.TimeInMarketPct, market.PeakCapitalUsed, market.BreakerOpenDays));
    }

    [Fact]
    public void Problem_MarketsOfTwoQuoteCurrenciesOrIntervalsOrOneTwice_SaysWhyInOneLine()
    {
        var btc = new PortfolioMarket(Defaults("BTCNOK", 0.0001m), Btc.Value);
        var usdt = new PortfolioMarket(Defaults("ETHNOK", 0.001m) with
        {
            Market = new MarketInfo("ETHUSDT", "ETH", "USDT", priceDecimals: 2, amountDecimals: 4, minAmount: 0.001m, minOrderValue: 10m),
        }, Eth.Value);
        var hourly = new PortfolioMarket(Defaults("ETHNOK", 0.001m) with { CandleInterval = TimeSpan.FromHours(1) }, Eth.Value);

        Assert.Null(PortfolioBacktester.Problem([btc, new PortfolioMarket(Defaults("ETHNOK", 0.001m), Eth.Value)]));
        Assert.Contains("one quote currency", PortfolioBacktester.Problem([btc, usdt]), StringComparison.Ordinal);
        Assert.Contains("share one interval", PortfolioBacktester.Problem([btc, hourly]), StringComparison.Ordinal);
        Assert.Contains("given twice", PortfolioBacktester.Problem([btc, btc]), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new PortfolioBacktester([btc, usdt]));
    }

    /// <summary>
    /// BTC and ETH with 30% of the account each and a per-market cap of 30%, under a total cap of 40%: together they would
    /// use up to 60% of equity, so the total cap is what binds.
    /// </summary>
    private static async Task<(PortfolioResult Result, List<ExposureSample> Samples)> TwoMarketsAsync(decimal totalCap)
    {
        var risk = new RiskSettings { MaxCapitalPerMarket = 0.3m, MaxTotalExposure = totalCap };
        var btc = Defaults("BTCNOK", 0.0001m) with { CapitalFraction = 0.3m, Risk = risk };
        var eth = Defaults("ETHNOK", 0.001m) with { CapitalFraction = 0.3m, Risk = risk };
        var samples = new List<ExposureSample>();
        var result = await new PortfolioBacktester([new PortfolioMarket(btc, Btc.Value), new PortfolioMarket(eth, Eth.Value)]).RunAsync(samples.Add);
        return (result, samples);
    }

    [Fact]
    public async Task Portfolio_TwoMarketsUnderATotalExposureCap_NoBuyTakesTheAccountPastTheCap()
    {
        var (capped, samples) = await TwoMarketsAsync(0.4m);
        var (loose, looseSamples) = await TwoMarketsAsync(1m);

        // Both markets traded, on one account, over the whole year.
        Assert.Equal(Btc.Value.Length, samples.Count);
        Assert.All(capped.Markets, m => Assert.True(m.RoundTrips > 50, $"{m.Market}: only {m.RoundTrips} round trips"));
        // Without the ceiling the two grids use more than 40% of equity together; with it, every buy the exchange accepted
        // left the account at or under 40% (measured right after each placement, at the price the check used).
        Assert.True(looseSamples.Max(s => s.TotalFraction) > 0.45m, $"loose peak {looseSamples.Max(s => s.TotalFraction):P2}: the cap would not bind");
        Assert.True(capped.PeakExposureFractionAtPlacement <= 0.4m, $"{capped.PeakExposureFractionAtPlacement:P4} after a buy");
        Assert.True(capped.PeakExposureFractionAtPlacement > 0.38m, $"{capped.PeakExposureFractionAtPlacement:P4}: the cap was never approached");
        Assert.True(capped.Total.RejectionsByReason.GetValueOrDefault("total-exposure-exceeded") > 0,
            string.Join(", ", capped.Total.RejectionsByReason.Select(kv => $"{kv.Key} {kv.Value}")));
        // Sampled at every close, the account stays near the cap: only price moves after a buy carry it over.
        var peak = samples.Max(s => s.TotalFraction);
        Assert.True(peak < looseSamples.Max(s => s.TotalFraction), $"capped {peak:P2}");
        Assert.True(peak <= 0.44m, $"capped peak at a close {peak:P2}");
        Assert.All(samples, s => Assert.Equal(s.TotalExposure, s.MarketExposure.Sum()));
        Assert.Equal(capped.PeakExposureFraction, peak);
    }
}
