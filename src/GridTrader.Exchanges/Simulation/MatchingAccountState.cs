using GridTrader.Core.Markets;

namespace GridTrader.Exchanges.Simulation;

/// <summary>
/// The account of a <see cref="MatchingEngine"/> as plain data: balances with their holds, open orders with their ids
/// and fills so far, the retained closed orders and executions, and the id counters. Prices and the public tape are not
/// part of it: they come from the market. Saved by paper trading after every change and restored at its next start.
/// </summary>
public sealed record MatchingAccountState
{
    public required long NextOrderId { get; init; }

    /// <summary>Executions so far (numbers the next trade id).</summary>
    public required long TradeCount { get; init; }

    public required IReadOnlyList<AccountBalanceState> Balances { get; init; }

    /// <summary>Resting orders in arrival order (which is their time priority within a price).</summary>
    public required IReadOnlyList<AccountOrderState> OpenOrders { get; init; }

    /// <summary>Retained closed orders, oldest close first.</summary>
    public required IReadOnlyList<AccountOrderState> ClosedOrders { get; init; }

    /// <summary>Retained executions, oldest first.</summary>
    public required IReadOnlyList<AccountTradeState> Trades { get; init; }
}

/// <summary>One currency: its total and what open orders hold of it.</summary>
public sealed record AccountBalanceState(string Currency, decimal Total, decimal Hold);

/// <summary>One order with everything the engine keeps of it.</summary>
public sealed record AccountOrderState(
    long Id,
    string Market,
    Side Side,
    decimal Price,
    decimal Amount,
    DateTimeOffset CreatedAt,
    decimal Matched,
    decimal Remaining,
    decimal Cancelled,
    decimal HoldRemaining,
    decimal HoldPerUnit);

/// <summary>One execution of one of the account's orders, numbered in the order it happened.</summary>
public sealed record AccountTradeState(
    long Number,
    long OrderId,
    string Market,
    Side Side,
    decimal Price,
    decimal Amount,
    decimal Fee,
    string FeeCurrency,
    bool IsMaker,
    DateTimeOffset Time,
    decimal Matched,
    decimal Remaining);
