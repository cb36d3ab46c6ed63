using GridTrader.Core.MarketData;

namespace GridTrader.Core.Risk;

/// <summary>
/// What the risk pipeline needs to know about the account at the moment of a check. Values are in the
/// market's quote currency.
/// </summary>
public readonly record struct RiskContext(
    Ticker? Ticker,
    decimal Equity,
    decimal MarketExposure,
    decimal TotalExposure,
    decimal AvailableQuote,
    decimal AvailableBase,
    decimal FeeRate);
