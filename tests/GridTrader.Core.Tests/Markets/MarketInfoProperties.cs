using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GridTrader.Core.Markets;
using GridTrader.Core.Tests.TestSupport;

namespace GridTrader.Core.Tests.Markets;

public class MarketInfoProperties
{
    public sealed record RoundingInput(decimal Value, int PriceDecimals, int AmountDecimals);

    public static class Arbitraries
    {
        public static Arbitrary<RoundingInput> Cases() => Arb.From(
            from units in Gen.Choose(1, int.MaxValue)
            from scale in Gen.Choose(0, 12)
            from priceDecimals in Gen.Choose(0, 8)
            from amountDecimals in Gen.Choose(0, 12)
            select new RoundingInput(new decimal(units, 0, 0, false, (byte)scale), priceDecimals, amountDecimals));
    }

    [Property(Arbitrary = [typeof(Arbitraries)], MaxTest = 200)]
    public void Rounding_AnyValue_NeverInTheCostlyDirectionAndLessThanOneStepAway(RoundingInput c)
    {
        var market = new MarketInfo(TestMarkets.Symbol, "BTC", "NOK", c.PriceDecimals, c.AmountDecimals);

        var amount = market.RoundAmount(c.Value);
        var buy = market.RoundPrice(c.Value, Side.Buy);
        var sell = market.RoundPrice(c.Value, Side.Sell);

        Assert.InRange(amount, c.Value - market.AmountStep + 0.000000000001m, c.Value); // never more than the balance gave
        Assert.InRange(buy, c.Value - market.PriceTick + 0.000000000001m, c.Value); // never pays more than asked
        Assert.InRange(sell, c.Value, c.Value + market.PriceTick - 0.000000000001m); // never sells for less
        Assert.Equal(amount, decimal.Round(amount, c.AmountDecimals));
        Assert.Equal(buy, decimal.Round(buy, c.PriceDecimals));
        Assert.Equal(sell, decimal.Round(sell, c.PriceDecimals));
    }
}
