using GridTrader.Exchanges.Firi;
using Microsoft.Extensions.Time.Testing;

namespace GridTrader.Exchanges.Tests.Firi;

public class FiriRequestPacerTests
{
    [Fact]
    public void Reserve_WithinBurst_NeedsNoWait()
    {
        var pacer = new FiriRequestPacer(new FakeTimeProvider(), 1, 5);

        for (var i = 0; i < 5; i++) Assert.Equal(TimeSpan.Zero, pacer.Reserve());
    }

    [Fact]
    public void Reserve_BeyondBurst_QueuesAtTheSustainedRate()
    {
        var pacer = new FiriRequestPacer(new FakeTimeProvider(), 2, 2);
        pacer.Reserve();
        pacer.Reserve();

        Assert.Equal(TimeSpan.FromSeconds(0.5), pacer.Reserve());
        Assert.Equal(TimeSpan.FromSeconds(1.0), pacer.Reserve());
        Assert.Equal(TimeSpan.FromSeconds(1.5), pacer.Reserve());
    }

    [Fact]
    public void Reserve_AfterIdleTime_RefillsButNotPastBurst()
    {
        var time = new FakeTimeProvider();
        var pacer = new FiriRequestPacer(time, 1, 3);
        for (var i = 0; i < 3; i++) pacer.Reserve();

        time.Advance(TimeSpan.FromMinutes(10));

        for (var i = 0; i < 3; i++) Assert.Equal(TimeSpan.Zero, pacer.Reserve());
        Assert.Equal(TimeSpan.FromSeconds(1), pacer.Reserve());
    }
}
