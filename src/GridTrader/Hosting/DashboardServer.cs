using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using GridTrader.Configuration;
using GridTrader.Dashboard;
using GridTrader.Dashboard.Pnl;
using GridTrader.Dashboard.Stream;
using Prometheus;

namespace GridTrader.Hosting;

/// <summary>
/// Hosts the dashboard, its JSON API, its event stream and <c>/metrics</c> inside the bot process (127.0.0.1 by default;
/// beyond loopback only over HTTPS or with <see cref="DashboardOptions.AllowInsecureRemote"/>, see <see cref="RemoteAccess"/>).
/// </summary>
internal static class DashboardServer
{
    public static async Task<WebApplication> StartAsync(BotRuntime runtime, PnlRecorder history, CancellationToken ct)
    {
        var options = runtime.Config.Host.Dashboard;
        if (RemoteAccess.Refusal(options) is { } refusal) throw new RuntimeSetupException("Dashboard:Url " + refusal);
        var uri = new Uri(options.Url);
        // AllowInsecureRemote says a reverse proxy is in front: it forwards the public host name, so the loopback-only host
        // check cannot apply, and every data call needs the token as it would beyond loopback.
        var loopback = RemoteAccess.IsLoopback(uri) && !options.AllowInsecureRemote;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(options.Url);
        if (uri.Scheme == "https")
        {
            var certificate = LoadCertificate(options);
            // The slim builder leaves HTTPS out unless asked for.
            builder.WebHost.UseKestrelHttpsConfiguration();
            builder.WebHost.ConfigureKestrel(k => k.ConfigureHttpsDefaults(h => h.ServerCertificate = certificate));
        }

        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals;
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, DashboardJson.Default);
        });
        var data = new DashboardData(runtime, history.Equity);
        builder.Services.AddSingleton(data);
        var app = builder.Build();
        app.UseApiSecurity(runtime.Token, requireTokenForReads: !loopback, loopbackOnly: loopback);
        app.MapMetrics("/metrics", runtime.Metrics.Registry);
        app.MapControlApi(runtime);
        app.MapViews(data);
        app.MapEventStream(runtime);
        app.MapDashboardPage();
        await app.StartAsync(ct);
        var bound = app.Urls.FirstOrDefault() ?? options.Url;
        await File.WriteAllTextAsync(runtime.Paths.UrlFile, bound, ct);
        return app;
    }

    /// <summary>The configured certificate with its private key; a clear setup error when it cannot be read.</summary>
    private static X509Certificate2 LoadCertificate(DashboardOptions options)
    {
        var file = options.CertificateFile;
        try
        {
            var pkcs12 = file.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".p12", StringComparison.OrdinalIgnoreCase);
            var certificate = pkcs12
                ? X509CertificateLoader.LoadPkcs12FromFile(file, password: null)
                : X509Certificate2.CreateFromPemFile(file, string.IsNullOrWhiteSpace(options.CertificateKeyFile) ? null : options.CertificateKeyFile);
            if (!certificate.HasPrivateKey)
            {
                certificate.Dispose();
                throw new RuntimeSetupException($"Dashboard:CertificateFile {file}: no private key (set Dashboard:CertificateKeyFile to its PEM key).");
            }

            return certificate;
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new RuntimeSetupException($"Dashboard:CertificateFile {file} cannot be loaded: {ex.Message}");
        }
    }
}
