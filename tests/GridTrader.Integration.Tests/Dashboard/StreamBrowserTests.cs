using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GridTrader.Integration.Tests.Dashboard;

/// <summary>The dashboard in a real browser receiving pushes: a fill shows on the Orders tab as it happens.</summary>
[Collection(DashboardCollection.Name)]
public sealed class StreamBrowserTests(Chromium chromium, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<Chromium>
{
    [ChromiumFact]
    public async Task OrdersTab_FillHappens_AppearsWithinASecondWithoutAReload()
    {
        var watch = new FillWatch();
        await using var bot = await DashboardBot.StartAsync(candlesPerSecond: 60, observer: watch);
        await using var context = await chromium.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        var fillRequests = 0;
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/fills", StringComparison.Ordinal)) Interlocked.Increment(ref fillRequests);
        };

        await page.GotoAsync($"{bot.Url}/#token={bot.Token}");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Orders", Exact = true }).ClickAsync();
        await Expect(page.Locator("#connection")).ToHaveTextAsync("live · push", new() { Timeout = 15_000 });
        await Expect(page.Locator("#fills-summary")).Not.ToBeEmptyAsync(new() { Timeout = 15_000 });
        var loadsBefore = Volatile.Read(ref fillRequests);

        // The page notes, on its own clock, when each fill row appears.
        await page.EvaluateAsync("""
            () => {
              window.loadedOnce = true;
              window.fillSeen = {};
              new MutationObserver((records) => {
                for (const r of records) for (const node of r.addedNodes) {
                  if (node.dataset && node.dataset.order && !(node.dataset.order in window.fillSeen)) window.fillSeen[node.dataset.order] = Date.now();
                }
              }).observe(document.getElementById('fills-body'), { childList: true });
            }
            """);
        watch.Clear();
        var (fill, at) = await watch.NextAsync(TimeSpan.FromSeconds(90));

        var row = page.Locator($"#fills-body tr[data-order='{fill.OrderId}']").First;
        await Expect(row).ToBeVisibleAsync(new() { Timeout = 5_000 });
        var seenMs = await page.EvaluateAsync<double>($"() => window.fillSeen['{fill.OrderId}'] ?? -1");
        Assert.True(seenMs > 0, "the fill's row was already on the page before the fill happened");
        var latency = DateTimeOffset.FromUnixTimeMilliseconds((long)seenMs) - at;
        output.WriteLine($"fill of order {fill.OrderId} on the page {latency.TotalMilliseconds:0} ms after the engine applied it");
        Assert.True(latency < TimeSpan.FromSeconds(1), $"the fill appeared {latency.TotalMilliseconds:0} ms after it happened");
        await Expect(row).ToContainTextAsync(fill.Side == Core.Markets.Side.Buy ? "buy" : "sell");

        // A reload would have started a fresh page without the marker set above.
        Assert.True(await page.EvaluateAsync<bool>("() => window.loadedOnce === true"));
        Assert.Equal(loadsBefore, Volatile.Read(ref fillRequests));
        Assert.Empty(errors);
    }
}
