using GridTrader.Soak;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using GridTrader.Configuration;
using GridTrader.Integration.Tests.Dashboard;
using GridTrader.Integration.Tests.Support;

namespace GridTrader.Integration.Tests.Operations;

/// <summary>
/// Reaching the dashboard from other machines: refused over plain HTTP unless AllowInsecureRemote says a TLS proxy is in
/// front; served over HTTPS with a configured certificate; and beyond loopback every data call, <c>/metrics</c> and the
/// event stream included, needs the token. (The servers listen on every interface; the tests reach them over 127.0.0.1.)
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class RemoteAccessTests
{
    [Fact]
    public async Task Run_PlainHttpBeyondLoopback_IsRefusedWithOneClearLine()
    {
        using var temp = new TempDirectory();
        var config = Path.Combine(temp.Path, "remote.json");
        await File.WriteAllTextAsync(config, $$"""
            {"GridTrader":{"DataDirectory":"{{Path.Combine(temp.Path, "data")}}","Markets":[{"Symbol":"BTCNOK","CandleInterval":"1m"}],
              "Dashboard":{"Url":"http://0.0.0.0:5999"} } }
            """);

        var (exitCode, output) = await ChildProcess.RunToEndAsync("gridtrader.dll", ["run", "--config", config], TimeSpan.FromSeconds(60));

        Assert.Equal(2, exitCode);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("GridTrader:Dashboard:Url", line, StringComparison.Ordinal);
        Assert.Contains("AllowInsecureRemote", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(temp.Path, "data")), "a refused run must not have started");
    }

    [Fact]
    public async Task Dashboard_BeyondLoopbackBehindAProxy_NeedsTheTokenForMetricsTheApiAndTheStream()
    {
        await using var bot = await DashboardBot.StartAsync(configure: section =>
        {
            section["Dashboard"]![nameof(DashboardOptions.Url)] = "http://0.0.0.0:0";
            section["Dashboard"]![nameof(DashboardOptions.AllowInsecureRemote)] = true;
        });

        foreach (var path in new[] { "/metrics", "/api/status", "/api/stream" })
        {
            using var anonymous = await bot.Http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using var scrape = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        scrape.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bot.Token);
        using var metrics = await bot.Http.SendAsync(scrape);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Contains("gridtrader_equity ", await metrics.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var stream = await SseClient.ConnectAsync(bot.Http, token: bot.Token);
        Assert.Equal("ready", (await stream.NextAsync(TimeSpan.FromSeconds(30))).Name);
    }

    [Fact]
    public async Task Dashboard_OnLoopbackBehindAProxy_AcceptsTheForwardedHostWithTheToken()
    {
        await using var bot = await DashboardBot.StartAsync(configure: section =>
            section["Dashboard"]![nameof(DashboardOptions.AllowInsecureRemote)] = true);

        using var anonymous = new HttpRequestMessage(HttpMethod.Get, "/api/status");
        anonymous.Headers.Host = "bot.example.net";
        using var refused = await bot.Http.SendAsync(anonymous);
        using var forwarded = new HttpRequestMessage(HttpMethod.Post, "/api/pause")
        {
            Content = new StringContent("""{"market":"BTCNOK"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        forwarded.Headers.Host = "bot.example.net";
        forwarded.Headers.Add("Origin", "https://bot.example.net");
        forwarded.Headers.Add(Hosting.DashboardToken.HeaderName, bot.Token);
        using var paused = await bot.Http.SendAsync(forwarded);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        Assert.True(bot.Runtime.Engine.Snapshot!.Markets.Single().Paused);
    }

    [Fact]
    public async Task Dashboard_HttpsWithACertificateFile_ServesOverTls()
    {
        using var temp = new TempDirectory();
        var (certFile, keyFile, thumbprint) = SelfSignedCertificate(temp.Path);
        await using var bot = await DashboardBot.StartAsync(configure: section =>
        {
            var dashboard = (JsonObject)section["Dashboard"]!;
            dashboard[nameof(DashboardOptions.Url)] = "https://0.0.0.0:0";
            dashboard[nameof(DashboardOptions.CertificateFile)] = certFile;
            dashboard[nameof(DashboardOptions.CertificateKeyFile)] = keyFile;
        });
        string? presented = null;
        bot.Handler.ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
        {
            presented = certificate?.Thumbprint;
            return presented == thumbprint;
        };

        Assert.StartsWith("https://127.0.0.1:", bot.Url, StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/status");
        request.Headers.Add(Hosting.DashboardToken.HeaderName, bot.Token);
        using var response = await bot.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(thumbprint, presented);
    }

    /// <summary>A throw-away certificate for 127.0.0.1 as PEM files, and its thumbprint.</summary>
    private static (string CertFile, string KeyFile, string Thumbprint) SelfSignedCertificate(string directory)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=gridtrader-dashboard-test", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
        var certFile = Path.Combine(directory, "dashboard.crt");
        var keyFile = Path.Combine(directory, "dashboard.key");
        File.WriteAllText(certFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        return (certFile, keyFile, certificate.Thumbprint);
    }
}
