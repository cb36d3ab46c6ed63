using GridTrader.Engine.Live;
using GridTrader.Exchanges.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GridTrader.Engine.Tests.Live;

/// <summary>Balances as polled, less what orders placed since the poll hold, on a fake clock.</summary>
public sealed class BalanceBookTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 7, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly BalanceBook _book = new();

    private void Poll(params Balance[] balances) => _book.Update(balances, _time.GetUtcNow());

    [Fact]
    public void Available_OrdersPlacedSinceThePoll_AreHeldBack()
    {
        Poll(new Balance("NOK", 10_000m, 2_000m, 8_000m), new Balance("BTC", 0.5m, 0m, 0.5m));

        _book.Reserve("NOK", 1_500.25m);
        _book.Reserve("nok", 499.75m);
        _book.Reserve("BTC", 0.1m);

        Assert.Equal(6_000m, _book.Available("NOK"));
        Assert.Equal(0.4m, _book.Available("btc"));
        Assert.Equal(10_000m, _book.Total("NOK"));
        Assert.Equal(0.5m, _book.Total("BTC"));
    }

    [Fact]
    public void Update_NextPoll_ReplacesBalancesAndForgetsPendingHolds()
    {
        Poll(new Balance("NOK", 10_000m, 0m, 10_000m), new Balance("ETH", 1m, 0m, 1m));
        _book.Reserve("NOK", 3_000m);
        var firstPoll = _book.LastPoll;

        _time.Advance(TimeSpan.FromSeconds(5));
        Poll(new Balance("NOK", 10_000m, 3_000m, 7_000m));

        Assert.Equal(7_000m, _book.Available("NOK"));
        Assert.Equal(0m, _book.Total("ETH"));
        Assert.Equal(0m, _book.Available("ETH"));
        Assert.Equal(_time.GetUtcNow(), _book.LastPoll);
        Assert.Equal(_time.GetUtcNow().AddSeconds(-5), firstPoll);
        Assert.Equal(["NOK"], _book.Polled.Keys);
    }

    [Fact]
    public void Available_BeforeAnyPoll_IsMinusWhatWasReserved()
    {
        _book.Reserve("NOK", 100m);

        Assert.Null(_book.LastPoll);
        Assert.Equal(-100m, _book.Available("NOK"));
        Assert.Equal(0m, _book.Total("NOK"));
    }

    [Fact]
    public void Polled_CurrencyCodes_MatchIgnoringCase()
    {
        Poll(new Balance("nok", 500m, 0m, 500m));

        Assert.Equal(500m, _book.Available("NOK"));
        Assert.True(_book.Polled.ContainsKey("Nok"));
    }
}
