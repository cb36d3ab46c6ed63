using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace GridTrader.Integration.Tests.Dashboard;

/// <summary>One running bot shared by the API tests below; none of them changes what it trades.</summary>
public sealed class RunningBot : IAsyncLifetime
{
    internal DashboardBot Bot { get; private set; } = null!;

    public async Task InitializeAsync() => Bot = await DashboardBot.StartAsync();

    public async Task DisposeAsync() => await Bot.DisposeAsync();
}

/// <summary>Every dashboard view as JSON, the settings editor's calls, and the API's protections, against a running bot.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardApiTests(RunningBot running) : IClassFixture<RunningBot>
{
    private DashboardBot Bot => running.Bot;

    [Fact]
    public async Task Views_RunningBot_AnswerEveryViewAsJson()
    {
        var markets = await Bot.GetJsonAsync("/api/markets");
        var market = markets.GetProperty("markets")[0];
        Assert.Equal("BTCNOK", market.GetProperty("symbol").GetString());
        Assert.Contains(market.GetProperty("trend").GetString(), new[] { "UP", "DOWN", "NEUTRAL" });
        Assert.True(market.GetProperty("grid_lines").GetArrayLength() >= 2);
        Assert.True(market.GetProperty("capital_cap").GetDecimal() > 0);

        var candles = (await Bot.GetJsonAsync("/api/candles?market=btcnok&limit=50")).GetProperty("candles").EnumerateArray()
            .Select(c => c.GetProperty("time").GetInt64()).ToList();
        Assert.InRange(candles.Count, 2, 50);
        Assert.Equal(candles.Order(), candles);

        var orders = await Bot.GetJsonAsync("/api/orders?state=open");
        Assert.Equal(orders.GetProperty("open_count").GetInt32(), orders.GetProperty("orders").GetArrayLength());
        Assert.All(orders.GetProperty("orders").EnumerateArray(), o => Assert.Contains(o.GetProperty("state").GetString(),
            new[] { "Intent", "Submitting", "Open", "PartiallyFilled", "Unknown" }));
        var filled = await Bot.GetJsonAsync("/api/orders?state=Filled");
        Assert.All(filled.GetProperty("orders").EnumerateArray(), o => Assert.Equal(o.GetProperty("amount").GetDecimal(), o.GetProperty("filled").GetDecimal()));

        var risk = await Bot.GetJsonAsync("/api/risk");
        Assert.Equal("Running", risk.GetProperty("state").GetString());
        Assert.True(risk.GetProperty("total_exposure_cap").GetDecimal() > 0);
        Assert.Equal(25m, risk.GetProperty("max_drawdown_pct").GetDecimal());

        var pnl = await Bot.GetJsonAsync("/api/pnl");
        Assert.True(pnl.GetProperty("equity").GetDecimal() > 0);
        Assert.True(pnl.GetProperty("buy_and_hold_equity").GetDecimal() > 0);
        Assert.NotEqual(0, pnl.GetProperty("curve").GetArrayLength());
        // The P&L tab explains, in one sentence, why grid profit and the FIFO realized P&L differ.
        var note = pnl.GetProperty("grid_profit_note").GetString()!;
        Assert.Contains("Grid profit pairs each sell with the buy one line below it", note, StringComparison.Ordinal);
        Assert.Contains("(FIFO)", note, StringComparison.Ordinal);
        Assert.Single(note.Split(". ", StringSplitOptions.RemoveEmptyEntries));

        var logs = await Bot.GetJsonAsync("/api/logs?event=grid");
        Assert.Equal("engine events", logs.GetProperty("source").GetString());
        Assert.Contains(logs.GetProperty("entries").EnumerateArray(), e => e.GetProperty("event").GetString() == "grid.planned");
        Assert.All(logs.GetProperty("entries").EnumerateArray(), e => Assert.StartsWith("grid.", e.GetProperty("event").GetString()));
        var csv = await Bot.Http.GetStringAsync("/api/logs/export?format=csv&event=bot.state");
        Assert.StartsWith("time,level,event,market,message\r\n", csv, StringComparison.Ordinal);
        Assert.Contains(",Information,bot.state,,", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_EffectiveConfiguration_ShowsSettingsAndMasksSecrets()
    {
        using var response = await Bot.Http.GetAsync("/api/config");
        var text = await response.Content.ReadAsStringAsync();
        var config = JsonDocument.Parse(text).RootElement;

        Assert.Equal(Bot.ConfigPath, config.GetProperty("source").GetString());
        Assert.True(config.GetProperty("editable").GetBoolean());
        Assert.True(config.GetProperty("valid").GetBoolean());
        Assert.Equal("BTCNOK", config.GetProperty("config").GetProperty("GridTrader").GetProperty("Markets")[0].GetProperty("Symbol").GetString());
        Assert.Equal("set (hidden)", config.GetProperty("secrets").GetProperty("FIRI_SECRET_KEY").GetString());
        Assert.Equal("unset", config.GetProperty("secrets").GetProperty("FIRI_API_KEY").GetString());
        foreach (var secret in DashboardBot.FakeSecrets.Values) Assert.DoesNotContain(secret!, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigApply_InvalidEdit_IsReportedAndNothingWritten()
    {
        var before = await File.ReadAllTextAsync(Bot.ConfigPath);
        var edited = (await Bot.GetJsonAsync("/api/config")).GetProperty("config_text").GetString()!
            .Replace("\"Mode\": \"simulated\"", "\"Mode\": \"yolo\"", StringComparison.Ordinal);

        using var validate = await Bot.PostAsync("/api/config/validate", edited);
        var check = await validate.Content.ReadFromJsonAsync<JsonElement>();
        using var apply = await Bot.PostAsync("/api/config/apply", edited);
        using var withoutToken = await Bot.PostAsync("/api/config/apply", edited, withToken: false);

        Assert.False(check.GetProperty("valid").GetBoolean());
        Assert.Contains(check.GetProperty("problems").EnumerateArray(), p => p.GetProperty("path").GetString() == "GridTrader:Mode");
        Assert.Contains(check.GetProperty("diff").EnumerateArray(), d => d.GetProperty("path").GetString() == "GridTrader:Mode"
            && d.GetProperty("to").GetString() == "\"yolo\"");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, apply.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal(before, await File.ReadAllTextAsync(Bot.ConfigPath));
    }

    [Fact]
    public async Task Security_LoopbackBinding_ReadsOpenActionsNeedTokenOtherHostsRefused()
    {
        using var read = await Bot.Http.GetAsync("/api/status");
        using var pause = await Bot.PostAsync("/api/pause", "{}", withToken: false);
        using var rebound = new HttpRequestMessage(HttpMethod.Get, "/api/status");
        rebound.Headers.Host = "attacker.example";
        using var foreignHost = await Bot.Http.SendAsync(rebound);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, pause.StatusCode);
        Assert.Equal(HttpStatusCode.MisdirectedRequest, foreignHost.StatusCode);
        Assert.Equal("Running", (await Bot.GetJsonAsync("/api/status")).GetProperty("state").GetString());
    }
}
