using GridTrader.Engine.Live;
using GridTrader.Exchanges.Abstractions;

namespace GridTrader.Engine.Tests.Live;

/// <summary>Balances as last polled, minus what orders sent since that poll hold.</summary>
public sealed class BalanceBookTests
{
    private static readonly DateTimeOffset Poll = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly BalanceBook _book = new();

    public BalanceBookTests() =>
        _book.Update([new Balance("NOK", 10_000m, 2_000m, 8_000m), new Balance("BTC", 0.5m, 0m, 0.5m)], Poll);

    [Fact]
    public void Update_Poll_GivesTotalsAndAvailableAsTheExchangeSaidInAnyCase()
    {
        Assert.Equal((10_000m, 8_000m), (_book.Total("NOK"), _book.Available("nok")));
        Assert.Equal((0.5m, 0.5m), (_book.Total("btc"), _book.Available("BTC")));
        Assert.Equal(Poll, _book.LastPoll);
    }

    [Fact]
    public void Total_CurrencyNeverPolled_IsZero()
    {
        Assert.Equal((0m, 0m), (_book.Total("ETH"), _book.Available("ETH")));
    }

    [Fact]
    public void Reserve_OrdersSentSinceThePoll_ReduceAvailableButNotTotal()
    {
        _book.Reserve("NOK", 3_000m);
        _book.Reserve("nok", 1_500m);
        _book.Reserve("BTC", 0.1m);

        Assert.Equal((10_000m, 3_500m), (_book.Total("NOK"), _book.Available("NOK")));
        Assert.Equal((0.5m, 0.4m), (_book.Total("BTC"), _book.Available("BTC")));
    }

    [Fact]
    public void Update_NextPoll_ReplacesBalancesAndDropsReservations()
    {
        _book.Reserve("NOK", 3_000m);

        // The exchange now shows the order's hold itself; the reservation would count it twice.
        _book.Update([new Balance("NOK", 10_000m, 5_000m, 5_000m)], Poll.AddSeconds(30));

        Assert.Equal(5_000m, _book.Available("NOK"));
        Assert.Equal(0m, _book.Total("BTC")); // gone from the poll, gone from the book
        Assert.Equal(Poll.AddSeconds(30), _book.LastPoll);
        Assert.Equal(["NOK"], _book.Polled.Keys);
    }
}
