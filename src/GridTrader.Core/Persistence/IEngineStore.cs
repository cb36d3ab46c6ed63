using GridTrader.Core.Accounting;
using GridTrader.Core.Orders;
using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;

namespace GridTrader.Core.Persistence;

/// <summary>
/// The port through which the engine keeps its durable state: what it writes while it trades, and what it reads back
/// to resume after a restart. An order's state change, its fills and the grid's holdings commit together in
/// <see cref="CommitOrderAsync"/>. The SQLite store is the real implementation; backtests use <see cref="NullEngineStore"/>.
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

    /// <summary>Appends a named event to the journal.</summary>
    ValueTask AppendJournalAsync(string name, string? market, string message, DateTimeOffset time, CancellationToken ct = default);

    /// <summary>A value of the store's key-value metadata (see <see cref="EngineMetaKeys"/>), or null when unset.</summary>
    ValueTask<string?> GetMetaAsync(string key, CancellationToken ct = default);

    ValueTask SetMetaAsync(string key, string value, CancellationToken ct = default);

    ValueTask<RiskState?> LoadRiskStateAsync(CancellationToken ct = default);

    ValueTask<GridStrategyState?> LoadStrategyStateAsync(string market, CancellationToken ct = default);

    /// <summary>Every stored order, or only those not in a final state.</summary>
    ValueTask<IReadOnlyList<TrackedOrder>> LoadOrdersAsync(bool nonFinalOnly, CancellationToken ct = default);

    /// <summary>The highest local order id ever stored (0 when none), so numbering continues after a restart.</summary>
    ValueTask<long> MaxLocalOrderIdAsync(CancellationToken ct = default);

    /// <summary>Every exchange order id ever recorded, final orders included: such an order is never foreign and never adopted anew.</summary>
    ValueTask<IReadOnlyList<long>> LoadExchangeIdsAsync(CancellationToken ct = default);

    /// <summary>Fills in time order, optionally of one market and within [<paramref name="from"/>, <paramref name="until"/>).</summary>
    ValueTask<IReadOnlyList<Fill>> LoadFillsAsync(string? market = null, DateTimeOffset? from = null, DateTimeOffset? until = null,
        CancellationToken ct = default);
}

/// <summary>Keys of the engine's metadata in an <see cref="IEngineStore"/>.</summary>
public static class EngineMetaKeys
{
    /// <summary>Balances seen at the first start (<c>CUR=amount;…</c>), the ledger's starting point.</summary>
    public const string InitialBalances = "initial_balances";
}

/// <summary>Keeps nothing and holds nothing (backtests and tests).</summary>
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

    public ValueTask<string?> GetMetaAsync(string key, CancellationToken ct = default) => ValueTask.FromResult<string?>(null);

    public ValueTask SetMetaAsync(string key, string value, CancellationToken ct = default) => default;

    public ValueTask<RiskState?> LoadRiskStateAsync(CancellationToken ct = default) => ValueTask.FromResult<RiskState?>(null);

    public ValueTask<GridStrategyState?> LoadStrategyStateAsync(string market, CancellationToken ct = default) =>
        ValueTask.FromResult<GridStrategyState?>(null);

    public ValueTask<IReadOnlyList<TrackedOrder>> LoadOrdersAsync(bool nonFinalOnly, CancellationToken ct = default) =>
        ValueTask.FromResult<IReadOnlyList<TrackedOrder>>([]);

    public ValueTask<long> MaxLocalOrderIdAsync(CancellationToken ct = default) => ValueTask.FromResult(0L);

    public ValueTask<IReadOnlyList<long>> LoadExchangeIdsAsync(CancellationToken ct = default) => ValueTask.FromResult<IReadOnlyList<long>>([]);

    public ValueTask<IReadOnlyList<Fill>> LoadFillsAsync(string? market = null, DateTimeOffset? from = null, DateTimeOffset? until = null,
        CancellationToken ct = default) => ValueTask.FromResult<IReadOnlyList<Fill>>([]);
}
