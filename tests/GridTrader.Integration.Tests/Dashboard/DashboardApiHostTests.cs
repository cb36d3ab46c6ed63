using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GridTrader.Hosting;

namespace GridTrader.Integration.Tests.Dashboard;

/// <summary>
/// The dashboard's JSON API in process through <c>WebApplicationFactory</c>: status, orders, the risk actions with and
/// without the token, and the Host-header check against DNS rebinding, on loopback and beyond it.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardApiHostTests(HeadlessBot bot) : IClassFixture<HeadlessBot>
{
    private BotRuntime Runtime => bot.Runtime;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private static HttpRequestMessage Post(string path, string body, string? token = null, string? origin = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (token is not null) request.Headers.Add(DashboardToken.HeaderName, token);
        if (origin is not null) request.Headers.Add("Origin", origin);
        return request;
    }

    [Fact]
    public async Task Status_RunningBot_IsTheEnginesSnapshot()
    {
        using var factory = new DashboardApiFactory(bot.Process, loopbackOnly: true);
        using var client = factory.CreateClient();

        var status = await JsonAsync(await client.GetAsync("/api/status"));

        Assert.Equal("Running", status.GetProperty("state").GetString());
        Assert.Equal("simulated", status.GetProperty("exchange").GetString());
        Assert.False(status.GetProperty("kill_switch").GetBoolean());
        Assert.True(status.GetProperty("equity").GetDecimal() > 0);
        Assert.True(status.GetProperty("open_orders").GetInt32() > 0);
        Assert.Equal("BTCNOK", status.GetProperty("markets")[0].GetProperty("symbol").GetString());
    }

    [Fact]
    public async Task Orders_StateAndMarketFilters_AnswerOrRefuseWithAReason()
    {
        using var factory = new DashboardApiFactory(bot.Process, loopbackOnly: true);
        using var client = factory.CreateClient();

        var open = await JsonAsync(await client.GetAsync("/api/orders?state=open&market=btcnok"));
        using var badState = await client.GetAsync("/api/orders?state=sideways");
        using var unknownMarket = await client.GetAsync("/api/orders?market=DOGENOK");

        var orders = open.GetProperty("orders").EnumerateArray().ToList();
        Assert.NotEmpty(orders);
        Assert.Equal(open.GetProperty("open_count").GetInt32(), orders.Count);
        Assert.All(orders, o => Assert.Equal("BTCNOK", o.GetProperty("market").GetString()));
        Assert.All(orders, o => Assert.Contains(o.GetProperty("side").GetString(), new[] { "Buy", "Sell", "buy", "sell" }));
        Assert.Equal(HttpStatusCode.BadRequest, badState.StatusCode);
        Assert.Equal("bad_state", (await badState.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknownMarket.StatusCode);
    }

    [Fact]
    public async Task RiskActions_WithoutOrWithAWrongToken_AreRefusedAndChangeNothing()
    {
        using var factory = new DashboardApiFactory(bot.Process, loopbackOnly: true);
        using var client = factory.CreateClient();

        using var kill = await client.SendAsync(Post("/api/kill", """{"reason":"no token"}"""));
        using var pause = await client.SendAsync(Post("/api/pause", "{}", token: "not-the-token"));
        using var resume = await client.SendAsync(Post("/api/resume", "{}", token: ""));

        Assert.Equal(HttpStatusCode.Unauthorized, kill.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, pause.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, resume.StatusCode);
        Assert.Contains(DashboardToken.HeaderName, await kill.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var status = await JsonAsync(await client.GetAsync("/api/status"));
        Assert.Equal("Running", status.GetProperty("state").GetString());
        Assert.False(status.GetProperty("kill_switch").GetBoolean());
    }

    [Fact]
    public async Task RiskActions_WithTheToken_PauseKillAndResumeTheEngine()
    {
        using var factory = new DashboardApiFactory(bot.Process, loopbackOnly: true);
        using var client = factory.CreateClient();
        var token = Runtime.Token;

        try
        {
            var paused = await JsonAsync(await client.SendAsync(Post("/api/pause", """{"reason":"api test"}""", token)));
            Assert.True(paused.GetProperty("accepted").GetBoolean());
            Assert.Equal("Paused", paused.GetProperty("state").GetString());
            Assert.True((await JsonAsync(await client.GetAsync("/api/status"))).GetProperty("paused").GetBoolean());

            using var bearer = Post("/api/resume", "{}");
            bearer.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            Assert.Equal("Running", (await JsonAsync(await client.SendAsync(bearer))).GetProperty("state").GetString());

            var killed = await JsonAsync(await client.SendAsync(Post("/api/kill", """{"reason":"api test kill"}""", token)));
            Assert.Equal("Halted", killed.GetProperty("state").GetString());
            var status = await JsonAsync(await client.GetAsync("/api/status"));
            Assert.True(status.GetProperty("kill_switch").GetBoolean());
            Assert.Equal("api test kill", status.GetProperty("kill_reason").GetString());
            Assert.Empty(Runtime.Engine.Snapshot!.OpenOrders);
        }
        finally
        {
            using var resume = await client.SendAsync(Post("/api/resume", """{"reason":"api test done"}""", token));
            Assert.Equal(HttpStatusCode.OK, resume.StatusCode);
        }

        await Poll.UntilAsync(async () => (await JsonAsync(await client.GetAsync("/api/status"))).GetProperty("state").GetString() == "Running",
            TimeSpan.FromSeconds(30), "the bot did not run again after resume");
    }

    [Fact]
    public async Task RiskAction_CrossSiteOriginWithTheToken_IsRefused()
    {
        using var factory = new DashboardApiFactory(bot.Process, loopbackOnly: true);
        using var client = factory.CreateClient();

        using var crossSite = await client.SendAsync(Post("/api/pause", "{}", Runtime.Token, origin: "http://attacker.example"));

        Assert.Equal(HttpStatusCode.Forbidden, crossSite.StatusCode);
        Assert.False((await JsonAsync(await client.GetAsync("/api/status"))).GetProperty("paused").GetBoolean());
    }

    [Theory]
    [InlineData("attacker.example", HttpStatusCode.MisdirectedRequest)]
    [InlineData("attacker.example:5080", HttpStatusCode.MisdirectedRequest)]
    [InlineData("127.0.0.1.nip.io", HttpStatusCode.MisdirectedRequest)]
    [InlineData("localhost", HttpStatusCode.OK)]
    [InlineData("127.0.0.1:5080", HttpStatusCode.OK)]
    [InlineData("[::1]:5080", HttpStatusCode.OK)]
    public async Task HostHeader_OnLoopback_OnlyLoopbackNamesAreAnswered(string host, HttpStatusCode expected)
    {
        using var factory = new DashboardApiFactory(bot.Process, loopbackOnly: true);
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/status");
        request.Headers.Host = host;

        using var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task BeyondLoopback_EveryApiCallNeedsTheTokenAndAnyHostMayAsk()
    {
        using var factory = new DashboardApiFactory(bot.Process, loopbackOnly: false);
        using var client = factory.CreateClient();
        using var anonymous = await client.GetAsync("/api/status");
        using var withToken = new HttpRequestMessage(HttpMethod.Get, "/api/orders?state=open");
        withToken.Headers.Add(DashboardToken.HeaderName, Runtime.Token);
        withToken.Headers.Host = "gridtrader.lan:5080";

        using var answered = await client.SendAsync(withToken);
        using var page = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        // The page itself holds no data; it asks for the token before it calls the API.
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
