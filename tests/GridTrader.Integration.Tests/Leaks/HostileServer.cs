using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GridTrader.Integration.Tests.Leaks;

/// <summary>
/// A stand-in for Firi and the Telegram Bot API on 127.0.0.1 that answers like them, except that it echoes the
/// credentials it is sent back in its error messages: every order is refused with <c>InsufficientFunds</c> naming the
/// client id and access key, and every Telegram message with 401 naming the URL (which holds the bot token). A bot
/// that passes such text on unredacted leaks its secrets into its log, database and exports.
/// </summary>
internal sealed class HostileServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _ordersRefused;
    private int _messagesRefused;

    private HostileServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public int OrdersRefused => Volatile.Read(ref _ordersRefused);

    public int MessagesRefused => Volatile.Read(ref _messagesRefused);

    public static async Task<HostileServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new HostileServer(app);
        server.Map(app);
        await app.StartAsync();
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server;
    }

    private void Map(WebApplication app)
    {
        const string json = "application/json";
        app.MapGet("/time", () => Results.Text($$"""{"time":{{DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}}}""", json));
        const string market = """{"id":"BTCNOK","last":"1000000.00","high":"1010000.00","change":"0.10","low":"990000.00","volume":"3.21"}""";
        app.MapGet("/v2/markets", () => Results.Text($"[{market}]", json));
        app.MapGet("/v2/markets/BTCNOK", () => Results.Text(market, json));
        app.MapGet("/v2/markets/BTCNOK/ticker", () => Results.Text("""{"bid":"999900.00","ask":"1000100.00","spread":"200.00"}""", json));
        app.MapGet("/v2/markets/BTCNOK/history", () => Results.Text(
            $$"""[{"type":"bid","amount":"0.01000000","price":"1000000.00","created_at":"{{DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)}}","total":"10000.00"}]""",
            json));
        app.MapGet("/v2/balances", () => Results.Text(
            """[{"currency":"NOK","balance":"100000.00","hold":"0.00","available":"100000.00"},{"currency":"BTC","balance":"0.00000000","hold":"0.00000000","available":"0.00000000"}]""",
            json));
        foreach (var path in new[] { "/v2/orders", "/v2/orders/BTCNOK", "/v2/orders/history", "/v2/orders/BTCNOK/history", "/v2/history/orders",
                     "/v2/history/orders/BTCNOK" })
            app.MapGet(path, () => Results.Text("[]", json));
        app.MapDelete("/v2/orders/{**rest}", () => Results.StatusCode(204));
        app.MapDelete("/v2/orders", () => Results.StatusCode(204));
        app.MapPost("/v2/orders", (HttpRequest request) =>
        {
            Interlocked.Increment(ref _ordersRefused);
            var echo = $"client {request.Headers["firi-user-clientid"]} with key {request.Headers["firi-access-key"]}";
            return Results.Text($$"""{"name":"InsufficientFunds","message":"Insufficient funds for {{echo}}"}""", json, statusCode: 400);
        });
        app.MapPost("/{**path}", (HttpRequest request) =>
        {
            Interlocked.Increment(ref _messagesRefused);
            return Results.Text($$"""{"ok":false,"error_code":401,"description":"Unauthorized: no bot at {{request.Path}}"}""", json, statusCode: 401);
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
