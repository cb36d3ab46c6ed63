using GridTrader.Core.MarketData;

namespace GridTrader.Engine.Backtesting;

/// <summary>
/// One market of a portfolio backtest: its options and its candles (ascending, as the data holds them). The account-wide
/// settings (risk caps, fees, starting quote, fill model, order time-to-live) are taken from the first market's options;
/// each market brings its own rules, grid, capital fraction, price multiplier and starting base.
/// </summary>
public sealed record PortfolioMarket(BacktestOptions Options, Candle[] Candles, string? DataFile = null);

/// <summary>One close of a portfolio run: equity and the exposure the risk caps measure, in total and per market (in the order given).</summary>
public readonly record struct ExposureSample(long TimeMs, decimal Equity, decimal TotalExposure, IReadOnlyList<decimal> MarketExposure)
{
    /// <summary>Total exposure as a fraction of equity (0.8 = 80%).</summary>
    public decimal TotalFraction => Equity > 0 ? TotalExposure / Equity : 0m;
}
