using GridTrader.Core.Markets;
using GridTrader.Exchanges.Simulation;
using static GridTrader.Exchanges.Tests.Simulation.Sim;

namespace GridTrader.Exchanges.Tests.Simulation;

/// <summary>The volume cap on touch fills, as the Firi mock uses it; the volume-share model: MatchingEngineFillModelTests.</summary>
public class MatchingEngineVolumeCapTests
{
    private static readonly MatchingEngineOptions TenPercent = new() { FillModel = FillModel.Touch, VolumeParticipation = 0.1m };

    [Fact]
    public void ProcessCandle_VolumeCap_SharesTheCandlesVolumeInPriceTimePriority()
    {
        var engine = Engine(TenPercent);
        var first = engine.Buy(99_000m, 0.06m);
        var second = engine.Buy(99_000m, 0.06m);
        var better = engine.Buy(99_500m, 0.03m);

        // Volume 1 BTC → the account may take 0.1 BTC: 0.03 (best price), 0.06 (older), then 0.01.
        engine.ProcessCandle(Market, Candle(0, 100_000m, 100_000m, 98_000m, 98_500m, volume: 1m));

        var fills = engine.Drain();
        Assert.Equal([(better, 0.03m), (first, 0.06m), (second, 0.01m)], fills.Select(f => (f.OrderId, f.Amount)));
        Assert.Equal((0.01m, 0.05m), (fills[2].Matched, fills[2].Remaining));
        var partial = engine.GetOrder(second).Value;
        Assert.Equal((0.01m, 0.05m, 0m), (partial.Matched, partial.Remaining, partial.Cancelled));
        Assert.Equal(1, engine.OpenOrderCount);
    }

    [Fact]
    public void ProcessCandle_PartiallyFilledOrderStillCrossed_FillsItsRemainderInTheNextCandle()
    {
        var engine = Engine(TenPercent);
        var bid = engine.Buy(99_000m, 0.15m);
        engine.ProcessCandle(Market, Candle(0, 100_000m, 100_000m, 98_000m, 98_500m, volume: 1m));

        engine.ProcessCandle(Market, Candle(1, 98_500m, 98_900m, 98_200m, 98_600m, volume: 1m));

        Assert.Equal([0.1m, 0.05m], engine.Drain().Select(f => f.Amount));
        Assert.True(engine.GetOrder(bid).Value.IsClosed);
    }

    [Fact]
    public void ProcessCandle_BudgetBelowAmountStep_IsCutToThePrecision()
    {
        var engine = Engine(TenPercent);
        var bid = engine.Buy(99_000m, 0.001m);

        engine.ProcessCandle(Market, Candle(0, 100_000m, 100_000m, 98_000m, 98_500m, volume: 0.000123456m));

        Assert.Equal(0.00001234m, Assert.Single(engine.Drain()).Amount);
        Assert.Equal(0.00098766m, engine.GetOrder(bid).Value.Remaining);
    }

    [Fact]
    public void ProcessCandle_ZeroVolumeCandleUnderCap_FillsNothing()
    {
        var engine = Engine(TenPercent);
        engine.Buy(99_000m, 0.01m);

        engine.ProcessCandle(Market, Candle(0, 100_000m, 100_000m, 98_000m, 98_500m, volume: 0m));

        Assert.Equal(0, engine.PendingFillCount);
    }

    [Fact]
    public void MoveTo_OutsideACandle_IsNotCapped()
    {
        var engine = Engine(TenPercent);
        engine.Buy(99_000m, 0.5m);

        engine.MoveTo(Market, 98_000m, T0.AddSeconds(1));

        Assert.Equal(0.5m, Assert.Single(engine.Drain()).Amount);
    }

    [Fact]
    public void ProcessCandle_NoCap_FillsCrossedOrdersInFullWhateverTheVolume()
    {
        var engine = Engine();
        engine.Buy(99_000m, 0.5m);

        engine.ProcessCandle(Market, Candle(0, 100_000m, 100_000m, 98_000m, 98_500m, volume: 0.001m));

        Assert.Equal(0.5m, Assert.Single(engine.Drain()).Amount);
    }
}
