using GridTrader.Core.Accounting;
using GridTrader.Core.Configuration;
using GridTrader.Core.Grid;
using GridTrader.Core.MarketData;
using GridTrader.Core.Markets;

namespace GridTrader.Configuration;

/// <summary>Turns configuration into the core's market and fee types.</summary>
internal static class MarketFactory
{
    public static MarketInfo ToMarketInfo(this MarketOptions market, GridTraderOptions options) =>
        MarketInfo.FromSymbol(market.Symbol, market.PriceDecimals, market.AmountDecimals, market.MinAmount, options.Risk.MinOrderValue);

    public static GridSettings GridFor(this MarketOptions market, GridTraderOptions options) => market.Grid ?? options.Grid;

    /// <summary>What the engine needs to trade the market; null when its candle interval does not parse (the validator reports that).</summary>
    public static Engine.Live.MarketSetup? ToSetup(this MarketOptions market, GridTraderOptions options) =>
        Core.MarketData.CandleInterval.TryParse(market.CandleInterval, out var interval)
            ? new Engine.Live.MarketSetup(market.ToMarketInfo(options), market.GridFor(options), market.Budget(), interval, market.UseExistingBase)
            {
                TrendInterval = market.TrendIntervalOf(),
                ReferenceSymbol = market.ReferenceSymbolOf(options),
            }
            : null;

    /// <summary>The market's budget (the validator has checked it states exactly one of the two).</summary>
    public static MarketBudget Budget(this MarketOptions market) =>
        MarketBudget.Of(market.EffectiveCapitalFraction(), market.InvestmentNok, market.CompoundGridProfit);

    /// <summary>The trend's interval; zero when the market names none (the trend uses the grid's candles). The validator checked it.</summary>
    public static TimeSpan TrendIntervalOf(this MarketOptions market) =>
        CandleInterval.TryParse(market.TrendInterval, out var interval) ? interval : TimeSpan.Zero;

    /// <summary>The market's symbol on the reference source: as configured, else base + <c>Reference:QuoteCurrency</c> (BTCUSDT).</summary>
    public static string ReferenceSymbolOf(this MarketOptions market, GridTraderOptions options) =>
        !string.IsNullOrWhiteSpace(market.ReferenceSymbol)
            ? market.ReferenceSymbol.Trim().ToUpperInvariant()
            : MarketInfo.FromSymbol(market.Symbol).BaseCurrency + options.Reference.QuoteCurrency.ToUpperInvariant();

    public static FeeModel Fees(this GridTraderOptions options) =>
        new(options.Exchange.FeeRate, options.Exchange.FeeCurrency == "Received" ? FeeCurrencyPolicy.Received : FeeCurrencyPolicy.Quote);

    /// <summary>The market named by <paramref name="symbol"/>, or the first enabled one.</summary>
    public static MarketOptions? Pick(this GridTraderOptions options, string? symbol) =>
        symbol is null
            ? options.Markets.FirstOrDefault(m => m.Enabled) ?? options.Markets.FirstOrDefault()
            : options.Markets.FirstOrDefault(m => string.Equals(m.Symbol, symbol, StringComparison.OrdinalIgnoreCase));

    /// <summary>Starting quote balance of the simulated account for a market.</summary>
    public static decimal InitialQuote(this GridTraderOptions options, MarketInfo market) =>
        options.Simulation.InitialBalances.GetValueOrDefault(market.QuoteCurrency);

    /// <summary>The matching engine's volume cap: the configured share with the volume-share fill model, none otherwise.</summary>
    public static decimal? VolumeCap(this SimulationOptions simulation) =>
        simulation.FillModel == FillModel.VolumeShare ? simulation.VolumeShare : null;

    public static decimal InitialBase(this GridTraderOptions options, MarketInfo market) =>
        options.Simulation.InitialBalances.GetValueOrDefault(market.BaseCurrency);
}
