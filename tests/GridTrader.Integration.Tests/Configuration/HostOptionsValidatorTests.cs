using GridTrader.Configuration;

namespace GridTrader.Integration.Tests.Configuration;

public class HostOptionsValidatorTests
{
    [Fact]
    public void Validate_PlainHttpBeyondLoopback_IsRefusedWithOneLine()
    {
        var host = new HostOptions { Dashboard = { Url = "http://0.0.0.0:5080" } };

        var problem = Assert.Single(HostOptionsValidator.Validate(host));

        Assert.False(problem.IsWarning);
        Assert.Equal("GridTrader:Dashboard:Url", problem.Path);
        Assert.DoesNotContain('\n', problem.Message);
        Assert.Contains("AllowInsecureRemote", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PlainHttpBeyondLoopbackWithAllowInsecureRemote_WarnsAboutTheProxyAndToken()
    {
        var host = new HostOptions { Dashboard = { Url = "http://0.0.0.0:5080", AllowInsecureRemote = true } };

        var problem = Assert.Single(HostOptionsValidator.Validate(host));

        Assert.True(problem.IsWarning);
        Assert.Contains("token", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_HttpsWithoutCertificate_IsAnError()
    {
        var host = new HostOptions { Dashboard = { Url = "https://0.0.0.0:5443" } };

        var problem = Assert.Single(HostOptionsValidator.Validate(host));

        Assert.False(problem.IsWarning);
        Assert.Contains("CertificateFile", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_HttpsWithAMissingCertificateFile_NamesTheFile()
    {
        var host = new HostOptions { Dashboard = { Url = "https://0.0.0.0:5443", CertificateFile = "/nonexistent/dashboard.pem" } };

        var problems = HostOptionsValidator.Validate(host);

        Assert.Contains(problems, p => !p.IsWarning && p.Path == "GridTrader:Dashboard:CertificateFile" && p.Message.Contains("/nonexistent/dashboard.pem", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_TelegramControlWithoutANumericChat_IsAnError()
    {
        var host = new HostOptions { Notifications = { Telegram = { ControlEnabled = true, ControlChatIds = ["@mychannel"] } } };

        var problem = Assert.Single(HostOptionsValidator.Validate(host));

        Assert.Equal("GridTrader:Notifications:Telegram:ControlChatIds", problem.Path);
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
