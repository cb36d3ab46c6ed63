using GridTrader.Core.Markets;

namespace GridTrader.Core.Orders;

/// <summary>A limit order to send. Firi has only limit orders and no client order ids.</summary>
public sealed record OrderRequest(string Market, Side Side, decimal Price, decimal Amount);
