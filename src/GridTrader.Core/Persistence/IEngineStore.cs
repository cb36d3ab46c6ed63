using GridTrader.Core.Accounting;
using GridTrader.Core.Orders;
using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;

namespace GridTrader.Core.Persistence;

/// <summary>
/// Durable state of the engine. An order's state change, its fills and the grid's holdings commit together in
/// <see cref="CommitOrderAsync"/>. Backtests use <see cref="NullEngineStore"/>.
/// </summary>
public interface IEngineStore
{
    /// <summary>
    /// False for stores that keep nothing: the engine then skips building snapshots and does not call
    /// <see cref="CommitOrderAsync"/> or <see cref="SaveRiskStateAsync"/> at all.
    /// </summary>
    bool IsDurable { get; }

    /// <summary>
    /// Persists the order (inserted on first sight), the events that changed it, the fills they produced and,
    /// when given, the strategy state of its market, in one transaction.
    /// </summary>
    ValueTask CommitOrderAsync(TrackedOrder order, IReadOnlyList<OrderEvent> events, IReadOnlyList<Fill> fills,
        GridStrategyState? strategyState, CancellationToken ct = default);

    ValueTask SaveStrategyStateAsync(GridStrategyState state, CancellationToken ct = default);

    ValueTask SaveRiskStateAsync(RiskState state, CancellationToken ct = default);

    ValueTask SaveBotStateAsync(BotStateTransition transition, CancellationToken ct = default);

    /// <summary>Appends a named event to the journal (JSON payload).</summary>
    ValueTask AppendJournalAsync(string name, string? market, string message, DateTimeOffset time, CancellationToken ct = default);
}

/// <summary>Keeps nothing (backtests and tests).</summary>
public sealed class NullEngineStore : IEngineStore
{
    public static NullEngineStore Instance { get; } = new();

    public bool IsDurable => false;

    public ValueTask CommitOrderAsync(TrackedOrder order, IReadOnlyList<OrderEvent> events, IReadOnlyList<Fill> fills,
        GridStrategyState? strategyState, CancellationToken ct = default) => default;

    public ValueTask SaveStrategyStateAsync(GridStrategyState state, CancellationToken ct = default) => default;

    public ValueTask SaveRiskStateAsync(RiskState state, CancellationToken ct = default) => default;

    public ValueTask SaveBotStateAsync(BotStateTransition transition, CancellationToken ct = default) => default;

    public ValueTask AppendJournalAsync(string name, string? market, string message, DateTimeOffset time, CancellationToken ct = default) => default;
}
