using GridTrader.Core.MarketData;
using GridTrader.Core.Markets;
using GridTrader.Engine.Live;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Exchanges.Simulation;
using Microsoft.Extensions.Time.Testing;

namespace GridTrader.Engine.Tests.Live;

/// <summary>
/// Candles built from the public trade history, one-minute buckets from 12:00. The tape answers like Firi: the latest
/// trades, newest first, the same trades again on the next poll until newer ones push them out.
/// </summary>
public sealed class TradeCandleFeedTests
{
    private const string Market = "BTCNOK";
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly DateTimeOffset Noon = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Noon);
    private readonly TradeTape _tape;
    private readonly TradeCandleFeed _feed;

    public TradeCandleFeedTests()
    {
        _tape = new TradeTape(_time);
        _feed = new TradeCandleFeed(_tape, _time, tradesPerPoll: 50);
    }

    private static long Ms(DateTimeOffset t) => t.ToUnixTimeMilliseconds();

    private void Trade(int seconds, decimal price, decimal amount, Side taker = Side.Buy, string market = Market) =>
        _tape.Trades.Add(new PublicTrade(market, taker, price, amount, Noon.AddSeconds(seconds)));

    private async Task<IReadOnlyList<Candle>> PollAtAsync(int seconds, string market = Market)
    {
        _time.SetUtcNow(Noon.AddSeconds(seconds));
        return await _feed.PollAsync(market, Minute);
    }

    [Fact]
    public async Task Poll_TradesInOneMinute_CloseIntoOneCandleWhenTheMinuteEnds()
    {
        Trade(10, 100m, 1m);
        Trade(20, 105m, 0.5m, Side.Sell);
        Trade(40, 98m, 2m);
        Trade(50, 101m, 0.25m);

        Assert.Empty(await PollAtAsync(55));
        var closed = await PollAtAsync(60);

        Assert.Equal([new Candle(Ms(Noon), 100m, 105m, 98m, 101m, 3.75m)], closed);
        Assert.Empty(await PollAtAsync(61));
    }

    [Fact]
    public async Task Poll_QuietMinutes_BecomeFlatCandlesAtThePreviousClose()
    {
        Trade(10, 100m, 1m);
        Trade(50, 101m, 1m);
        await PollAtAsync(55);

        var closed = await PollAtAsync(3 * 60 + 5);

        Assert.Equal(
            [
                new Candle(Ms(Noon), 100m, 101m, 100m, 101m, 2m),
                new Candle(Ms(Noon + Minute), 101m, 101m, 101m, 101m, 0m),
                new Candle(Ms(Noon + 2 * Minute), 101m, 101m, 101m, 101m, 0m),
            ],
            closed);
    }

    [Fact]
    public async Task Poll_TradeInALaterMinute_ClosesTheOpenMinuteAndTheQuietOnesBetween()
    {
        Trade(10, 100m, 1m);
        await PollAtAsync(20);
        Trade(2 * 60 + 30, 110m, 1m);

        var closed = await PollAtAsync(2 * 60 + 40);

        Assert.Equal([Ms(Noon), Ms(Noon + Minute)], closed.Select(c => c.OpenTimeMs));
        Assert.Equal(100m, closed[1].Close);
        Assert.Equal(new Candle(Ms(Noon + 2 * Minute), 110m, 110m, 110m, 110m, 1m), Assert.Single(await PollAtAsync(3 * 60)));
    }

    [Fact]
    public async Task Poll_SameTradesSeenOnEveryPoll_AreCountedOnce()
    {
        Trade(10, 100m, 1m);
        Trade(20, 102m, 1m);
        await PollAtAsync(25);
        await PollAtAsync(35);
        Trade(40, 99m, 1m);
        await PollAtAsync(45);

        var candle = Assert.Single(await PollAtAsync(60));

        Assert.Equal(new Candle(Ms(Noon), 100m, 102m, 99m, 99m, 3m), candle);
    }

    [Fact]
    public async Task Poll_TradeReportedLateForAClosedMinute_IsDropped()
    {
        Trade(10, 100m, 1m);
        await PollAtAsync(30);
        Assert.Single(await PollAtAsync(60)); // 12:00 is closed
        Trade(50, 90m, 5m); // a 12:00 trade the exchange reports only now
        Trade(70, 101m, 1m);

        Assert.Empty(await PollAtAsync(80));
        var next = Assert.Single(await PollAtAsync(120));

        Assert.Equal(new Candle(Ms(Noon + Minute), 101m, 101m, 101m, 101m, 1m), next);
    }

    [Fact]
    public async Task Poll_TradesWithoutPriceOrAmount_AreIgnored()
    {
        Trade(10, 100m, 1m);
        Trade(20, 0m, 1m);
        Trade(30, 120m, 0m);

        var candle = Assert.Single(await PollAtAsync(60));

        Assert.Equal(new Candle(Ms(Noon), 100m, 100m, 100m, 100m, 1m), candle);
    }

    [Fact]
    public async Task Poll_ExchangeFails_StillClosesMinutesThatEnded()
    {
        Trade(10, 100m, 1m);
        await PollAtAsync(20);
        _tape.Failing = true;

        var closed = await PollAtAsync(2 * 60);

        Assert.Equal([Ms(Noon), Ms(Noon + Minute)], closed.Select(c => c.OpenTimeMs));
    }

    [Fact]
    public async Task Poll_NoTradeEverSeen_GivesNothing()
    {
        Assert.Empty(await PollAtAsync(10 * 60));
        Assert.False(_feed.Completed);
    }

    [Fact]
    public async Task Poll_TwoMarkets_EachBuildsItsOwnCandles()
    {
        Trade(10, 100m, 1m);
        Trade(15, 7m, 3m, market: "ETHNOK");

        var btc = await PollAtAsync(60);
        var eth = await PollAtAsync(60, "ETHNOK");

        Assert.Equal(new Candle(Ms(Noon), 100m, 100m, 100m, 100m, 1m), Assert.Single(btc));
        Assert.Equal(new Candle(Ms(Noon), 7m, 7m, 7m, 7m, 3m), Assert.Single(eth));
    }

    /// <summary>The public trades endpoint, answering from a list the test writes (newest first, at most the count asked for).</summary>
    private sealed class TradeTape(TimeProvider time)
        : DelegatingExchange(new SimulatedExchange([], new Dictionary<string, decimal>(), time))
    {
        public List<PublicTrade> Trades { get; } = [];
        public bool Failing { get; set; }

        public override ValueTask<ExchangeResult<IReadOnlyList<PublicTrade>>> GetRecentTradesAsync(string market, int count,
            CancellationToken ct = default)
        {
            if (Failing) return new(ExchangeResult<IReadOnlyList<PublicTrade>>.Failure(ExchangeErrorKind.ServerError, "HTTP 502"));
            IReadOnlyList<PublicTrade> latest = Trades.Where(t => t.Market == market).OrderByDescending(t => t.Time).Take(count).ToList();
            return new(ExchangeResult<IReadOnlyList<PublicTrade>>.Success(latest));
        }
    }
}
