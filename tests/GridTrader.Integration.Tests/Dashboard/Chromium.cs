using GridTrader.Tests.Shared;
using Microsoft.Playwright;

namespace GridTrader.Integration.Tests.Dashboard;

/// <summary>
/// The machine's Chromium (Debian's package) driven by Playwright; Playwright's own browser downloads are never used.
/// Shared by the tests of a class; absent when Chromium is not installed (the tests are then skipped).
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>Flags for a closed network: no background connections, no sandbox (CI runs as root).</summary>
    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;

    public static bool Installed => File.Exists(ExecutablePath);

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the tests leave their screenshots: <c>artifacts/screenshots</c> at the repository root.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(TestRepository.Root, "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        if (!Installed) return;
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Flags,
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

/// <summary>A browser test: skipped, with the reason, when the system Chromium is missing.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!Chromium.Installed)
            Skip = $"Browser test skipped: no Chromium at {Chromium.ExecutablePath}. Install it with 'apt-get install -y chromium' (.ci/run does).";
    }
}
