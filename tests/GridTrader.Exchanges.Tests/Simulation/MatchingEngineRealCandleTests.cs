using GridTrader.Core.MarketData;
using GridTrader.Core.Markets;
using GridTrader.Exchanges.MarketData;
using GridTrader.Exchanges.Simulation;
using GridTrader.Tests.Shared;

namespace GridTrader.Exchanges.Tests.Simulation;

/// <summary>
/// A week of real 5-minute BTC/USDT candles (2023-03-20 → 26, 2 000 candles) through the engine under a resting grid
/// that re-places every filled order one step away, as a grid bot does; every candle's fills are checked against it.
/// </summary>
public sealed class MatchingEngineRealCandleTests
{
    private const string Symbol = "BTCUSDT";
    private const decimal Step = 60m; // ≈ 0.22% at 27 000
    private const decimal Amount = 0.05m;
    private const int Levels = 40; // a side: the grid spans the week's range (≈ 26 500–29 000)
    private static readonly MarketInfo BtcUsdt = new(Symbol, "BTC", "USDT", priceDecimals: 2, amountDecimals: 5, minAmount: 0.0001m);
    private static readonly Lazy<Candle[]> Week = new(() =>
        new CandleCsvReader(TestRepository.SampleData("BTCUSDT-5m-2023-03-20_26.csv.gz")).Read().ToArray());

    /// <summary>What the replay saw, per fill model.</summary>
    private sealed record Replay(int MakerFills, int PartialFills, int CandlesAtTheCap);

    private static Replay Run(MatchingEngineOptions options)
    {
        var candles = Week.Value;
        var engine = new MatchingEngine(options with { CandleInterval = TimeSpan.FromMinutes(5) });
        engine.AddMarket(BtcUsdt);
        engine.Deposit("USDT", 10_000_000m);
        engine.Deposit("BTC", 100m);
        var start = candles[0].OpenTime;
        var centre = decimal.Round(candles[0].Open, 0);
        engine.MoveTo(Symbol, centre, start);
        for (var i = 1; i <= Levels; i++)
        {
            Assert.True(engine.PlaceOrder(Symbol, Side.Buy, centre - (i * Step), Amount, start).IsSuccess);
            Assert.True(engine.PlaceOrder(Symbol, Side.Sell, centre + (i * Step), Amount, start).IsSuccess);
        }

        var through = options.FillModel == FillModel.Touch ? 0m : BtcUsdt.PriceTick;
        var share = options.FillModel == FillModel.VolumeShare ? options.VolumeParticipation!.Value : (decimal?)null;
        var fills = new List<SimFill>();
        int makers = 0, partials = 0, capped = 0;
        foreach (var candle in candles)
        {
            // Taker fills of the counter-orders placed at the last close come first.
            fills.Clear();
            engine.DrainFills(fills);
            engine.ProcessCandle(Symbol, candle);
            engine.DrainFills(fills);
            var taken = 0m;
            foreach (var f in fills)
            {
                var order = engine.GetOrder(f.OrderId).Value;
                // A counter-order the price had already passed at the last close executed at once as taker (uncapped,
                // at that close): only its own counter-order follows.
                if (f.IsMaker)
                {
                    makers++;
                    taken += f.Amount;
                    // Never at a price the model forbids.
                    Assert.True(f.Side == Side.Buy ? candle.Low <= f.Price - through : candle.High >= f.Price + through,
                        $"{options.FillModel}: {f.Side} {f.Price} filled by {candle}");
                }

                if (f.IsMaker && f.Remaining > 0m)
                {
                    // A partial fill: the rest keeps resting at the same price.
                    partials++;
                    Assert.False(order.IsClosed);
                    Assert.Equal((order.Amount - order.Matched, order.Price), (order.Remaining, f.Price));
                    Assert.Contains(engine.GetOpenOrders(Symbol).Value, o => o.Id == f.OrderId);
                }

                // The filled part goes back one step from the order's line, as the grid's counter-order. (A piece below
                // the market minimum is not re-placed; the strategy would carry it into its next order.)
                var counter = f.Side == Side.Buy ? order.Price + Step : order.Price - Step;
                if (!BtcUsdt.MeetsMinimum(counter, f.Amount)) continue;
                var placed = engine.PlaceOrder(Symbol, f.Side.Opposite(), counter, f.Amount, candle.OpenTime.AddMinutes(5));
                Assert.True(placed.IsSuccess, $"{f.Side.Opposite()} {f.Amount} at {counter}: {placed.Error}");
            }

            if (share is { } s)
            {
                Assert.True(taken <= candle.Volume * s, $"{taken} BTC filled of a {candle.Volume} BTC candle at {s}");
                if (taken > candle.Volume * s - BtcUsdt.AmountStep) capped++;
            }
        }

        return new Replay(makers, partials, capped);
    }

    [Fact]
    public void ProcessCandle_RealWeekUnderEachModel_FillsOnlyWhatTheModelAllows()
    {
        var touch = Run(new MatchingEngineOptions { FillModel = FillModel.Touch });
        var through = Run(new MatchingEngineOptions { FillModel = FillModel.TradeThrough });
        // 0.01% of a 5-minute candle of that week (≈ 50–3 000 BTC) is 0.005–0.3 BTC: often less than a 0.05 BTC order.
        var share = Run(new MatchingEngineOptions { FillModel = FillModel.VolumeShare, VolumeParticipation = 0.0001m });

        Assert.True(touch.MakerFills > 200, $"only {touch.MakerFills} fills");
        // The grid's lines are whole dollars: now and then a low or high stops exactly on one, which only touch fills.
        Assert.True(through.MakerFills < touch.MakerFills, $"trade-through {through.MakerFills} vs touch {touch.MakerFills} fills");
        Assert.Equal(0, through.PartialFills);
        Assert.True(share.PartialFills > 20, $"only {share.PartialFills} partial fills");
        Assert.True(share.CandlesAtTheCap > 20, $"the cap bound on only {share.CandlesAtTheCap} candles");
    }
}
