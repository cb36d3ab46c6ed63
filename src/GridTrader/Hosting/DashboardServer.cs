using System.Net;
using System.Text.Json;
using GridTrader.Dashboard;
using GridTrader.Dashboard.Pnl;

namespace GridTrader.Hosting;

/// <summary>Hosts the dashboard and its JSON API inside the bot process (127.0.0.1 by default).</summary>
internal static class DashboardServer
{
    public static async Task<WebApplication> StartAsync(BotRuntime runtime, CancellationToken ct)
    {
        var url = runtime.Config.Host.Dashboard.Url;
        var uri = new Uri(url);
        var loopback = uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip));
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals;
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, DashboardJson.Default);
        });
        var data = new DashboardData(runtime);
        builder.Services.AddSingleton(data);
        builder.Services.AddHostedService(_ => new EquitySampler(() => runtime.Engine.Snapshot, data.Equity));
        var app = builder.Build();
        app.UseApiSecurity(runtime.Token, requireTokenForReads: !loopback, loopbackOnly: loopback);
        app.MapControlApi(runtime);
        app.MapViews(data);
        app.MapDashboardPage();
        await app.StartAsync(ct);
        var bound = app.Urls.FirstOrDefault() ?? url;
        await File.WriteAllTextAsync(runtime.Paths.UrlFile, bound, ct);
        return app;
    }
}
