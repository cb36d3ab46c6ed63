using System.Net;
using System.Text.Json;
using GridTrader.Dashboard;
using GridTrader.Dashboard.Pnl;

namespace GridTrader.Hosting;

/// <summary>
/// Hosts the dashboard and its JSON API inside the bot process (127.0.0.1 by default). <see cref="AddServices"/> and
/// <see cref="MapDashboard"/> are the whole app on any host: this Kestrel server, or a test server
/// (<c>WebApplicationFactory</c>) that runs the same pipeline in process.
/// </summary>
internal static class DashboardServer
{
    public static async Task<WebApplication> StartAsync(BotRuntime runtime, CancellationToken ct)
    {
        var url = runtime.Config.Host.Dashboard.Url;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        AddServices(builder.Services, runtime);
        var app = builder.Build();
        MapDashboard(app, runtime, loopbackOnly: IsLoopback(url));
        await app.StartAsync(ct);
        var bound = app.Urls.FirstOrDefault() ?? url;
        await File.WriteAllTextAsync(runtime.Paths.UrlFile, bound, ct);
        return app;
    }

    /// <summary>The dashboard's services: JSON options, its read side (<see cref="DashboardData"/>) and the equity sampler.</summary>
    public static void AddServices(IServiceCollection services, BotRuntime runtime)
    {
        services.AddRouting();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals;
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, DashboardJson.Default);
        });
        var data = new DashboardData(runtime);
        services.AddSingleton(data);
        services.AddHostedService(_ => new EquitySampler(() => runtime.Engine.Snapshot, data.Equity));
    }

    /// <summary>
    /// The token and Host checks, then the API and the page. <paramref name="loopbackOnly"/>: the server listens on
    /// loopback only, so reads need no token and a request naming another host is refused (DNS rebinding); otherwise
    /// every API call needs the token.
    /// </summary>
    public static void MapDashboard(IApplicationBuilder app, BotRuntime runtime, bool loopbackOnly)
    {
        ArgumentNullException.ThrowIfNull(app);
        var data = app.ApplicationServices.GetRequiredService<DashboardData>();
        app.UseApiSecurity(runtime.Token, requireTokenForReads: !loopbackOnly, loopbackOnly: loopbackOnly);
        app.UseRouting();
        app.UseEndpoints(endpoints =>
        {
            endpoints.MapControlApi(runtime);
            endpoints.MapViews(data);
            endpoints.MapMarketChanges(data);
            endpoints.MapDashboardPage();
        });
    }

    /// <summary>True when the URL's host is a loopback name or address.</summary>
    public static bool IsLoopback(string url)
    {
        var uri = new Uri(url);
        return uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip));
    }
}
