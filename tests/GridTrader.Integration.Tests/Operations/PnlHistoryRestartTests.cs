using System.Text.Json;
using GridTrader.Integration.Tests.Dashboard;
using GridTrader.Integration.Tests.Support;
using GridTrader.Storage;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GridTrader.Integration.Tests.Operations;

/// <summary>
/// The equity and P&amp;L history survives a restart: a live bot against the Firi mock trades and records, stops, starts
/// again on the same data directory, and its P&amp;L view (API and tab) starts where the first run started.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class PnlHistoryRestartTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PnlHistory_BotRestarted_ShowsTheWholeHistoryFromTheFirstRun()
    {
        using var temp = new TempDirectory();
        var data = Path.Combine(temp.Path, "data");
        await using var market = await FiriMockMarket.StartAsync();

        JsonElement before;
        await using (var first = await LiveMockBot.StartAsync(market, data))
        {
            await market.MoveAsync(980_000m);
            await Poll.UntilAsync(() => Task.FromResult(first.Runtime.Events.Fills().Count > 0), Patience, "no fill in the first run");
            await Poll.UntilAsync(() => Task.FromResult(first.Process.History.Stored >= 10), Patience, "the first run stored no history");
            before = await first.GetJsonAsync("/api/pnl");
        }

        IReadOnlyList<PnlSample> stored;
        await using (var store = SqliteStore.OpenReadOnly(Path.Combine(data, "live")))
            stored = await store.LoadPnlSamplesAsync();
        Assert.True(stored.Count >= 10, $"{stored.Count} points stored");
        var firstRunEnd = stored[^1].Time;

        await using var second = await LiveMockBot.StartAsync(market, data);
        await Poll.UntilAsync(async () => (await second.GetJsonAsync("/api/pnl")).GetProperty("curve").EnumerateArray()
            .Any(p => p.GetProperty("time").GetDateTimeOffset() > firstRunEnd), Patience, "the second run added no point");
        var after = await second.GetJsonAsync("/api/pnl");

        Assert.Equal(before.GetProperty("since").GetDateTimeOffset(), after.GetProperty("since").GetDateTimeOffset());
        Assert.Equal(before.GetProperty("start_equity").GetDecimal(), after.GetProperty("start_equity").GetDecimal());
        var curve = after.GetProperty("curve").EnumerateArray()
            .Select(p => (Time: p.GetProperty("time").GetDateTimeOffset(), Equity: p.GetProperty("equity").GetDecimal())).ToList();
        Assert.Equal(before.GetProperty("curve")[0].GetProperty("time").GetDateTimeOffset(), curve[0].Time);
        foreach (var point in stored) Assert.Contains((point.Time, point.Equity), curve);
        Assert.Contains(curve, p => p.Time > firstRunEnd);
        Assert.True(after.GetProperty("curve")[stored.Count - 1].GetProperty("realized_pnl").ValueKind == JsonValueKind.Number);

        if (!Chromium.Installed) return;
        // The P&L tab draws that same history: its chart starts at the first run's first point.
        await using var chromium = new Chromium();
        await chromium.InitializeAsync();
        var page = await chromium.Browser.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(second.Http.BaseAddress + "#token=" + second.Runtime.Token);
        await page.GetByRole(AriaRole.Tab, new() { Name = "P&L", Exact = true }).ClickAsync();
        var chart = page.Locator("#equity-chart");
        await Expect(chart).ToHaveAttributeAsync("data-first", curve[0].Time.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The chart draws one point per second.
        var storedSeconds = stored.Select(p => p.Time.ToUnixTimeSeconds()).Distinct().Count();
        Assert.True(int.Parse((await chart.GetAttributeAsync("data-points"))!, System.Globalization.CultureInfo.InvariantCulture) >= storedSeconds);
        await Expect(page.Locator("#p-since")).ToContainTextAsync(curve[0].Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator("#equity-chart canvas").First).ToBeVisibleAsync();
        Assert.Empty(errors);
    }
}
