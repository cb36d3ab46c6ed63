using GridTrader.Core.Accounting;
using GridTrader.Core.Orders;
using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;

namespace GridTrader.Engine.Live;

/// <summary>
/// A consistent, immutable picture of the engine, published by the loop after every iteration for the dashboard
/// and the <c>status</c> command. Reading it never touches the trading state.
/// </summary>
public sealed record EngineSnapshot
{
    public required DateTimeOffset Time { get; init; }
    public required string Mode { get; init; }
    public required string Exchange { get; init; }
    public required BotState State { get; init; }
    public required bool KillSwitchEngaged { get; init; }
    public string? KillReason { get; init; }

    /// <summary>Why the bot is Halted (kill-switch, refused credentials, ...); null in any other state.</summary>
    public string? HaltReason { get; init; }

    /// <summary>What a starting bot is waiting for (an exchange that does not answer yet); null once it runs.</summary>
    public string? StatusMessage { get; init; }
    public required bool GloballyPaused { get; init; }
    public required decimal Equity { get; init; }
    public required decimal PeakEquity { get; init; }
    public required decimal DrawdownPct { get; init; }
    public required bool DrawdownTripped { get; init; }
    public required decimal TotalExposure { get; init; }
    public required decimal RealizedPnl { get; init; }

    /// <summary>Profit of the grid pairs (every sell matched to the buys of the line below), after both fees.</summary>
    public decimal GridProfit { get; init; }

    public int GridPairs { get; init; }
    public required decimal Fees { get; init; }
    public required IReadOnlyList<MarketSnapshot> Markets { get; init; }
    public required IReadOnlyList<OrderView> OpenOrders { get; init; }
    public required IReadOnlyDictionary<string, decimal> Balances { get; init; }
    public required RiskSettings Limits { get; init; }

    /// <summary>The latest completed round trips (at most <see cref="RecentRoundTripCount"/>), oldest first.</summary>
    public IReadOnlyList<RoundTrip> RecentRoundTrips { get; init; } = [];

    public bool ReplayCompleted { get; init; }

    /// <summary>How many round trips a snapshot carries; the store keeps every fill.</summary>
    public const int RecentRoundTripCount = 200;
}

/// <summary>One market in the snapshot.</summary>
public sealed record MarketSnapshot
{
    public required string Symbol { get; init; }
    public required decimal LastPrice { get; init; }
    public decimal Bid { get; init; }
    public decimal Ask { get; init; }
    public required GridPhase Phase { get; init; }
    public required int Epoch { get; init; }
    public required Trend Trend { get; init; }
    public required double Atr { get; init; }
    public required double AtrMean { get; init; }
    public required bool VolatilitySpike { get; init; }
    public required bool CircuitBreakerOpen { get; init; }
    public required bool Paused { get; init; }
    public required long WarmupRemaining { get; init; }
    public required IReadOnlyList<decimal> GridLines { get; init; }
    public decimal SpacingPct { get; init; }
    public required int OpenOrders { get; init; }
    public required decimal Position { get; init; }
    public required decimal Exposure { get; init; }
    public required decimal CapitalCap { get; init; }

    /// <summary>Quote capital of the grid in place (what its plan was sized for).</summary>
    public decimal Capital { get; init; }

    /// <summary>Quote capital the next plan gets (above <see cref="Capital"/> when grid profit compounds).</summary>
    public decimal NextCapital { get; init; }

    /// <summary>The configured share of equity; null for a fixed budget.</summary>
    public decimal? BudgetFraction { get; init; }

    /// <summary>The configured fixed budget in quote currency; null for a share of equity.</summary>
    public decimal? BudgetNok { get; init; }

    public bool CompoundGridProfit { get; init; }
    public required decimal RealizedPnl { get; init; }
    public decimal GridProfit { get; init; }
    public int GridPairs { get; init; }
    public required decimal Fees { get; init; }
    public required decimal UnrealizedPnl { get; init; }
    public required int RoundTrips { get; init; }
    public string? LastPlanError { get; init; }

    /// <summary>Why the grid is stopped (stop-loss, take-profit, loss limit); null while it is not.</summary>
    public string? StopReason { get; init; }

    /// <summary>What the coins the grid holds cost it (fees included): the floor its sells never go below.</summary>
    public decimal HeldCost { get; init; }

    /// <summary>Where the candles the indicators were fed came from (warm start, then live); null before the first start.</summary>
    public CandleHistoryReport? History { get; init; }
}

/// <summary>An order as shown to people.</summary>
public sealed record OrderView(
    long Id,
    long? ExchangeId,
    string Market,
    string Side,
    decimal Price,
    decimal Amount,
    decimal Filled,
    string State,
    int Level,
    int Epoch,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ExpiresAt,
    string? Reason)
{
    public static OrderView From(TrackedOrder o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new(o.Id, o.ExchangeId, o.Market, o.Side == Core.Markets.Side.Buy ? "buy" : "sell", o.Price, o.Amount,
            o.Filled, o.State.ToString(), o.Level, o.Epoch, o.CreatedAt, o.UpdatedAt, o.ExpiresAt, o.RejectReason ?? o.CancelReason);
    }
}
