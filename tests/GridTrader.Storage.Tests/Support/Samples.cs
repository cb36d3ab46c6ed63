using GridTrader.Core.Accounting;
using GridTrader.Core.Grid;
using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Core.Persistence;
using GridTrader.Core.Strategy;
using Microsoft.Extensions.Time.Testing;

namespace GridTrader.Storage.Tests.Support;

internal static class Samples
{
    /// <summary>Has sub-millisecond ticks, so a stored time that lost precision would not compare equal.</summary>
    public static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(1_234_567);

    public static readonly MarketInfo Btc = MarketInfo.FromSymbol("BTCNOK");

    public static FakeTimeProvider Clock() => new(T0);

    public static SqliteStore Open(TempDataDirectory dir, TimeProvider? time = null) => SqliteStore.Open(dir.Path, time ?? Clock());

    public static GridPlan Plan() =>
        GridPlanner.Plan(new GridSettings { SpacingMode = SpacingMode.FixedPercent, SpacingPct = 1.5m }, Btc, 1_000_000m, null, 20_000m).Plan
        ?? throw new InvalidOperationException("The sample grid did not plan.");

    public static GridStrategyState StrategyState(GridPlan? plan = null, int epoch = 1)
    {
        plan ??= Plan();
        var held = plan.InitialHeld.ToArray();
        held[2] = 0.00208382m;
        return new GridStrategyState("BTCNOK", GridPhase.Active, epoch, plan, held, Trend.Up, Spike: true, OutOfBandNoticed: false);
    }

    public static TrackedOrder NewOrder(long id, Side side = Side.Buy, decimal price = 925000.00m, decimal amount = 0.00215140m, int level = 0,
        DateTimeOffset? createdAt = null) =>
        new(id, "BTCNOK", side, price, amount, level, cell: level, epoch: 1, createdAt ?? T0, (createdAt ?? T0).AddHours(12));

    /// <summary>The fill the engine builds for an <see cref="OrderFilled"/> event (Firi's 0.5% fee, in quote) of a <see cref="NewOrder"/> (grid #1).</summary>
    public static Fill FillFor(OrderFilled f) =>
        new(f.OrderId, f.Market, "BTC", "NOK", f.Side, f.Price, f.Amount, f.Value * 0.005m, "NOK", f.Time, f.Level, Epoch: 1);

    /// <summary>Commits events as the engine does: with the fills they produced.</summary>
    public static ValueTask Commit(IEngineStore store, TrackedOrder order, IReadOnlyList<OrderEvent> events, GridStrategyState? state = null) =>
        store.CommitOrderAsync(order, events, events.OfType<OrderFilled>().Select(FillFor).ToList(), state);

    public static ValueTask Commit(IEngineStore store, TrackedOrder order, OrderEvent e) => Commit(store, order, [e]);

    /// <summary>Sends the order and has the exchange accept it, committing each step as the engine does.</summary>
    public static async Task CommitOpenAsync(IEngineStore store, TrackedOrder order, long exchangeId, DateTimeOffset at)
    {
        await Commit(store, order, order.MarkSubmitting(at));
        await Commit(store, order, order.MarkAccepted(exchangeId, at));
    }
}
