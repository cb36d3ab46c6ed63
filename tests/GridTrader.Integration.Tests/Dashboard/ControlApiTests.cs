using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace GridTrader.Integration.Tests.Dashboard;

/// <summary>
/// The control API checks what enters it: markets must be configured ones, reasons become one short line. A halted bot's
/// status carries the reason it halted.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class ControlApiTests
{
    [Fact]
    public async Task ControlApi_UnknownMarketThenAHugeMultiLineKill_RefusedThenTrimmedAndHaltReasonShown()
    {
        await using var bot = await DashboardBot.StartAsync();

        using var pause = await bot.PostAsync("/api/pause", """{"market":"BTCNOKK","reason":"typo"}""");
        using var resume = await bot.PostAsync("/api/resume-market", """{"market":"ETHNOK"}""");
        var refusal = await pause.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.NotFound, pause.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, resume.StatusCode);
        Assert.Contains("configured: BTCNOK", refusal.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False((await bot.GetJsonAsync("/api/status")).GetProperty("markets")[0].GetProperty("paused").GetBoolean());

        var reason = "operator: stop now\r\n12:00:00 ERR exchange.error forged line\n" + new string('z', 1_000_000);
        using var kill = await bot.PostAsync("/api/kill", JsonSerializer.Serialize(new { reason }));
        Assert.True(kill.IsSuccessStatusCode, await kill.Content.ReadAsStringAsync());

        var status = await bot.GetJsonAsync("/api/status");
        Assert.Equal("Halted", status.GetProperty("state").GetString());
        var killReason = status.GetProperty("kill_reason").GetString()!;
        Assert.StartsWith("operator: stop now 12:00:00 ERR exchange.error forged line zzz", killReason, StringComparison.Ordinal);
        Assert.True(killReason.Length <= 200, $"{killReason.Length} characters");
        var haltReason = status.GetProperty("halt_reason").GetString()!;
        Assert.Contains("operator: stop now", haltReason, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', haltReason);
    }
}
