using GridTrader.Core.Markets;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Exchanges.Simulation;
using static GridTrader.Exchanges.Tests.Simulation.Sim;

namespace GridTrader.Exchanges.Tests.Simulation;

public class MatchingEngineValidationTests
{
    [Theory]
    [InlineData("ETHNOK", 100_000, 0.01, ExchangeErrorKind.NotFound, "Market not found")]
    [InlineData(Market, 0, 0.01, ExchangeErrorKind.InvalidRequest, "Price is invalid")]
    [InlineData(Market, -1, 0.01, ExchangeErrorKind.InvalidRequest, "Price is invalid")]
    [InlineData(Market, 99_000, 0, ExchangeErrorKind.InvalidRequest, "Amount is invalid")]
    [InlineData(Market, 99_000.123, 0.01, ExchangeErrorKind.InvalidRequest, "Too many decimal places in price 99000.123")]
    [InlineData(Market, 99_000, 0.000000001, ExchangeErrorKind.InvalidRequest, "Too many decimal places in amount 0.000000001")]
    [InlineData(Market, 99_000, 0.00009, ExchangeErrorKind.InvalidRequest, "Volume too low")]
    public void PlaceOrder_InvalidRequest_ReturnsFirisError(string market, double price, double amount, ExchangeErrorKind kind, string message)
    {
        var engine = Engine();

        var result = engine.PlaceOrder(market, Side.Buy, (decimal)price, (decimal)amount, T0);

        Assert.Equal(new ExchangeError(kind, message), result.Error);
        Assert.Equal(0, engine.OpenOrderCount);
    }

    [Fact]
    public void PlaceOrder_TrailingZerosWithinPrecision_IsAccepted()
    {
        var engine = Engine();

        Assert.True(engine.PlaceOrder(Market, Side.Buy, 99_000.100m, 0.010000000m, T0).IsSuccess);
    }

    [Fact]
    public void PlaceOrder_ValueBelowMinOrderValue_IsVolumeTooLow()
    {
        var engine = new MatchingEngine();
        engine.AddMarket(new MarketInfo("BTCNOK", "BTC", "NOK", minAmount: 0.0001m, minOrderValue: 50m));
        engine.Deposit("NOK", 1_000m);
        engine.MoveTo("BTCNOK", StartPrice, T0);

        var result = engine.PlaceOrder("BTCNOK", Side.Buy, 99_000m, 0.0005m, T0);

        Assert.Equal(new ExchangeError(ExchangeErrorKind.InvalidRequest, "Volume too low"), result.Error);
    }

    [Fact]
    public void PlaceOrder_BeforeAnyPrice_IsNoPrice()
    {
        var engine = new MatchingEngine();
        engine.AddMarket(BtcNok);
        engine.Deposit("NOK", 1_000m);

        var result = engine.PlaceOrder(Market, Side.Buy, 99_000m, 0.001m, T0);

        Assert.Equal(new ExchangeError(ExchangeErrorKind.InvalidRequest, "No price"), result.Error);
    }

    [Fact]
    public void PlaceOrder_MarketSymbolInLowerCase_IsAccepted()
    {
        var engine = Engine();

        Assert.True(engine.PlaceOrder("btcnok", Side.Buy, 99_000m, 0.001m, T0).IsSuccess);
    }

    [Fact]
    public void BeginCandle_InconsistentCandle_Throws()
    {
        var engine = Engine();

        Assert.Throws<ArgumentException>(() => engine.BeginCandle(Market, Candle(0, 100m, 90m, 95m, 100m), T0));
    }

    [Fact]
    public void BeginCandle_WhileAnotherIsInProgress_Throws()
    {
        var engine = Engine();
        engine.BeginCandle(Market, Candle(0, 100_000m, 100_100m, 99_900m, 100_050m), OpenTime(0));

        Assert.Throws<InvalidOperationException>(() => engine.ProcessCandle(Market, Candle(1, 100_000m, 100_100m, 99_900m, 100_050m)));
    }

    [Fact]
    public void ProcessCandle_UnknownMarket_Throws()
    {
        var engine = Engine();

        Assert.Throws<ArgumentException>(() => engine.ProcessCandle("ETHNOK", Candle(0, 100m, 101m, 99m, 100m)));
    }

    [Fact]
    public void Constructor_NegativeFee_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MatchingEngine(new MatchingEngineOptions { FeeRate = -0.001m }));
    }
}
