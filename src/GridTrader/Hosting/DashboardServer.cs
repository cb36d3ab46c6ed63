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
/// <see cref="AddServices"/> and <see cref="MapDashboard"/> are the whole app on any host: this Kestrel server, or a test
/// server (<c>WebApplicationFactory</c>) that runs the same pipeline in process.
/// </summary>
internal static class DashboardServer
{
    public static async Task<WebApplication> StartAsync(BotRuntime runtime, PnlRecorder history, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var options = runtime.Config.Host.Dashboard;
        if (RemoteAccess.Refusal(options) is { } refusal) throw new RuntimeSetupException("Dashboard:Url " + refusal);
        var uri = new Uri(options.Url);
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

        AddServices(builder.Services, runtime, history);
        var app = builder.Build();
        MapDashboard(app, runtime, LoopbackOnly(options));
        await app.StartAsync(ct);
        var bound = app.Urls.FirstOrDefault() ?? options.Url;
        await File.WriteAllTextAsync(runtime.Paths.UrlFile, bound, ct);
        return app;
    }

    /// <summary>
    /// True when the dashboard listens on loopback with nothing in front of it. <c>AllowInsecureRemote</c> says a reverse
    /// proxy is in front: it forwards the public host name, so the loopback-only host check cannot apply, and every
    /// data call needs the token as it would beyond loopback.
    /// </summary>
    public static bool LoopbackOnly(DashboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return RemoteAccess.IsLoopback(new Uri(options.Url)) && !options.AllowInsecureRemote;
    }

    /// <summary>The dashboard's services: JSON options and its read side (<see cref="DashboardData"/> over the stored P&amp;L history).</summary>
    public static void AddServices(IServiceCollection services, BotRuntime runtime, PnlRecorder history)
    {
        ArgumentNullException.ThrowIfNull(history);
        services.AddRouting();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals;
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, DashboardJson.Default);
        });
        services.AddSingleton(new DashboardData(runtime, history.Equity));
    }

    /// <summary>
    /// The token and Host checks, then the API, the event stream, <c>/metrics</c> and the page. <paramref name="loopbackOnly"/>:
    /// the server listens on loopback only, so reads need no token and a request naming another host is refused (DNS
    /// rebinding); otherwise every call needs the token.
    /// </summary>
    public static void MapDashboard(IApplicationBuilder app, BotRuntime runtime, bool loopbackOnly)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(runtime);
        var data = app.ApplicationServices.GetRequiredService<DashboardData>();
        app.UseApiSecurity(runtime.Token, requireTokenForReads: !loopbackOnly, loopbackOnly: loopbackOnly);
        app.UseRouting();
        app.UseEndpoints(endpoints =>
        {
            endpoints.MapMetrics("/metrics", runtime.Metrics.Registry);
            endpoints.MapControlApi(runtime);
            endpoints.MapViews(data);
            endpoints.MapMarketChanges(data);
            endpoints.MapEventStream(runtime);
            endpoints.MapDashboardPage();
        });
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
