using GridTrader.Core.Accounting;
using GridTrader.Core.MarketData;
using GridTrader.Core.Markets;
using GridTrader.Core.Strategy;

namespace GridTrader.Engine.Trading;

/// <summary>One traded market inside the engine: its rules, its strategy, what its capital is measured from and the last prices seen.</summary>
public sealed class MarketSlot(MarketInfo info, GridStrategy strategy, CapitalBasis? capital = null)
{
    public MarketInfo Info { get; } = info;
    public GridStrategy Strategy { get; } = strategy;
    public string Symbol => Info.Symbol;

    /// <summary>The market's budget and the equity it was measured on; null when the caller gave the strategy a fixed capital.</summary>
    public CapitalBasis? Capital { get; } = capital;

    /// <summary>Last ticker (live) or a synthetic one around the last close (backtest).</summary>
    public Ticker? LastTicker { get; set; }

    public decimal LastPrice => LastTicker?.Reference ?? Strategy.LastPrice;
}
