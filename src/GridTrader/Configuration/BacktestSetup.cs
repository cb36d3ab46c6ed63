using GridTrader.Core.Configuration;
using GridTrader.Engine.Backtesting;

namespace GridTrader.Configuration;

/// <summary>
/// Turns a validated configuration into the options of a backtest: market, grid, risk, fees, starting balances and
/// capital fraction come from the configuration; the candle interval comes from the data.
/// </summary>
public static class BacktestSetup
{
    /// <summary>Options for backtesting <paramref name="market"/> (a market of <paramref name="options"/>).</summary>
    public static BacktestOptions For(GridTraderOptions options, MarketOptions market)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(market);
        var info = market.ToMarketInfo(options);
        var ttl = options.Engine.OrderTtlHours;
        return new BacktestOptions
        {
            Market = info,
            Grid = market.GridFor(options),
            Risk = options.Risk with { DryRun = false },
            Fees = options.Fees(),
            InitialQuote = options.InitialQuote(info),
            // Base on the account is only traded when the market says so, as in live trading.
            InitialBase = market.UseExistingBase ? options.InitialBase(info) : 0m,
            Budget = market.Budget(),
            PriceMultiplier = options.Simulation.PriceMultiplier,
            FillModel = options.Simulation.FillModel,
            VolumeShare = options.Simulation.VolumeShare,
            OrderTimeToLive = ttl > 0 ? TimeSpan.FromHours(ttl) : null,
            // The trend's own interval aggregates the backtest's candles, as the live strategy does.
            TrendInterval = market.TrendIntervalOf() is var trend && trend > TimeSpan.Zero ? trend : null,
        };
    }

    /// <summary>The market named by <paramref name="symbol"/>, or the first enabled one; null when not configured.</summary>
    public static MarketOptions? PickMarket(GridTraderOptions options, string? symbol) => options.Pick(symbol);
}
