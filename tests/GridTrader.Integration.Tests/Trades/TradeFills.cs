using GridTrader.Core.Accounting;
using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Storage;

namespace GridTrader.Integration.Tests.Trades;

/// <summary>
/// A known sequence of fills whose FIFO result is worked out by hand in <see cref="TradesExportTests"/>, and a way to put
/// fills into a real database the way the engine does (each with its order and the events that produced it).
/// </summary>
internal static class TradeFills
{
    private static DateTimeOffset At(int year, int month, int day) => new(year, month, day, 12, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<Fill> Known { get; } =
    [
        // 2025: 0.010 BTC at 900,000, fee 45 NOK. Lot A: 0.010 BTC costing 9,045.
        Btc(1, Side.Buy, 900_000m, 0.010m, 45m, At(2025, 12, 15)),
        // 2026: 0.020 BTC at 1,000,000, fee 100 NOK. Lot B: 0.020 BTC costing 20,100.
        Btc(2, Side.Buy, 1_000_000m, 0.020m, 100m, At(2026, 1, 10)),
        // 1.01 ETH at 30,000 with the fee (0.01 ETH) taken in the coin. Lot: 1.00 ETH costing 30,300.
        new Fill(3, "ETHNOK", "ETH", "NOK", Side.Buy, 30_000m, 1.01m, 0.01m, "ETH", At(2026, 1, 20), 2),
        // Sell 0.015 BTC at 1,100,000, fee 82.50: proceeds 16,417.50; cost all of A (9,045) + 0.005 of B (5,025) = 14,070; gain 2,347.50.
        Btc(4, Side.Sell, 1_100_000m, 0.015m, 82.50m, At(2026, 2, 1)),
        // Sell 0.5 ETH at 32,000, fee 80: proceeds 15,920; cost half the lot, 15,150; gain 770.
        new Fill(5, "ETHNOK", "ETH", "NOK", Side.Sell, 32_000m, 0.5m, 80m, "NOK", At(2026, 2, 15), 3),
        // Sell 0.010 BTC at 950,000, fee 47.50: proceeds 9,452.50; cost 0.010 of B's remaining 0.015 (15,075) = 10,050; loss 597.50.
        Btc(6, Side.Sell, 950_000m, 0.010m, 47.50m, At(2026, 3, 1)),
        // 2027: not part of 2026.
        Btc(7, Side.Sell, 1_200_000m, 0.005m, 30m, At(2027, 1, 5)),
    ];

    private static Fill Btc(long order, Side side, decimal price, decimal amount, decimal fee, DateTimeOffset time) =>
        new(order, "BTCNOK", "BTC", "NOK", side, price, amount, fee, "NOK", time, (int)order);

    /// <summary>Creates the database in <paramref name="directory"/> and commits each fill with its order, as the engine would.</summary>
    public static async Task StoreAsync(string directory, IEnumerable<Fill> fills)
    {
        await using var store = SqliteStore.Open(directory);
        foreach (var f in fills)
        {
            var order = new TrackedOrder(f.OrderId, f.Market, f.Side, f.Price, f.Amount, f.Level, f.Level, 1, f.Time, null);
            var events = new List<OrderEvent> { order.MarkSubmitting(f.Time), order.MarkAccepted(1000 + f.OrderId, f.Time) };
            events.AddRange(order.ApplySnapshot(f.Amount, 0m, 0m, f.Time));
            await store.CommitOrderAsync(order, events, [f], null);
        }
    }
}
