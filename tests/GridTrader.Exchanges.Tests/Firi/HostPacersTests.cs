using GridTrader.Exchanges.Http;
using Microsoft.Extensions.Time.Testing;

namespace GridTrader.Exchanges.Tests.Firi;

public sealed class HostPacersTests
{
    [Fact]
    public void For_TwoClientsOfOneHost_ShareOneBudget()
    {
        var pacers = new HostPacers(new FakeTimeProvider());
        var trading = pacers.For(new Uri("https://api.firi.com/"), 1, 2);
        var doctor = pacers.For(new Uri("https://api.firi.com/v2/"), 1, 2);

        Assert.Same(trading, doctor);
        Assert.Equal(TimeSpan.Zero, trading.Reserve());
        Assert.Equal(TimeSpan.Zero, doctor.Reserve());
        // The burst of two is spent by both together: the third request waits a second, whoever sends it.
        Assert.Equal(TimeSpan.FromSeconds(1), doctor.Reserve());
    }

    [Fact]
    public void For_OtherHostOrPort_HasItsOwnBudget()
    {
        var pacers = new HostPacers(new FakeTimeProvider());
        var firi = pacers.For(new Uri("https://api.firi.com"), 1, 1);
        firi.Reserve();

        Assert.Equal(TimeSpan.Zero, pacers.For(new Uri("https://api.binance.com"), 5, 1).Reserve());
        Assert.Equal(TimeSpan.Zero, pacers.For(new Uri("https://api.firi.com:8443"), 1, 1).Reserve());
        Assert.Equal(["https://api.binance.com:443", "https://api.firi.com:443", "https://api.firi.com:8443"], pacers.Hosts.Select(h => h.Host));
    }
}
