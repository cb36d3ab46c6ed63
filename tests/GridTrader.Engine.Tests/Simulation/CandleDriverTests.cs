using GridTrader.Core.MarketData;
using GridTrader.Core.Markets;
using GridTrader.Engine.Simulation;
using GridTrader.Exchanges.Simulation;

namespace GridTrader.Engine.Tests.Simulation;

/// <summary>
/// The one simulated driver. BTCNOK rests at 1,000,000 with a buy at 985,000 and a sell at 1,015,000; candles are one
/// minute long and source data is on a ten-times-smaller scale (100,000) unless a test says otherwise.
/// </summary>
public sealed class CandleDriverTests
{
    private const string Market = "BTCNOK";
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly DateTimeOffset Start = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly MatchingEngine _engine = new(new MatchingEngineOptions { CandleInterval = Minute });
    private readonly VirtualClock _clock = new(Start);
    private readonly long _buy;
    private readonly long _sell;

    public CandleDriverTests()
    {
        _engine.AddMarket(MarketInfo.FromSymbol(Market));
        _engine.Deposit("NOK", 100_000m);
        _engine.Deposit("BTC", 0.1m);
        _engine.MoveTo(Market, 1_000_000m, Start);
        _buy = _engine.PlaceOrder(Market, Side.Buy, 985_000m, 0.01m, Start).Value;
        _sell = _engine.PlaceOrder(Market, Side.Sell, 1_015_000m, 0.01m, Start).Value;
    }

    private CandleDriver Driver(CandleScale scale) => new(_engine, _clock, Market, Minute, scale);

    private static Candle Source(int minute, decimal open, decimal high, decimal low, decimal close) =>
        new(Start.AddMinutes(minute).ToUnixTimeMilliseconds(), open, high, low, close, 5m);

    private decimal Matched(long id) => _engine.GetOrder(id).Value.Matched;

    [Fact]
    public void Step_Candle_ReturnsItScaledAndLeavesTheClockAtItsClose()
    {
        var scale = new CandleScale(10m, PriceDecimals: 2);
        var source = Source(3, 100_000m, 100_300.0001m, 99_800m, 100_100m);

        var closed = Driver(scale).Step(source);

        Assert.Equal(scale.Apply(source), closed);
        Assert.Equal(1_003_000.01m, closed.High); // the wick on the market's tick, rounded outward
        Assert.Equal(Start.AddMinutes(4), _clock.GetUtcNow());
    }

    [Fact]
    public void Step_CandlesInTurn_CountsThemAndTheClockFollowsTheData()
    {
        var driver = Driver(new CandleScale(10m));

        driver.Step(Source(0, 100_000m, 100_100m, 99_900m, 100_000m));
        driver.Step(Source(7, 100_000m, 100_100m, 99_900m, 100_000m)); // a gap in the data

        Assert.Equal(2, driver.Count);
        Assert.Equal(Start.AddMinutes(8), _clock.GetUtcNow());
    }

    [Fact]
    public void Step_WalkInterrupted_ClockStaysAtTheCandlesOpen()
    {
        // The exchange is already walking another candle of the market and refuses this one midway: the clock read the
        // candle's open while its path was being walked and reaches the close only once the walk is done.
        _engine.BeginCandle(Market, Source(0, 1_000_000m, 1_000_000m, 1_000_000m, 1_000_000m), Start);
        var driver = Driver(new CandleScale(10m));

        Assert.Throws<InvalidOperationException>(() => driver.Step(Source(5, 100_000m, 100_100m, 99_900m, 100_000m)));

        Assert.Equal(Start.AddMinutes(5), _clock.GetUtcNow());
    }

    [Fact]
    public void Step_ScaledPathCrossesNothing_FillsNothing()
    {
        // Unscaled, this candle would take the price from 1,000,000 down to 100,000 and fill the buy.
        Driver(new CandleScale(10m)).Step(Source(0, 100_000m, 101_000m, 99_000m, 100_500m));

        Assert.Equal((0m, 0m), (Matched(_buy), Matched(_sell)));
    }

    [Fact]
    public void Step_PathCrossesTheBuy_FillsItAtItsLimitWithinTheCandle()
    {
        Driver(new CandleScale(10m)).Step(Source(0, 100_000m, 100_500m, 98_400m, 99_000m));

        Assert.Equal((0.01m, 0m), (Matched(_buy), Matched(_sell)));
        var fills = new List<SimFill>();
        _engine.DrainFills(fills);
        var fill = Assert.Single(fills);
        Assert.Equal(985_000m, fill.Price);
        Assert.InRange(fill.Time, Start, Start.AddMinutes(1));
    }

    [Fact]
    public void Step_PathCrossesBothOrders_FillsBoth()
    {
        Driver(new CandleScale(10m)).Step(Source(0, 100_000m, 101_600m, 98_400m, 100_000m));

        Assert.Equal((0.01m, 0.01m), (Matched(_buy), Matched(_sell)));
    }

    [Fact]
    public void StepScaled_CandleAlreadyOnTheMarketsScale_IsWalkedAsIs()
    {
        var driver = Driver(new CandleScale(10m));

        driver.StepScaled(Source(0, 1_000_000m, 1_016_000m, 990_000m, 1_010_000m));

        Assert.Equal((0m, 0.01m), (Matched(_buy), Matched(_sell)));
        Assert.Equal(1, driver.Count);
    }

    [Fact]
    public void Constructor_BadArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CandleDriver(_engine, _clock, Market, TimeSpan.Zero, CandleScale.Identity));
        Assert.Throws<ArgumentException>(() => new CandleDriver(_engine, _clock, " ", Minute, CandleScale.Identity));
    }
}
