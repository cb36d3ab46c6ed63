using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Exchanges.Firi;

namespace GridTrader.Exchanges.Tests.Firi;

public class FiriRetryPolicyTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(2, 4)]
    [InlineData(4, 16)]
    [InlineData(5, 30)]
    [InlineData(40, 30)]
    public void BackoffDelay_NoJitter_DoublesUpToTheCap(int retryIndex, double expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), FiriRetryPolicy.BackoffDelay(retryIndex, Base, Cap, 0, 0.5));
    }

    [Property]
    public Property BackoffDelay_WithJitter_StaysWithinJitterBandAndCap()
    {
        var cases = from retry in Gen.Choose(0, 10)
                    from random in Gen.Choose(0, 999_999).Select(r => r / 1_000_000.0)
                    select (retry, random);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var nominal = Math.Min(Cap.TotalMilliseconds, Base.TotalMilliseconds * Math.Pow(2, c.retry));
            var delay = FiriRetryPolicy.BackoffDelay(c.retry, Base, Cap, 0.2, c.random).TotalMilliseconds;
            return delay >= (nominal * 0.8) - 1 && delay <= Cap.TotalMilliseconds;
        });
    }

    [Fact]
    public void NextDelay_ServerSentRetryAfter_UsesItEvenAboveTheCap()
    {
        var options = new FiriClientOptions();
        var error = new ExchangeError(ExchangeErrorKind.RateLimited, "slow", 429, TimeSpan.FromSeconds(45));

        Assert.Equal(TimeSpan.FromSeconds(45), FiriRetryPolicy.NextDelay(error, 0, options, 0.5));
    }

    [Fact]
    public void NextDelay_NegativeRetryAfter_IsZero()
    {
        var error = new ExchangeError(ExchangeErrorKind.RateLimited, "slow", 429, TimeSpan.FromSeconds(-3));

        Assert.Equal(TimeSpan.Zero, FiriRetryPolicy.NextDelay(error, 0, new FiriClientOptions(), 0.5));
    }

    [Theory]
    [InlineData(10, 20, true)]
    [InlineData(40, 20, true)]
    [InlineData(41, 20, false)]
    [InlineData(0, 61, false)]
    public void WithinBudget_ElapsedPlusDelay_ComparedToTotalBudget(int elapsedSeconds, int delaySeconds, bool expected)
    {
        var options = new FiriClientOptions { RetryMaxTotalTime = TimeSpan.FromSeconds(60) };

        Assert.Equal(expected, FiriRetryPolicy.WithinBudget(TimeSpan.FromSeconds(elapsedSeconds), TimeSpan.FromSeconds(delaySeconds), options));
    }
}
