using GridTrader.Exchanges.Simulation;
using static GridTrader.Exchanges.Tests.Simulation.Sim;

namespace GridTrader.Exchanges.Tests.Simulation;

public class MatchingEngineFeeTests
{
    [Fact]
    public void Fill_QuotePolicyBuy_ChargesTheFeeInNokAndCreditsTheFullAmount()
    {
        var engine = Engine();
        engine.Buy(99_000m, 0.01m);

        engine.MoveTo(Market, 98_000m, T0.AddSeconds(1));

        var fill = Assert.Single(engine.Drain());
        Assert.Equal((4.95m, "NOK"), (fill.Fee, fill.FeeCurrency));
        Assert.Equal(1_000_000m - 990m - 4.95m, engine.GetBalance("NOK").Total);
        Assert.Equal(1.01m, engine.GetBalance("BTC").Total);
    }

    [Fact]
    public void Fill_QuotePolicySell_ChargesTheFeeInNokFromTheProceeds()
    {
        var engine = Engine();
        engine.Sell(101_000m, 0.01m);

        engine.MoveTo(Market, 101_000m, T0.AddSeconds(1));

        var fill = Assert.Single(engine.Drain());
        Assert.Equal((5.05m, "NOK"), (fill.Fee, fill.FeeCurrency));
        Assert.Equal(1_000_000m + 1010m - 5.05m, engine.GetBalance("NOK").Total);
        Assert.Equal(0.99m, engine.GetBalance("BTC").Total);
    }

    [Fact]
    public void Fill_ReceivedPolicyBuy_ChargesTheFeeInBtc()
    {
        var engine = Engine(new MatchingEngineOptions { FeeCurrency = FeeCurrencyPolicy.Received });
        engine.Buy(99_000m, 0.01m);

        engine.MoveTo(Market, 98_000m, T0.AddSeconds(1));

        var fill = Assert.Single(engine.Drain());
        Assert.Equal((0.00005m, "BTC"), (fill.Fee, fill.FeeCurrency));
        Assert.Equal(1_000_000m - 990m, engine.GetBalance("NOK").Total);
        Assert.Equal(1.00995m, engine.GetBalance("BTC").Total);
        Assert.Equal(0m, engine.GetBalance("NOK").Hold);
    }

    [Fact]
    public void Fill_ReceivedPolicySell_ChargesTheFeeInNok()
    {
        var engine = Engine(new MatchingEngineOptions { FeeCurrency = FeeCurrencyPolicy.Received });
        engine.Sell(101_000m, 0.01m);

        engine.MoveTo(Market, 102_000m, T0.AddSeconds(1));

        var fill = Assert.Single(engine.Drain());
        Assert.Equal((5.05m, "NOK"), (fill.Fee, fill.FeeCurrency));
        Assert.Equal(0.99m, engine.GetBalance("BTC").Total);
    }

    [Fact]
    public void Fill_SeparateMakerAndTakerRates_ChargesEachByHowTheOrderExecuted()
    {
        var engine = Engine(new MatchingEngineOptions { MakerFeeRate = 0.001m, TakerFeeRate = 0.004m });
        engine.Buy(99_000m, 0.01m);
        engine.Buy(100_000m, 0.01m);

        engine.MoveTo(Market, 98_000m, T0.AddSeconds(1));

        var fills = engine.Drain();
        Assert.Equal([(false, 4.00m), (true, 0.99m)], fills.Select(f => (f.IsMaker, f.Fee)));
    }

    [Fact]
    public void Fill_AccountTrade_RecordsFeeCostAndOrder()
    {
        var engine = Engine();
        var id = engine.Buy(99_000m, 0.01m);
        engine.MoveTo(Market, 98_000m, T0.AddSeconds(1));

        var trade = Assert.Single(engine.GetAccountTrades(Market, 10).Value);

        Assert.Equal((id, 99_000m, 0.01m, 990m, true, 4.95m, "NOK", T0.AddSeconds(1)),
            (trade.OrderId, trade.Price, trade.Amount, trade.Cost, trade.IsMaker, trade.Fee, trade.FeeCurrency, trade.Time));
        Assert.True(Guid.TryParse(trade.Id, out _));
    }
}
