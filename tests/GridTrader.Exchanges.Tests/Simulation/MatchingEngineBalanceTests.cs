using GridTrader.Core.Markets;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Exchanges.Simulation;
using static GridTrader.Exchanges.Tests.Simulation.Sim;

namespace GridTrader.Exchanges.Tests.Simulation;

public class MatchingEngineBalanceTests
{
    [Fact]
    public void PlaceOrder_Buy_HoldsCostPlusFeeInQuote()
    {
        var engine = Engine();

        engine.Buy(99_000m, 0.01m);

        Assert.Equal(new Balance("NOK", 1_000_000m, 994.95m, 999_005.05m), engine.GetBalance("NOK"));
        Assert.Equal(0m, engine.GetBalance("BTC").Hold);
    }

    [Fact]
    public void PlaceOrder_BuyWithoutFeeHold_HoldsCostOnly()
    {
        var engine = Engine(new MatchingEngineOptions { HoldFeeOnBuy = false });

        engine.Buy(99_000m, 0.01m);

        Assert.Equal(990m, engine.GetBalance("NOK").Hold);
    }

    [Fact]
    public void PlaceOrder_Sell_HoldsAmountInBase()
    {
        var engine = Engine();

        engine.Sell(101_000m, 0.25m);

        Assert.Equal(new Balance("BTC", 1m, 0.25m, 0.75m), engine.GetBalance("BTC"));
    }

    [Fact]
    public void CancelOrder_OpenBuy_ReleasesTheWholeHold()
    {
        var engine = Engine();
        var id = engine.Buy(99_000m, 0.01m);

        engine.CancelOrder(id);

        Assert.Equal(new Balance("NOK", 1_000_000m, 0m, 1_000_000m), engine.GetBalance("NOK"));
    }

    [Fact]
    public void Fill_Buy_ConsumesTheHoldAndReturnsWhatTheFillDidNotUse()
    {
        var engine = Engine(new MatchingEngineOptions { MakerFeeRate = 0.001m, TakerFeeRate = 0.005m });
        engine.Buy(99_000m, 0.01m);

        engine.MoveTo(Market, 98_000m, T0.AddSeconds(1));

        // Held at the higher (taker) rate: 994.95; paid as maker: 990 + 0.99.
        Assert.Equal(new Balance("NOK", 1_000_000m - 990.99m, 0m, 1_000_000m - 990.99m), engine.GetBalance("NOK"));
    }

    [Fact]
    public void Fill_PartialBuy_ConsumesTheHoldInProportion()
    {
        var engine = Engine(new MatchingEngineOptions { VolumeParticipation = 0.1m });
        var id = engine.Buy(99_000m, 0.02m);

        engine.ProcessCandle(Market, Candle(0, 100_000m, 100_000m, 98_000m, 98_500m, volume: 0.1m));

        Assert.Equal(994.95m, engine.GetBalance("NOK").Hold);
        engine.CancelOrder(id);
        Assert.Equal(0m, engine.GetBalance("NOK").Hold);
        Assert.Equal(1_000_000m - 990m - 4.95m, engine.GetBalance("NOK").Total);
    }

    [Fact]
    public void PlaceOrder_BuyBeyondAvailable_IsInsufficientFunds()
    {
        var engine = Engine(nok: 1_000m);

        var result = engine.PlaceOrder(Market, Side.Buy, 99_000m, 0.0101m, T0);

        Assert.Equal(new ExchangeError(ExchangeErrorKind.InsufficientFunds, "Insufficient funds"), result.Error);
        Assert.Equal(0m, engine.GetBalance("NOK").Hold);
    }

    [Fact]
    public void PlaceOrder_SecondBuyNeedingHeldFunds_IsInsufficientFunds()
    {
        var engine = Engine(nok: 1_000m);
        engine.Buy(99_000m, 0.01m);

        var result = engine.PlaceOrder(Market, Side.Buy, 98_000m, 0.0001m, T0);

        Assert.Equal(ExchangeErrorKind.InsufficientFunds, result.Error?.Kind);
        Assert.Equal(5.05m, engine.GetBalance("NOK").Available);
    }

    [Fact]
    public void PlaceOrder_SellBeyondAvailableBase_IsInsufficientFunds()
    {
        var engine = Engine(btc: 0.1m);
        engine.Sell(101_000m, 0.06m);

        var result = engine.PlaceOrder(Market, Side.Sell, 101_000m, 0.05m, T0);

        Assert.Equal(ExchangeErrorKind.InsufficientFunds, result.Error?.Kind);
    }

    [Fact]
    public void PlaceOrder_BuyUsingExactlyTheAvailableBalance_IsAccepted()
    {
        var engine = Engine(nok: 994.95m);

        var result = engine.PlaceOrder(Market, Side.Buy, 99_000m, 0.01m, T0);

        Assert.True(result.IsSuccess);
        Assert.Equal(0m, engine.GetBalance("NOK").Available);
    }

    [Fact]
    public void GetBalances_AfterSetup_ListsEveryCurrencyOrderedIncludingZeros()
    {
        var engine = new MatchingEngine();
        engine.AddMarket(BtcNok);
        engine.AddMarket(new MarketInfo("ETHNOK", "ETH", "NOK"));
        engine.Deposit("nok", 10m);

        Assert.Equal(["BTC", "ETH", "NOK"], engine.GetBalances().Select(b => b.Currency));
        Assert.Equal(10m, engine.GetBalance("NOK").Total);
    }
}
