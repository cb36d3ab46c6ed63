using GridTrader.Core.Markets;
using GridTrader.Exchanges.Paper;
using GridTrader.Exchanges.Simulation;
using static GridTrader.Exchanges.Tests.Simulation.Sim;

namespace GridTrader.Exchanges.Tests.Simulation;

/// <summary>
/// A paper account survives a restart as <see cref="MatchingAccountState"/>: an engine restored from it answers every
/// query as the original did and goes on trading exactly as the original would.
/// </summary>
public class MatchingEngineAccountTests
{
    /// <summary>Open orders (two at one price, so time priority matters), a partial fill, a full fill and a cancel.</summary>
    private static readonly MatchingEngineOptions Capped = new() { VolumeParticipation = 0.1m };

    private static MatchingEngine Traded(MatchingEngineOptions? options = null)
    {
        var engine = Engine(options ?? Capped);
        engine.Buy(99_000m, 0.002m);
        engine.Buy(98_000m, 0.001m);
        engine.Buy(98_000m, 0.003m);
        var cancelled = engine.Buy(97_000m, 0.001m);
        engine.Sell(101_000m, 0.004m);
        engine.Sell(102_000m, 0.001m);
        engine.CancelOrder(cancelled);
        engine.MoveTo(Market, 99_000m, T0.AddMinutes(1));
        // A candle through 101 000 with little volume: the sell there fills 0.001 of its 0.004 and rests with the rest.
        engine.ProcessCandle(Market, Candle(2, 99_000m, 101_500m, 99_000m, 100_500m, volume: 0.01m));
        return engine;
    }

    private static MatchingEngine Restored(MatchingAccountState state, MatchingEngineOptions? options = null)
    {
        var engine = new MatchingEngine(options ?? Capped);
        engine.AddMarket(BtcNok);
        engine.RestoreAccount(state);
        return engine;
    }

    [Fact]
    public void RestoreAccount_FromExport_AnswersEveryQueryAsTheOriginal()
    {
        var original = Traded();
        Assert.Contains(original.GetOpenOrders().Value, o => o.Matched > 0 && o.Remaining > 0);

        var restored = Restored(original.ExportAccount());

        Assert.Equal(original.GetBalances(), restored.GetBalances());
        Assert.Equal(original.GetOpenOrders().Value, restored.GetOpenOrders().Value);
        Assert.Equal(original.GetOrderHistory(null, 100).Value, restored.GetOrderHistory(null, 100).Value);
        Assert.Equal(original.GetAccountTrades(null, 100).Value, restored.GetAccountTrades(null, 100).Value);
        foreach (var order in original.GetOrderHistory(null, 100).Value.Concat(original.GetOpenOrders().Value))
            Assert.Equal(original.GetOrder(order.Id).Value, restored.GetOrder(order.Id).Value);
        Assert.Equal(original.OpenOrderCount, restored.OpenOrderCount);
        Assert.Equal(original.TradeCount, restored.TradeCount);
        Assert.Equal(original.ExportAccount() with { }, restored.ExportAccount(), AccountComparer.Instance);
    }

    [Fact]
    public void RestoreAccount_ThenTheSameCalls_TradesExactlyAsTheOriginal()
    {
        var original = Traded();
        var restored = Restored(original.ExportAccount());
        // The restored engine learns the price from the market again; the original already knows it.
        restored.MoveTo(Market, 100_500m, T0.AddMinutes(2));

        foreach (var engine in new[] { original, restored })
        {
            engine.Sell(103_000m, 0.001m);
            engine.MoveTo(Market, 97_500m, T0.AddMinutes(3));
            engine.MoveTo(Market, 102_500m, T0.AddMinutes(4));
        }

        Assert.Equal(original.GetAccountTrades(null, 100).Value, restored.GetAccountTrades(null, 100).Value);
        Assert.Equal(original.GetOpenOrders().Value, restored.GetOpenOrders().Value);
        Assert.Equal(original.GetBalances(), restored.GetBalances());
        Assert.Equal(original.Buy(96_000m, 0.001m), restored.Buy(96_000m, 0.001m));
    }

    [Fact]
    public void PaperAccountJson_RoundTrip_KeepsEveryDigitAndTime()
    {
        var state = Traded().ExportAccount();

        var json = PaperAccountJson.Serialize(state);
        var back = PaperAccountJson.Deserialize(json);

        Assert.Equal(state, back, AccountComparer.Instance);
        Assert.Contains("\"side\":\"Buy\"", json, StringComparison.Ordinal);
        Assert.Equal(PaperAccountJson.Serialize(back), json);
    }

    [Fact]
    public void RestoreAccount_EngineThatTraded_IsRefused()
    {
        var state = Traded().ExportAccount();

        Assert.Throws<InvalidOperationException>(() => Traded().RestoreAccount(state));
    }

    [Fact]
    public void RestoreAccount_OrdersOnAnUnregisteredMarket_IsRefusedNamingIt()
    {
        var state = Traded().ExportAccount();
        var engine = new MatchingEngine();
        engine.AddMarket(new MarketInfo("ETHNOK", "ETH", "NOK", 2, 8, 0.001m));

        var ex = Assert.Throws<ArgumentException>(() => engine.RestoreAccount(state));

        Assert.Contains("BTCNOK", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RestoreAccount_SmallerHistory_KeepsTheNewestClosedOrders()
    {
        var state = Traded().ExportAccount();

        var restored = Restored(state, Capped with { ClosedOrderCapacity = 1 });

        var newestClosed = state.ClosedOrders[^1].Id;
        Assert.Equal([newestClosed], restored.GetOrderHistory(null, 10).Value.Select(o => o.Id));
        Assert.True(restored.GetOrder(newestClosed).IsSuccess);
        Assert.False(restored.GetOrder(state.ClosedOrders[0].Id).IsSuccess);
    }

    /// <summary>Records hold lists: compare them element by element.</summary>
    private sealed class AccountComparer : IEqualityComparer<MatchingAccountState>
    {
        public static AccountComparer Instance { get; } = new();

        public bool Equals(MatchingAccountState? x, MatchingAccountState? y) =>
            x is not null && y is not null && x.NextOrderId == y.NextOrderId && x.TradeCount == y.TradeCount
            && x.Balances.SequenceEqual(y.Balances) && x.OpenOrders.SequenceEqual(y.OpenOrders)
            && x.ClosedOrders.SequenceEqual(y.ClosedOrders) && x.Trades.SequenceEqual(y.Trades);

        public int GetHashCode(MatchingAccountState obj) => obj.NextOrderId.GetHashCode();
    }
}
