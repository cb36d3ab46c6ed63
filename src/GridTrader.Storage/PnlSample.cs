namespace GridTrader.Storage;

/// <summary>One stored point of the equity curve and the P&amp;L series (quote currency).</summary>
public sealed record PnlSample(DateTimeOffset Time, decimal Equity, decimal BuyAndHold, decimal RealizedPnl, decimal Fees, decimal UnrealizedPnl);

/// <summary>The start of the stored history: first equity and the prices buy-and-hold is measured from.</summary>
public sealed record PnlBaseline(DateTimeOffset Time, decimal Equity, IReadOnlyDictionary<string, decimal> Prices);
