using GridTrader.Core.Markets;

namespace GridTrader.Exchanges.Abstractions;

/// <summary>Balance of one currency: <c>Available = Total - Hold</c>.</summary>
public sealed record Balance(string Currency, decimal Total, decimal Hold, decimal Available);

/// <summary>Public market summary (Firi's <c>/v2/markets</c>): last price and rolling 24 h stats.</summary>
public sealed record MarketSummary(string Market, decimal Last, decimal High, decimal Low, decimal ChangePct, decimal Volume);

/// <summary>Aggregated order book, best level first on both sides.</summary>
public sealed record OrderBookSnapshot(string Market, IReadOnlyList<BookLevel> Bids, IReadOnlyList<BookLevel> Asks);

public readonly record struct BookLevel(decimal Price, decimal Amount);

/// <summary>A public trade. <see cref="TakerSide"/> is the aggressor's side.</summary>
public sealed record PublicTrade(string Market, Side TakerSide, decimal Price, decimal Amount, DateTimeOffset Time);

/// <summary>One of the account's own executions (Firi's TradeRecord).</summary>
public sealed record AccountTrade(
    string Id,
    string Market,
    Side Side,
    decimal Price,
    decimal Amount,
    decimal Cost,
    bool IsMaker,
    DateTimeOffset Time,
    long? OrderId = null,
    decimal Fee = 0m,
    string? FeeCurrency = null);

/// <summary>Result of cancelling one order: how much had already matched when it was cancelled.</summary>
public sealed record CancelResult(long OrderId, decimal MatchedBeforeCancel);
