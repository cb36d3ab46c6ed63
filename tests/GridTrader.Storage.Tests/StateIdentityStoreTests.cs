using System.Security.Cryptography;
using GridTrader.Storage.Tests.Support;
using static GridTrader.Storage.Tests.Support.Samples;

namespace GridTrader.Storage.Tests;

/// <summary>What the host builds per-mode state on: private files, the lock probe, meta read without change, copies and the paper account.</summary>
public sealed class StateIdentityStoreTests : IDisposable
{
    private readonly TempDataDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public async Task Open_NewDatabaseInNewDirectory_DirectoryAndFilesAreOwnerOnly()
    {
        if (OperatingSystem.IsWindows()) return; // Unix permissions only
        var dataDir = Path.Combine(_dir.Path, "live");
        await using (var store = SqliteStore.Open(dataDir, Clock()))
        {
            await store.SetMetaAsync("k", "v");
            Assert.Equal(PrivateFiles.DirectoryMode, File.GetUnixFileMode(dataDir));
            foreach (var file in new[] { "", "-wal", "-shm" }.Select(s => SqliteStore.DatabasePathIn(dataDir) + s).Where(File.Exists))
                Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(file));
            Assert.True(File.Exists(SqliteStore.DatabasePathIn(dataDir) + "-wal"), "WAL mode keeps a -wal file while open");
        }
    }

    [Fact]
    public void Open_ExistingWorldReadableDatabase_IsNarrowedToTheOwner()
    {
        if (OperatingSystem.IsWindows()) return; // Unix permissions only
        Open(_dir).Dispose();
        File.SetUnixFileMode(_dir.DatabasePath, PrivateFiles.FileMode | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        Open(_dir).Dispose();

        Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(_dir.DatabasePath));
    }

    [Fact]
    public void IsHeld_BeforeDuringAndAfterTheLock_TellsWhetherABotRuns()
    {
        Assert.False(InstanceLock.IsHeld(_dir.Path));
        Assert.False(File.Exists(Path.Combine(_dir.Path, InstanceLock.FileName)), "probing creates nothing");

        using (InstanceLock.Acquire(_dir.Path))
            Assert.True(InstanceLock.IsHeld(_dir.Path));

        Assert.False(InstanceLock.IsHeld(_dir.Path));
    }

    [Fact]
    public async Task ReadMeta_ExistingDatabase_ReturnsItsEntriesAndChangesNothing()
    {
        await using (var store = Open(_dir))
        {
            await store.SetMetaAsync(MetaKeys.Mode, "live");
            await store.SetMetaAsync(MetaKeys.Account, "firi-0123456789abcdef");
        }

        var before = Hash(_dir.DatabasePath);
        var meta = SqliteStore.ReadMeta(_dir.Path)!;

        Assert.Equal("live", meta[MetaKeys.Mode]);
        Assert.Equal("firi-0123456789abcdef", meta[MetaKeys.Account]);
        Assert.True(meta.ContainsKey(MetaKeys.CreatedAt));
        Assert.Equal(before, Hash(_dir.DatabasePath));
        Assert.Null(SqliteStore.ReadMeta(Path.Combine(_dir.Path, "nothing-here")));
    }

    [Fact]
    public void ReadMeta_NotADatabase_RefusesWithoutChangingTheFile()
    {
        File.WriteAllText(_dir.DatabasePath, "SQLite format 3\0 but then garbage that no page parser accepts ..................................");
        var before = Hash(_dir.DatabasePath);

        var ex = Assert.Throws<StoreException>(() => SqliteStore.ReadMeta(_dir.Path));

        Assert.Contains("is not a GridTrader database", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, Hash(_dir.DatabasePath));
    }

    [Fact]
    public async Task CopyDatabase_SourceWithUncheckpointedWal_CopyHoldsEverythingAndSourceIsUnchanged()
    {
        var store = Open(_dir);
        await store.SetMetaAsync("only-in-the-wal", "yes");
        var copy = Path.Combine(_dir.Path, "live", SqliteStore.DatabaseFileName);
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        var walBefore = Hash(_dir.DatabasePath + "-wal");

        SqliteStore.CopyDatabase(_dir.DatabasePath, copy);

        Assert.Equal(walBefore, Hash(_dir.DatabasePath + "-wal"));
        await store.DisposeAsync();
        await using var copied = SqliteStore.OpenReadOnly(Path.GetDirectoryName(copy)!);
        Assert.Equal("yes", await copied.GetMetaAsync("only-in-the-wal"));
        Assert.False(File.Exists(copy + ".copying"));
    }

    [Fact]
    public async Task PaperAccount_SavedTwice_LoadsTheLastOneAndSurvivesReopening()
    {
        await using (var store = Open(_dir))
        {
            Assert.Null(await store.LoadPaperAccountAsync());
            await store.SavePaperAccountAsync("""{"v":1}""");
            await store.SavePaperAccountAsync("""{"v":2}""");
        }

        await using var reopened = Open(_dir);
        Assert.Equal("""{"v":2}""", await reopened.LoadPaperAccountAsync());
        Assert.Equal(1, RawDatabase.Count(_dir.DatabasePath, "paper_account"));
    }
}
