using GridTrader.Core.Markets;

namespace GridTrader.Exchanges.Simulation;

/// <summary>A public trade as stored in a market's ring buffer: a struct, so recording one per candle leg allocates nothing.</summary>
internal readonly record struct TradePrint(Side TakerSide, decimal Price, decimal Amount, DateTimeOffset Time);
