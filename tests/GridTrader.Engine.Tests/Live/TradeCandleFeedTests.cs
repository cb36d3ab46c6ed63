using GridTrader.Core.MarketData;
using GridTrader.Engine.Live;
using Microsoft.Extensions.Time.Testing;

namespace GridTrader.Engine.Tests.Live;

/// <summary>Candles built from Firi's public trade history, on a fake clock.</summary>
public sealed class TradeCandleFeedTests
{
    private const string Btc = "BTCNOK";
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly DateTimeOffset T0 = new(2025, 7, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(T0);
    private readonly TradeTapeExchange _exchange;
    private readonly TradeCandleFeed _feed;

    public TradeCandleFeedTests()
    {
        _exchange = new TradeTapeExchange(_time);
        _feed = new TradeCandleFeed(_exchange, _time, tradesPerPoll: 50);
    }

    private Task<IReadOnlyList<Candle>> PollAsync(string market = Btc) => _feed.PollAsync(market, Minute).AsTask();

    private static DateTimeOffset At(int minute, int second) => T0.AddMinutes(minute).AddSeconds(second);

    [Fact]
    public async Task Poll_TradesInTheOpenMinute_CloseIntoOneCandleOnlyWhenTheMinuteHasPassed()
    {
        _exchange.Print(Btc, (At(0, 40), 101m, 0.2m), (At(0, 5), 100m, 0.1m), (At(0, 20), 104m, 0.3m), (At(0, 30), 99m, 0.4m));
        _time.SetUtcNow(At(0, 50));

        var early = await PollAsync();
        _time.SetUtcNow(At(1, 0));
        var closed = await PollAsync();

        Assert.Empty(early);
        var candle = Assert.Single(closed);
        Assert.Equal(new Candle(T0.ToUnixTimeMilliseconds(), 100m, 104m, 99m, 101m, 1.0m), candle);
        Assert.False(_feed.Completed);
    }

    [Fact]
    public async Task Poll_SameTradesReadAgain_AreCountedOnce()
    {
        _exchange.Print(Btc, (At(0, 10), 100m, 0.5m), (At(0, 20), 102m, 0.25m));
        _time.SetUtcNow(At(0, 30));

        await PollAsync();
        await PollAsync();
        _time.SetUtcNow(At(1, 1));
        var candle = Assert.Single(await PollAsync());

        Assert.Equal(0.75m, candle.Volume);
        Assert.Equal(3, _exchange.Reads);
    }

    [Fact]
    public async Task Poll_MinutesWithoutTrades_BecomeFlatCandlesAtThePreviousClose()
    {
        _exchange.Print(Btc, (At(0, 10), 100m, 0.5m), (At(0, 50), 103m, 0.1m));
        _time.SetUtcNow(At(3, 5));

        var candles = await PollAsync();

        Assert.Equal([T0, At(1, 0), At(2, 0)], candles.Select(c => c.OpenTime));
        Assert.Equal(new Candle(At(1, 0).ToUnixTimeMilliseconds(), 103m, 103m, 103m, 103m, 0m), candles[1]);
        Assert.Equal(candles[1] with { OpenTimeMs = At(2, 0).ToUnixTimeMilliseconds() }, candles[2]);
    }

    [Fact]
    public async Task Poll_TradeForAMinuteAlreadyClosed_IsLeftOut()
    {
        _exchange.Print(Btc, (At(0, 10), 100m, 0.5m));
        _time.SetUtcNow(At(1, 30));
        var first = await PollAsync();

        _exchange.Print(Btc, (At(0, 55), 90m, 9m), (At(1, 40), 101m, 0.2m));
        _time.SetUtcNow(At(2, 0));
        var second = await PollAsync();

        Assert.Equal(0.5m, Assert.Single(first).Volume);
        var candle = Assert.Single(second);
        Assert.Equal(new Candle(At(1, 0).ToUnixTimeMilliseconds(), 101m, 101m, 101m, 101m, 0.2m), candle);
    }

    [Fact]
    public async Task Poll_TradeWithoutPriceOrAmount_IsIgnored()
    {
        _exchange.Print(Btc, (At(0, 10), 100m, 0.5m), (At(0, 20), 0m, 1m), (At(0, 30), 500m, 0m), (At(0, 40), -5m, 1m));
        _time.SetUtcNow(At(1, 0));

        var candle = Assert.Single(await PollAsync());

        Assert.Equal(new Candle(T0.ToUnixTimeMilliseconds(), 100m, 100m, 100m, 100m, 0.5m), candle);
    }

    [Fact]
    public async Task Poll_TradeReadFails_StillClosesTheMinutesThatHavePassed()
    {
        _exchange.Print(Btc, (At(0, 10), 100m, 0.5m));
        _time.SetUtcNow(At(0, 20));
        await PollAsync();

        _exchange.FailNextReads(1);
        _time.SetUtcNow(At(2, 0));
        var candles = await PollAsync();

        Assert.Equal([T0, At(1, 0)], candles.Select(c => c.OpenTime));
        Assert.Equal(0m, candles[1].Volume);
    }

    [Fact]
    public async Task Poll_BeforeAnyTrade_ClosesNothing()
    {
        _time.SetUtcNow(At(30, 0));

        Assert.Empty(await PollAsync());
    }

    [Fact]
    public async Task Poll_TwoMarkets_KeepTheirOwnCandles()
    {
        _exchange.Print(Btc, (At(0, 10), 100m, 0.5m));
        _exchange.Print("ETHNOK", (At(0, 15), 30m, 2m), (At(0, 25), 31m, 1m));
        _time.SetUtcNow(At(0, 30));
        await PollAsync();
        await PollAsync("ETHNOK");

        _time.SetUtcNow(At(1, 0));
        var btc = Assert.Single(await PollAsync());
        var eth = Assert.Single(await PollAsync("ETHNOK"));

        Assert.Equal(0.5m, btc.Volume);
        Assert.Equal(new Candle(T0.ToUnixTimeMilliseconds(), 30m, 31m, 30m, 31m, 3m), eth);
    }

    [Fact]
    public async Task Poll_AfterALongOutage_SkipsAheadInsteadOfFillingForever()
    {
        _exchange.Print(Btc, (At(0, 10), 100m, 0.5m));
        _time.SetUtcNow(At(0, 20));
        await PollAsync();

        _time.SetUtcNow(T0.AddDays(10).AddSeconds(5)); // 14,400 minutes later
        var outage = await PollAsync();
        _time.Advance(Minute);
        var next = await PollAsync();

        Assert.Equal(10_001, outage.Count);
        Assert.Equal(T0.AddDays(10), Assert.Single(next).OpenTime);
    }
}
