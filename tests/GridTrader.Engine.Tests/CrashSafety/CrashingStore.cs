using GridTrader.Core.Accounting;
using GridTrader.Core.Orders;
using GridTrader.Core.Persistence;
using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;

namespace GridTrader.Engine.Tests.CrashSafety;

/// <summary>The engine's store, with every write counted and the process dying at the one the <see cref="CrashSwitch"/> chose.</summary>
internal sealed class CrashingStore(IEngineStore inner, CrashSwitch crash) : IEngineStore
{
    public bool IsDurable => inner.IsDurable;

    public ValueTask CommitOrderAsync(TrackedOrder order, IReadOnlyList<OrderEvent> events, IReadOnlyList<Fill> fills,
        GridStrategyState? strategyState, CancellationToken ct = default) =>
        crash.WriteAsync($"order #{order.Id} {order.State}", () => inner.CommitOrderAsync(order, events, fills, strategyState, ct));

    public ValueTask SaveStrategyStateAsync(GridStrategyState state, CancellationToken ct = default) =>
        crash.WriteAsync($"grid {state.Phase}", () => inner.SaveStrategyStateAsync(state, ct));

    public ValueTask SaveRiskStateAsync(RiskState state, CancellationToken ct = default) =>
        crash.WriteAsync("risk state", () => inner.SaveRiskStateAsync(state, ct));

    public ValueTask SaveBotStateAsync(BotStateTransition transition, CancellationToken ct = default) =>
        crash.WriteAsync($"bot {transition.To}", () => inner.SaveBotStateAsync(transition, ct));

    public ValueTask AppendJournalAsync(string name, string? market, string message, DateTimeOffset time, CancellationToken ct = default) =>
        crash.WriteAsync($"journal {name}", () => inner.AppendJournalAsync(name, market, message, time, ct));

    public ValueTask SetMetaAsync(string key, string value, CancellationToken ct = default) =>
        crash.WriteAsync($"meta {key}", () => inner.SetMetaAsync(key, value, ct));

    public ValueTask<string?> GetMetaAsync(string key, CancellationToken ct = default) => Read(() => inner.GetMetaAsync(key, ct));

    public ValueTask<RiskState?> LoadRiskStateAsync(CancellationToken ct = default) => Read(() => inner.LoadRiskStateAsync(ct));

    public ValueTask<GridStrategyState?> LoadStrategyStateAsync(string market, CancellationToken ct = default) =>
        Read(() => inner.LoadStrategyStateAsync(market, ct));

    public ValueTask<IReadOnlyList<TrackedOrder>> LoadOrdersAsync(bool nonFinalOnly, CancellationToken ct = default) =>
        Read(() => inner.LoadOrdersAsync(nonFinalOnly, ct));

    public ValueTask<long> MaxLocalOrderIdAsync(CancellationToken ct = default) => Read(() => inner.MaxLocalOrderIdAsync(ct));

    public ValueTask<IReadOnlyList<long>> LoadExchangeIdsAsync(CancellationToken ct = default) => Read(() => inner.LoadExchangeIdsAsync(ct));

    public ValueTask<IReadOnlyList<Fill>> LoadFillsAsync(string? market = null, DateTimeOffset? from = null, DateTimeOffset? until = null,
        CancellationToken ct = default) => Read(() => inner.LoadFillsAsync(market, from, until, ct));

    private ValueTask<T> Read<T>(Func<ValueTask<T>> read)
    {
        crash.ThrowIfCrashed();
        return read();
    }
}
