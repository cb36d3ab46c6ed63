using GridTrader.Core.Accounting;
using GridTrader.Core.Markets;
using GridTrader.Core.Tests.TestSupport;

namespace GridTrader.Core.Tests.Accounting;

public class FeeModelTests
{
    private static readonly MarketInfo Market = TestMarkets.BtcNok();

    [Theory]
    [InlineData(Side.Buy)]
    [InlineData(Side.Sell)]
    public void FeeFor_Firi_ChargesHalfAPercentInNok(Side side)
    {
        // 0.5% of 0.5 × 1000 = 2.5 NOK on either side.
        Assert.Equal((2.5m, "NOK"), FeeModel.Firi.FeeFor(Market, side, 1000m, 0.5m));
        Assert.Equal(0.5m, FeeModel.Firi.NetBaseReceived(side, 0.5m));
    }

    [Fact]
    public void FeeFor_ReceivedPolicy_ChargesTheCoinOnBuysAndNokOnSells()
    {
        var fees = new FeeModel(0.005m, FeeCurrencyPolicy.Received);

        Assert.Equal((0.0025m, "BTC"), fees.FeeFor(Market, Side.Buy, 1000m, 0.5m));
        Assert.Equal((2.5m, "NOK"), fees.FeeFor(Market, Side.Sell, 1000m, 0.5m));
        Assert.Equal(0.4975m, fees.NetBaseReceived(Side.Buy, 0.5m));
        Assert.Equal(0.5m, fees.NetBaseReceived(Side.Sell, 0.5m));
    }
}
