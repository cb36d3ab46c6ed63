using GridTrader.Core.Markets;

namespace GridTrader.Core.Strategy;

/// <summary>What the strategy wants done. Risk approves or rejects placements; cancels always go through.</summary>
public abstract record StrategyAction(string Market);

/// <summary>
/// Place a limit order on a grid line for a cell. An exit (<see cref="IsExit"/>) sells what a stopped grid holds: it only
/// reduces the position, so the circuit breaker and the spread limit do not hold it back.
/// </summary>
public sealed record PlaceOrderAction(string Market, Side Side, decimal Price, decimal Amount, int Level, int Cell, int Epoch, string Reason,
    bool IsExit = false) : StrategyAction(Market);

/// <summary>Cancel one of the bot's orders.</summary>
public sealed record CancelOrderAction(string Market, long OrderId, string Reason) : StrategyAction(Market);

/// <summary>Something the operator should know (trend change, spike, band exit, rebuild). Logged with its stable name.</summary>
public sealed record StrategyNotice(string Market, string Name, string Message) : StrategyAction(Market)
{
    public const string GridPlanned = "grid.planned";
    public const string GridPlanFailed = "grid.plan_failed";
    public const string TrendChanged = "trend.changed";
    public const string SpikeStarted = "volatility.spike";
    public const string SpikeEnded = "volatility.normal";
    public const string OutOfBand = "grid.out_of_band";
    public const string Recentering = "grid.recentering";
    public const string GridStopped = "grid.stopped";
    public const string GridResumed = "grid.resumed";
}
