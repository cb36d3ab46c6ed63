using System.Globalization;
using System.Net;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GridTrader.Integration.Tests.Dashboard;

/// <summary>
/// The dashboard in a real browser against a real bot on the simulated exchange: every tab shows the bot's own data,
/// and the kill-switch button halts it. Screenshots of each tab go to <c>artifacts/screenshots</c>.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardBrowserTests(Chromium chromium) : IClassFixture<Chromium>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    static DashboardBrowserTests() => SetDefaultExpectTimeout(15_000);

    [ChromiumFact]
    public async Task Dashboard_EveryTab_ShowsTheRunningBotsData()
    {
        await using var bot = await DashboardBot.StartAsync();
        var (page, errors) = await OpenAsync(bot);

        // Market: chart drawn, state cards filled, the price is the bot's.
        await Expect(page.GetByRole(AriaRole.Status, new() { Name = "Bot state" })).ToHaveTextAsync("RUNNING");
        await Expect(page.Locator("#market-chart canvas").First).ToBeVisibleAsync();
        await Expect(page.Locator("#m-trend")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(UP|DOWN|NEUTRAL)$"));
        await Expect(page.Locator("#m-breaker")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("closed|TRIPPED"));
        await Expect(page.Locator("#m-grid")).ToContainTextAsync("lines");
        await AssertShowsAsync(page, "#m-price", async () => (await bot.GetJsonAsync("/api/status")).GetProperty("markets")[0].GetProperty("last_price").GetDecimal());
        await ScreenshotAsync(page, "market");

        // Orders: one row per open order, as the API counts them.
        await SelectTabAsync(page, "Orders");
        await Poll.UntilAsync(async () =>
        {
            var open = (await bot.GetJsonAsync("/api/status")).GetProperty("open_orders").GetInt32();
            return open > 0 && await page.Locator("#orders-body tr[data-state]").CountAsync() == open
                && await page.Locator("#orders-summary").InnerTextAsync() is var summary && summary.StartsWith($"{open} open", StringComparison.Ordinal);
        }, Patience, "the Orders table never matched the bot's open orders");
        await ScreenshotAsync(page, "orders");

        // Risk: state, exposure against its cap, controls.
        await SelectTabAsync(page, "Risk");
        await Expect(page.Locator("#r-state")).ToHaveTextAsync("RUNNING");
        await Expect(page.Locator("#risk-markets tr[data-market='BTCNOK']")).ToContainTextAsync("trading");
        await Expect(page.Locator("#r-total")).ToContainTextAsync("cap");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Kill switch" })).ToBeEnabledAsync();
        await ScreenshotAsync(page, "risk");

        // P&L: equity and its curve.
        await SelectTabAsync(page, "P&L");
        await AssertShowsAsync(page, "#p-equity", async () => (await bot.GetJsonAsync("/api/pnl")).GetProperty("equity").GetDecimal());
        await Expect(page.Locator("#equity-chart canvas").First).ToBeVisibleAsync();
        await Expect(page.Locator("#p-bh")).ToContainTextAsync("%");
        await ScreenshotAsync(page, "pnl");

        // Logs: the engine's events, filterable by event name.
        await SelectTabAsync(page, "Logs");
        await Expect(page.Locator("#logs-body tr[data-event='grid.planned']").First).ToBeVisibleAsync();
        await page.Locator("#logs-event").FillAsync("order");
        await page.Locator("#logs-event").PressAsync("Enter");
        await Poll.UntilAsync(async () =>
        {
            var events = await page.Locator("#logs-body tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.event || '')");
            return events.Length > 0 && events.All(e => e.StartsWith("order.", StringComparison.Ordinal));
        }, Patience, "the event filter did not narrow the log to order events");
        await ScreenshotAsync(page, "logs");

        // Settings: effective configuration, masked secrets, an edit validated, shown as a diff and applied on confirmation.
        await SelectTabAsync(page, "Settings");
        var editor = page.GetByLabel("Effective configuration (JSON)");
        await Expect(editor).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("\"BTCNOK\""));
        await Expect(page.Locator("#s-secrets")).ToContainTextAsync("FIRI_SECRET_KEY");
        await Expect(page.Locator("#s-secrets")).ToContainTextAsync("set (hidden)");
        var config = await editor.InputValueAsync();
        Assert.Contains("\"Levels\": 10,", config, StringComparison.Ordinal);
        await editor.FillAsync(ReplaceFirst(config, "\"Levels\": 10,", "\"Levels\": 12,"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Validate and show changes" }).ClickAsync();
        await Expect(page.Locator("#config-diff-body")).ToContainTextAsync("GridTrader:Grid:Levels");
        Assert.DoesNotContain("\"Levels\": 12", await File.ReadAllTextAsync(bot.ConfigPath), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply…" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Write configuration" }).ClickAsync();
        await Expect(page.Locator("#s-pending-body")).ToContainTextAsync("GridTrader:Grid:Levels");
        Assert.Contains("\"Levels\": 12", await File.ReadAllTextAsync(bot.ConfigPath), StringComparison.Ordinal);
        await ScreenshotAsync(page, "settings");

        var html = await page.ContentAsync();
        foreach (var secret in DashboardBot.FakeSecrets.Values) Assert.DoesNotContain(secret!, html, StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    [ChromiumFact]
    public async Task KillSwitch_ForgedCallsRefusedThenButtonConfirmed_HaltsBotAndCancelsOrders()
    {
        await using var bot = await DashboardBot.StartAsync();

        // A program without the token, and a page of another site with it, are both refused; the bot trades on.
        using (var noToken = await bot.PostAsync("/api/kill", "{}", withToken: false))
            Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        using (var crossSite = await bot.PostAsync("/api/kill", "{}", origin: "http://evil.example"))
            Assert.Equal(HttpStatusCode.Forbidden, crossSite.StatusCode);
        var status = await bot.GetJsonAsync("/api/status");
        Assert.Equal("Running", status.GetProperty("state").GetString());
        Assert.True(status.GetProperty("open_orders").GetInt32() > 0);

        var (page, errors) = await OpenAsync(bot);
        await SelectTabAsync(page, "Risk");
        await page.GetByRole(AriaRole.Button, new() { Name = "Kill switch" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Engage the kill-switch?" });
        await Expect(dialog).ToBeVisibleAsync();
        Assert.Equal("Running", (await bot.GetJsonAsync("/api/status")).GetProperty("state").GetString());
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Engage kill-switch" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status, new() { Name = "Bot state" })).ToHaveTextAsync("HALTED");
        await Poll.UntilAsync(async () =>
        {
            var s = await bot.GetJsonAsync("/api/status");
            return s.GetProperty("state").GetString() == "Halted" && s.GetProperty("open_orders").GetInt32() == 0;
        }, Patience, "the bot did not halt with every order cancelled");
        await Expect(page.Locator("#r-kill")).ToContainTextAsync("ENGAGED");
        await ScreenshotAsync(page, "risk-halted");
        Assert.Empty(errors);
    }

    private async Task<(IPage Page, List<string> Errors)> OpenAsync(DashboardBot bot)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
            AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error") errors.Add(message.Text);
        };
        page.PageError += (_, error) => errors.Add(error);
        // The URL run prints: the page takes the token from the fragment and keeps it for the session.
        await page.GotoAsync($"{bot.Url}/#token={bot.Token}");
        return (page, errors);
    }

    private static async Task SelectTabAsync(IPage page, string name)
    {
        var tab = page.GetByRole(AriaRole.Tab, new() { Name = name, Exact = true });
        await tab.ClickAsync();
        await Expect(tab).ToHaveAttributeAsync("aria-selected", "true");
    }

    /// <summary>
    /// The element shows the value the API reports. The replay keeps moving between the two reads, so the page and the
    /// API are read alternately until one pair agrees.
    /// </summary>
    private static Task AssertShowsAsync(IPage page, string selector, Func<Task<decimal>> fromApi) =>
        Poll.UntilAsync(async () =>
        {
            var expected = await fromApi();
            var shown = await page.Locator(selector).GetAttributeAsync("data-value");
            return shown is not null && Math.Abs(decimal.Parse(shown, NumberStyles.Float, CultureInfo.InvariantCulture) - expected) < 0.000001m;
        }, Patience, $"{selector} never showed the value the API reports");

    private static Task<byte[]> ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Chromium.ScreenshotDirectory, $"{name}.png"), FullPage = true });

    private static string ReplaceFirst(string text, string find, string replacement)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        return text[..at] + replacement + text[(at + find.Length)..];
    }
}
