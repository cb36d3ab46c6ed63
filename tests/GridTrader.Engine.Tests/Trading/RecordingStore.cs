using GridTrader.Core.Accounting;
using GridTrader.Core.Orders;
using GridTrader.Core.Persistence;
using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;

namespace GridTrader.Engine.Tests.Trading;

/// <summary>
/// An in-memory <see cref="IEngineStore"/> that records every write in order, with the order's state as it was at
/// the moment of each commit, so a test can check what was durable when (and what went into one transaction).
/// </summary>
internal sealed class RecordingStore : IEngineStore
{
    private readonly Dictionary<long, TrackedOrder> _orders = [];
    private readonly Dictionary<string, GridStrategyState> _strategies = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _meta = new(StringComparer.Ordinal);
    private readonly List<Fill> _fills = [];

    public bool IsDurable { get; init; } = true;

    /// <summary>Every write, in the order it happened: <c>commit</c>, <c>strategy</c>, <c>risk</c>, <c>bot</c>, <c>journal</c>, <c>meta</c>.</summary>
    public List<string> Writes { get; } = [];

    public List<OrderCommit> Commits { get; } = [];
    public List<RiskState> RiskStates { get; } = [];
    public List<BotStateTransition> BotStates { get; } = [];
    public List<(string Name, string? Market, string Message)> Journal { get; } = [];
    public List<GridStrategyState> StrategyStates { get; } = [];

    /// <summary>The commits of one order, oldest first.</summary>
    public IReadOnlyList<OrderCommit> CommitsOf(long orderId) => Commits.Where(c => c.OrderId == orderId).ToList();

    public ValueTask CommitOrderAsync(TrackedOrder order, IReadOnlyList<OrderEvent> events, IReadOnlyList<Fill> fills,
        GridStrategyState? strategyState, CancellationToken ct = default)
    {
        Writes.Add("commit");
        Commits.Add(new OrderCommit(order.Id, order.State, order.ExchangeId, order.Filled, [.. events], [.. fills], strategyState));
        _orders[order.Id] = order;
        _fills.AddRange(fills);
        if (strategyState is not null) _strategies[strategyState.Market] = strategyState;
        return default;
    }

    public ValueTask SaveStrategyStateAsync(GridStrategyState state, CancellationToken ct = default)
    {
        Writes.Add("strategy");
        StrategyStates.Add(state);
        _strategies[state.Market] = state;
        return default;
    }

    public ValueTask SaveRiskStateAsync(RiskState state, CancellationToken ct = default)
    {
        Writes.Add("risk");
        RiskStates.Add(state);
        return default;
    }

    public ValueTask SaveBotStateAsync(BotStateTransition transition, CancellationToken ct = default)
    {
        Writes.Add("bot");
        BotStates.Add(transition);
        return default;
    }

    public ValueTask AppendJournalAsync(string name, string? market, string message, DateTimeOffset time, CancellationToken ct = default)
    {
        Writes.Add("journal");
        Journal.Add((name, market, message));
        return default;
    }

    public ValueTask<string?> GetMetaAsync(string key, CancellationToken ct = default) => ValueTask.FromResult(_meta.GetValueOrDefault(key));

    public ValueTask SetMetaAsync(string key, string value, CancellationToken ct = default)
    {
        Writes.Add("meta");
        _meta[key] = value;
        return default;
    }

    public ValueTask<RiskState?> LoadRiskStateAsync(CancellationToken ct = default) => ValueTask.FromResult(RiskStates.LastOrDefault());

    public ValueTask<GridStrategyState?> LoadStrategyStateAsync(string market, CancellationToken ct = default) =>
        ValueTask.FromResult(_strategies.GetValueOrDefault(market));

    public ValueTask<IReadOnlyList<TrackedOrder>> LoadOrdersAsync(bool nonFinalOnly, CancellationToken ct = default) =>
        ValueTask.FromResult<IReadOnlyList<TrackedOrder>>(_orders.Values.Where(o => !nonFinalOnly || !o.IsFinal).OrderBy(o => o.Id).ToList());

    public ValueTask<long> MaxLocalOrderIdAsync(CancellationToken ct = default) => ValueTask.FromResult(_orders.Count == 0 ? 0 : _orders.Keys.Max());

    public ValueTask<IReadOnlyList<long>> LoadExchangeIdsAsync(CancellationToken ct = default) =>
        ValueTask.FromResult<IReadOnlyList<long>>(_orders.Values.Where(o => o.ExchangeId is not null).Select(o => o.ExchangeId!.Value).ToList());

    public ValueTask<IReadOnlyList<Fill>> LoadFillsAsync(string? market = null, DateTimeOffset? from = null, DateTimeOffset? until = null,
        CancellationToken ct = default) =>
        ValueTask.FromResult<IReadOnlyList<Fill>>(_fills
            .Where(f => (market is null || string.Equals(f.Market, market, StringComparison.OrdinalIgnoreCase))
                        && (from is null || f.Time >= from) && (until is null || f.Time < until))
            .OrderBy(f => f.Time).ToList());
}

/// <summary>One <see cref="IEngineStore.CommitOrderAsync"/> call: the order as it stood then, and what came with it.</summary>
internal sealed record OrderCommit(long OrderId, OrderState State, long? ExchangeId, decimal Filled, IReadOnlyList<OrderEvent> Events,
    IReadOnlyList<Fill> Fills, GridStrategyState? StrategyState);
