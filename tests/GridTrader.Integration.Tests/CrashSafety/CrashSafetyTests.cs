using GridTrader.Integration.Tests.Support;
using GridTrader.Soak;
using Xunit.Abstractions;

namespace GridTrader.Integration.Tests.CrashSafety;

/// <summary>
/// The chaos soak's CI profile (bench/GridTrader.Soak): the bot in live mode against the Firi mock, both as real
/// processes, the mock losing create answers, answering 5xx, HTML and 429, dropping connections, slowing cancels and,
/// in bursts, refusing the credentials; the bot SIGKILLed at least thirty times — while starting and reconciling,
/// trading, rebuilding its grid and halted — and restarted. After every restart the books must agree with the
/// exchange's. GRIDTRADER_SOAK_KILLS runs a longer soak.
/// </summary>
public sealed class CrashSafetyTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Process")]
    public async Task Soak_KilledAtRandomUnderFaults_BooksAgreeAfterEveryRestart()
    {
        var kills = int.TryParse(Environment.GetEnvironmentVariable("GRIDTRADER_SOAK_KILLS"), out var n) && n > 0 ? n : SoakProfile.Ci.Kills;
        using var temp = new TempDirectory();
        var log = new StringWriter();

        var report = await new SoakRunner(SoakProfile.Ci with { Kills = kills }, log).RunAsync(temp.Path);

        output.WriteLine(report.ToString());
        Assert.True(report.Passed, $"{report}\n{log}");
        Assert.True(report.Kills >= 30, $"{report.Kills} kills");
        Assert.Equal(report.Kills + 1 - report.KillsByMoment.GetValueOrDefault("start"), report.Checks);
        Assert.True(report.Fills > 0, "the walk should have produced fills");
        Assert.True(report.KillsByMoment.GetValueOrDefault("rebuild") > 0 && report.KillsByMoment.GetValueOrDefault("start") > 0,
            "kills should have landed in a rebuild and in a start");
        Assert.True(report.FaultsInjected.GetValueOrDefault("lost-create") > 0, "create answers should have been lost");
        AssertNoSecretsIn(temp.Path);
    }

    private static void AssertNoSecretsIn(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            foreach (var secret in new[] { "soak-s3cr3t-9d8e7f6a5b4c", "soak-client-7f3a9c2e", "soak-key-1a2b3c4d" })
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{file} contains a secret.");
        }
    }
}
