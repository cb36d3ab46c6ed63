using System.Security.Cryptography;
using GridTrader.Configuration;
using GridTrader.Hosting;
using GridTrader.Integration.Tests.Support;
using GridTrader.Storage;
using Microsoft.Extensions.Time.Testing;

namespace GridTrader.Integration.Tests.State;

/// <summary>
/// Every mode keeps its own state and nothing deletes state: what each kind of run does to the data directory before it
/// starts (archive, resume, migrate, refuse), on real SQLite files.
/// </summary>
public sealed class StateDirectoryTests : IDisposable
{
    private const string ClientA = "client-aaaa-1111";
    private const string ClientB = "client-bbbb-2222";
    private static readonly DateTimeOffset Now = new(2026, 2, 3, 4, 5, 6, TimeSpan.Zero);
    private readonly TempDirectory _temp = new();

    private string DataDir => Path.Combine(_temp.Path, "data");
    private DataPaths Paths => DataPaths.For(DataDir);

    public void Dispose() => _temp.Dispose();

    private RunRequest Request(string configMode, string? clientId = null, string url = "http://127.0.0.1:9", bool fresh = false, bool live = false,
        string? dataDir = null)
    {
        var environment = new Dictionary<string, string?>();
        if (clientId is not null)
        {
            environment[Secrets.ClientIdVariable] = clientId;
            environment[Secrets.SecretKeyVariable] = "secret-" + clientId;
        }

        var config = ConfigLoader.LoadJson($$"""
            {"GridTrader":{"Mode":"{{configMode}}","DataDirectory":"{{dataDir ?? DataDir}}","Markets":[{"Symbol":"BTCNOK","CandleInterval":"1m"}],
              "Risk":{"DryRun":false} } }
            """, "test", environment: environment);
        return new RunRequest(config, "firi", url, live, Fresh: fresh);
    }

    private static PreparedState Prepare(RunRequest request, RunMode mode) => BotRuntime.Prepare(request, mode, new FakeTimeProvider(Now));

    /// <summary>A database for <paramref name="mode"/> with one journal entry and the identity <paramref name="request"/> gives it.</summary>
    private static async Task<string> SeedAsync(ModePaths paths, RunRequest request, RunMode mode)
    {
        await using var store = SqliteStore.Open(paths.Root);
        foreach (var (key, value) in StateIdentity.For(request, mode).Entries()) await store.SetMetaAsync(key, value);
        await store.AppendJournalAsync("test.seed", null, $"{mode} state", Now);
        return paths.Database;
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public async Task Prepare_SimulatedRunAfterAnother_ArchivesThePreviousStateWithItsLogs()
    {
        var simulated = Paths.ForMode(RunMode.Simulated);
        await SeedAsync(simulated, Request("simulated"), RunMode.Simulated);
        Directory.CreateDirectory(simulated.Logs);
        await File.WriteAllTextAsync(Path.Combine(simulated.Logs, "gridtrader-20260101.jsonl"), "{}\n");
        var before = Hash(simulated.Database);

        using (var state = Prepare(Request("simulated"), RunMode.Simulated))
            Assert.Contains(state.Notes, n => n.Contains("archived", StringComparison.Ordinal));

        var archived = Path.Combine(Paths.Archive, "simulated-20260203T040506Z");
        Assert.Equal(before, Hash(Path.Combine(archived, SqliteStore.DatabaseFileName)));
        Assert.True(File.Exists(Path.Combine(archived, "logs", "gridtrader-20260101.jsonl")));
        Assert.False(File.Exists(simulated.Database));
        Assert.True(Directory.Exists(simulated.Root));
    }

    [Fact]
    public async Task Prepare_PaperRun_ResumesAndFreshArchives_LiveNeverTouched()
    {
        var live = await SeedAsync(Paths.ForMode(RunMode.Live), Request("live", ClientA), RunMode.Live);
        var paper = await SeedAsync(Paths.ForMode(RunMode.Paper), Request("paper"), RunMode.Paper);
        var (liveBefore, paperBefore) = (Hash(live), Hash(paper));

        using (var resumed = Prepare(Request("paper"), RunMode.Paper))
            Assert.Empty(resumed.Notes);
        Assert.Equal(paperBefore, Hash(paper));

        using (Prepare(Request("simulated"), RunMode.Simulated))
        {
        }

        using (var fresh = Prepare(Request("paper", fresh: true), RunMode.Paper))
            Assert.Contains(fresh.Notes, n => n.Contains("paper-20260203T040506Z", StringComparison.Ordinal));

        Assert.False(File.Exists(paper));
        Assert.Equal(paperBefore, Hash(Path.Combine(Paths.Archive, "paper-20260203T040506Z", SqliteStore.DatabaseFileName)));
        Assert.Equal(liveBefore, Hash(live));
        Assert.Equal("paper", (await File.ReadAllTextAsync(Paths.ModeFile)).Trim());
    }

    [Fact]
    public async Task Prepare_LiveRunWithAnotherAccount_RefusesNamingBothAndChangesNothing()
    {
        var live = await SeedAsync(Paths.ForMode(RunMode.Live), Request("live", ClientA), RunMode.Live);
        var before = Hash(live);

        var ex = Assert.Throws<RuntimeSetupException>(() => Prepare(Request("live", ClientB, live: true), RunMode.Live));

        Assert.Contains(StateIdentity.Fingerprint(ClientA), ex.Message, StringComparison.Ordinal);
        Assert.Contains(StateIdentity.Fingerprint(ClientB), ex.Message, StringComparison.Ordinal);
        Assert.Contains("--data-dir", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ClientA, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Equal(before, Hash(live));
        Assert.False(InstanceLock.IsHeld(DataDir), "a refused run releases the lock");
        Assert.False(File.Exists(Paths.ModeFile));
    }

    [Fact]
    public async Task Prepare_PaperRunAgainstAnotherExchangeUrl_RefusesAndNamesFresh()
    {
        await SeedAsync(Paths.ForMode(RunMode.Paper), Request("paper", url: "https://api.firi.com"), RunMode.Paper);

        var ex = Assert.Throws<RuntimeSetupException>(() => Prepare(Request("paper", url: "http://127.0.0.1:9"), RunMode.Paper));

        Assert.Contains("https://api.firi.com", ex.Message, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:9", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--fresh", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prepare_LegacyDatabaseWithLiveModeConfigured_AdoptedAsLiveAndTheOriginalKept()
    {
        await using (var legacy = SqliteStore.Open(DataDir))
            await legacy.AppendJournalAsync("legacy.entry", "BTCNOK", "from an earlier version", Now);
        var before = Hash(Paths.LegacyDatabase);

        using (var state = Prepare(Request("live", ClientA, live: true), RunMode.Live))
            Assert.Contains(state.Notes, n => n.Contains("adopted", StringComparison.Ordinal));

        await using (var adopted = SqliteStore.OpenReadOnly(Paths.ForMode(RunMode.Live).Root))
            Assert.Single(await adopted.LoadJournalAsync(name: "legacy.entry"));
        Assert.False(File.Exists(Paths.LegacyDatabase));
        Assert.Equal(before, Hash(Path.Combine(Paths.Archive, "legacy-20260203T040506Z", SqliteStore.DatabaseFileName)));
    }

    [Theory]
    [InlineData("paper", "paper")]
    [InlineData("simulated", "simulated")]
    [InlineData("paper", "live")] // --live with Mode paper in the file: a live run, but not the one the rule trusts
    public async Task Prepare_LegacyDatabaseOnAnyOtherRun_LeftUntouchedWithHowToClaimIt(string configMode, string runMode)
    {
        Assert.True(RunModes.TryParse(runMode, out var mode));
        await using (var legacy = SqliteStore.Open(DataDir))
            await legacy.AppendJournalAsync("legacy.entry", null, "x", Now);
        var before = Hash(Paths.LegacyDatabase);

        using (var state = Prepare(Request(configMode, ClientA, live: mode == RunMode.Live), mode))
        {
            var note = Assert.Single(state.Notes, n => n.Contains(Paths.LegacyDatabase, StringComparison.Ordinal));
            Assert.Contains("left untouched", note, StringComparison.Ordinal);
            Assert.Contains("Mode live", note, StringComparison.Ordinal);
            Assert.Contains(Paths.Archive, note, StringComparison.Ordinal);
        }

        Assert.Equal(before, Hash(Paths.LegacyDatabase));
        Assert.False(File.Exists(Paths.ForMode(RunMode.Live).Database));
    }

    [Fact]
    public void Prepare_DataDirectoryIsAFile_RefusesWithOneLine()
    {
        File.WriteAllText(Path.Combine(_temp.Path, "data"), "not a directory");

        var ex = Assert.Throws<RuntimeSetupException>(() => Prepare(Request("paper"), RunMode.Paper));

        Assert.Contains("is a file, not a directory", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--data-dir", ex.Message, StringComparison.Ordinal);
        Assert.Equal("not a directory", File.ReadAllText(Path.Combine(_temp.Path, "data")));
    }

    [Fact]
    public void Prepare_NewDataDirectory_DirectoriesAreOwnerOnly()
    {
        if (OperatingSystem.IsWindows()) return; // Unix permissions only

        using var state = Prepare(Request("paper"), RunMode.Paper);

        Assert.Equal(PrivateFiles.DirectoryMode, File.GetUnixFileMode(DataDir));
        Assert.Equal(PrivateFiles.DirectoryMode, File.GetUnixFileMode(state.ModePaths.Root));
        Assert.Equal(PrivateFiles.DirectoryMode, File.GetUnixFileMode(state.ModePaths.Logs));
    }

    [Fact]
    public void Prepare_ReadOnlyDataDirectory_RefusesWithOneLine()
    {
        if (ReadOnlyDirectory.Create(_temp.Path) is not { } readOnly) return; // no directory this user cannot write (root on a writable /sys)
        var ex = Assert.Throws<RuntimeSetupException>(() => Prepare(Request("paper", dataDir: readOnly), RunMode.Paper));

        Assert.Contains("cannot be written", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--data-dir", ex.Message, StringComparison.Ordinal);
    }
}
