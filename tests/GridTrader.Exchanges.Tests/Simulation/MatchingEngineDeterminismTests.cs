using GridTrader.Core.Markets;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Exchanges.Simulation;
using static GridTrader.Exchanges.Tests.Simulation.Sim;

namespace GridTrader.Exchanges.Tests.Simulation;

public class MatchingEngineDeterminismTests
{
    [Fact]
    public void Script_RunTwice_GivesIdenticalFillsTradesAndBalances()
    {
        var first = Run();
        var second = Run();

        Assert.NotEmpty(first.Fills);
        Assert.Equal(first.Fills, second.Fills);
        Assert.Equal(first.Trades, second.Trades);
        Assert.Equal(first.Balances, second.Balances);
    }

    private static (List<SimFill> Fills, IReadOnlyList<AccountTrade> Trades, IReadOnlyList<Balance> Balances) Run()
    {
        var engine = Engine(new MatchingEngineOptions { VolumeParticipation = 0.2m });
        var random = new Random(7);
        var fills = new List<SimFill>();
        var price = StartPrice;
        for (var i = 0; i < 500; i++)
        {
            var open = price;
            var close = Math.Round(open * (1m + ((decimal)random.NextDouble() - 0.5m) / 50m), 2);
            var high = Math.Max(open, close) + random.Next(0, 500);
            var low = Math.Min(open, close) - random.Next(0, 500);
            engine.ProcessCandle(Market, Candle(i, open, high, low, close, volume: (decimal)random.Next(1, 100) / 100m));
            var before = fills.Count;
            engine.DrainFills(fills);
            for (var f = before; f < fills.Count; f++)
            {
                // A grid's reaction: counter-order one percent away.
                var fill = fills[f];
                var counter = fill.Side == Side.Buy ? Math.Round(fill.Price * 1.01m, 2) : Math.Round(fill.Price * 0.99m, 2);
                engine.PlaceOrder(Market, fill.Side.Opposite(), counter, fill.Amount, OpenTime(i + 1));
            }

            if (i % 10 == 0)
            {
                engine.PlaceOrder(Market, Side.Buy, Math.Round(close * 0.995m, 2), 0.01m, OpenTime(i + 1));
                engine.PlaceOrder(Market, Side.Sell, Math.Round(close * 1.005m, 2), 0.01m, OpenTime(i + 1));
            }

            price = close;
        }

        return (fills, engine.GetAccountTrades(null, 10_000).Value, engine.GetBalances());
    }
}
