using GridTrader.Configuration;

namespace GridTrader.Integration.Tests.Configuration;

public class HostOptionsValidatorTests
{
    [Fact]
    public void Validate_DashboardBeyondLoopback_WarnsAboutTheToken()
    {
        var host = new HostOptions { Dashboard = { Url = "http://0.0.0.0:5080" } };

        var problem = Assert.Single(HostOptionsValidator.Validate(host));

        Assert.True(problem.IsWarning);
        Assert.Equal("GridTrader:Dashboard:Url", problem.Path);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1:5080")]
    [InlineData("not a url")]
    public void Validate_DashboardUrlNotHttp_IsAnError(string url)
    {
        var host = new HostOptions { Dashboard = { Url = url } };

        var problem = Assert.Single(HostOptionsValidator.Validate(host));

        Assert.False(problem.IsWarning);
    }

    [Fact]
    public void Load_DashboardSectionInTheFile_BindsIntoHostOptions()
    {
        var loaded = ConfigLoader.LoadJson("""
            { "GridTrader": { "Markets": [ { "Symbol": "BTCNOK" } ], "Dashboard": { "Url": "http://127.0.0.1:6001" },
              "Notifications": { "MaxPerMinute": 3 } } }
            """, "test", environment: new Dictionary<string, string?>());

        Assert.Equal("http://127.0.0.1:6001", loaded.Host.Dashboard.Url);
        Assert.Equal(3, loaded.Host.Notifications.MaxPerMinute);
    }
}
