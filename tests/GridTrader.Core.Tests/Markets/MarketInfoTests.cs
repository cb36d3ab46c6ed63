using GridTrader.Core.Markets;
using GridTrader.Core.Tests.TestSupport;

namespace GridTrader.Core.Tests.Markets;

public class MarketInfoTests
{
    private readonly MarketInfo _market = TestMarkets.BtcNok(minAmount: 0.001m, minOrderValue: 100m);

    [Theory]
    [InlineData(1234.567, 1234.56)] // past the tick: cut down, never more expensive
    [InlineData(1234.561, 1234.56)]
    [InlineData(1234.56, 1234.56)] // on the tick: unchanged
    public void RoundPrice_Buy_RoundsDownToTheTick(decimal price, decimal expected) =>
        Assert.Equal(expected, _market.RoundPrice(price, Side.Buy));

    [Theory]
    [InlineData(1234.561, 1234.57)] // past the tick: up, never sells cheaper than asked
    [InlineData(1234.569, 1234.57)]
    [InlineData(1234.56, 1234.56)]
    public void RoundPrice_Sell_RoundsUpToTheTick(decimal price, decimal expected) =>
        Assert.Equal(expected, _market.RoundPrice(price, Side.Sell));

    [Theory]
    [InlineData(0.123456789, 0.12345678)] // nearest would be ...679; toward zero keeps ...678
    [InlineData(0.12345678, 0.12345678)]
    [InlineData(-0.123456789, -0.12345678)] // toward zero, not toward −∞ (which would give ...679)
    public void RoundAmount_MoreDecimalsThanTheMarket_RoundsTowardZero(decimal amount, decimal expected) =>
        Assert.Equal(expected, _market.RoundAmount(amount));

    [Fact]
    public void Steps_FiriDefaults_AreOneCentAndOneSatoshi()
    {
        Assert.Equal(0.01m, _market.PriceTick);
        Assert.Equal(0.00000001m, _market.AmountStep);
    }

    [Theory]
    [InlineData(100_000, 0.001, true)] // exactly the minimum amount, value 100 = the minimum value
    [InlineData(100_000, 0.00099999, false)] // below the minimum amount
    [InlineData(99_999, 0.001, false)] // amount fine, value 99.999 below 100
    [InlineData(100_000, 0, false)]
    public void MeetsMinimum_AmountAndValue_BothMustReachTheMinimum(decimal price, decimal amount, bool expected) =>
        Assert.Equal(expected, _market.MeetsMinimum(price, amount));

    [Fact]
    public void MeetsMinimum_ZeroAmountWithoutMinimums_IsStillRefused()
    {
        var market = new MarketInfo("BTCNOK", "BTC", "NOK", minAmount: 0m, minOrderValue: 0m);

        Assert.False(market.MeetsMinimum(1000m, 0m));
    }

    [Theory]
    [InlineData("BTCNOK", "BTC", "NOK")]
    [InlineData("ethnok", "ETH", "NOK")]
    [InlineData("BTCUSDT", "BTC", "USDT")]
    [InlineData("USDCNOK", "USDC", "NOK")]
    public void FromSymbol_ConcatenatedSymbol_SplitsBaseAndQuote(string symbol, string expectedBase, string expectedQuote)
    {
        var market = MarketInfo.FromSymbol(symbol);

        Assert.Equal(expectedBase, market.BaseCurrency);
        Assert.Equal(expectedQuote, market.QuoteCurrency);
        Assert.Equal(symbol.ToUpperInvariant(), market.Symbol);
    }

    [Fact]
    public void FromSymbol_TooShortToSplit_Throws() =>
        Assert.Throws<ArgumentException>(() => MarketInfo.FromSymbol("BTC"));
}
