using GridTrader.Core.Accounting;
using System.Globalization;
using GridTrader.Core.Markets;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Exchanges.Simulation;
using static GridTrader.Exchanges.Tests.Simulation.Sim;

namespace GridTrader.Exchanges.Tests.Simulation;

public class MatchingEngineFeeTests
{
    [Theory]
    [InlineData(FeeCurrencyPolicy.Quote, Side.Buy, "4.95", "NOK", "999005.05", "1.01")]
    [InlineData(FeeCurrencyPolicy.Quote, Side.Sell, "5.05", "NOK", "1001004.95", "0.99")]
    [InlineData(FeeCurrencyPolicy.Received, Side.Buy, "0.00005", "BTC", "999010", "1.00995")]
    [InlineData(FeeCurrencyPolicy.Received, Side.Sell, "5.05", "NOK", "1001004.95", "0.99")]
    public void Fill_FeePolicy_ChargesTheFeeInItsCurrencyExactly(FeeCurrencyPolicy policy, Side side, string fee,
        string feeCurrency, string nok, string btc)
    {
        // 0.01 BTC at 99 000 (buy) or 101 000 (sell), 0.5% fee.
        var engine = Engine(new MatchingEngineOptions { FeeCurrency = policy });
        engine.PlaceOrder(Market, side, side == Side.Buy ? 99_000m : 101_000m, 0.01m, T0);

        engine.MoveTo(Market, side == Side.Buy ? 98_000m : 102_000m, T0.AddSeconds(1));

        var fill = Assert.Single(engine.Drain());
        Assert.Equal((Exact(fee), feeCurrency), (fill.Fee, fill.FeeCurrency));
        Assert.Equal(new Balance("NOK", Exact(nok), 0m, Exact(nok)), engine.GetBalance("NOK"));
        Assert.Equal(new Balance("BTC", Exact(btc), 0m, Exact(btc)), engine.GetBalance("BTC"));
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

    private static decimal Exact(string value) => decimal.Parse(value, CultureInfo.InvariantCulture);
}
