using GridTrader.Core.MarketData;
using GridTrader.Core.Markets;
using GridTrader.Core.Strategy;

namespace GridTrader.Engine.Trading;

/// <summary>One traded market inside the engine: its rules, its strategy and the last prices seen.</summary>
public sealed class MarketSlot(MarketInfo info, GridStrategy strategy)
{
    public MarketInfo Info { get; } = info;
    public GridStrategy Strategy { get; } = strategy;
    public string Symbol => Info.Symbol;

    /// <summary>Last ticker (live) or a synthetic one around the last close (backtest).</summary>
    public Ticker? LastTicker { get; set; }

    public decimal LastPrice => LastTicker?.Reference ?? Strategy.LastPrice;
}
