using System.Security.Cryptography;
using System.Text;
using GridTrader.Storage.Schema;
using GridTrader.Storage.Tests.Support;
using static GridTrader.Storage.Tests.Support.Samples;

namespace GridTrader.Storage.Tests;

public sealed class SchemaMigrationTests : IDisposable
{
    private readonly TempDataDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>Opening (read-write and read-only) is refused, and the file is left exactly as it was.</summary>
    private StoreException AssertRefusedAndUnchanged()
    {
        var before = Hash(_dir.DatabasePath);
        var ex = Assert.Throws<StoreException>(() => Open(_dir));
        var readOnly = Assert.Throws<StoreException>(() => SqliteStore.OpenReadOnly(_dir.Path));
        Assert.Equal(ex.Message, readOnly.Message);
        Assert.Equal(before, Hash(_dir.DatabasePath));
        return ex;
    }

    private static long SchemaObjects(string path) => (long)RawDatabase.Scalar(path, "SELECT COUNT(*) FROM sqlite_schema")!;

    [Fact]
    public void Migrations_Versions_AreContiguousFromOne()
    {
        Assert.Equal(Enumerable.Range(1, Migrations.All.Count), Migrations.All.Select(m => m.Version));
        Assert.Equal(Migrations.All.Count, SqliteStore.LatestSchemaVersion);
    }

    [Fact]
    public async Task Open_MissingDirectory_CreatesLatestSchemaWithDurableSettings()
    {
        var dataDir = Path.Combine(_dir.Path, "nested", "data");
        await using var store = SqliteStore.Open(dataDir, Clock());

        Assert.Equal(SqliteStore.LatestSchemaVersion, store.SchemaVersion);
        Assert.Equal("wal", store.ReadPragma("journal_mode"));
        Assert.Equal(2L, store.ReadPragma("synchronous")); // FULL
        Assert.Equal(1L, store.ReadPragma("foreign_keys"));
        Assert.Equal(5000L, store.ReadPragma("busy_timeout"));
        Assert.Equal((long)SchemaMigrator.ApplicationId, store.ReadPragma("application_id"));
        Assert.Equal((long)SqliteStore.LatestSchemaVersion, store.ReadPragma("user_version"));
        Assert.True(File.Exists(Path.Combine(dataDir, SqliteStore.DatabaseFileName)));
    }

    [Fact]
    public async Task Open_EmptyFile_MigratesFromScratch()
    {
        await File.WriteAllBytesAsync(_dir.DatabasePath, []);

        await using var store = Open(_dir);

        Assert.Equal(SqliteStore.LatestSchemaVersion, store.SchemaVersion);
        Assert.Empty(await store.LoadOrdersAsync(false));
    }

    [Fact]
    public async Task Open_ExistingDatabase_IsIdempotent()
    {
        await using (var store = Open(_dir))
        {
            var order = NewOrder(1);
            await Commit(store, order, order.MarkSubmitting(T0));
        }

        var objects = SchemaObjects(_dir.DatabasePath);
        var laterClock = Clock();
        laterClock.Advance(TimeSpan.FromDays(3));
        for (var i = 0; i < 2; i++)
        {
            await using var again = Open(_dir, laterClock);
            Assert.Equal(SqliteStore.LatestSchemaVersion, again.SchemaVersion);
            Assert.Single(await again.LoadOrdersAsync(false));
            Assert.Equal("2026-03-01T12:00:00.1234567Z", await again.GetMetaAsync(MetaKeys.CreatedAt));
        }

        Assert.Equal(objects, SchemaObjects(_dir.DatabasePath));
    }

    [Fact]
    public async Task Open_NewerSchema_FailsClearlyAndLeavesFileUnchanged()
    {
        await using (Open(_dir))
        {
        }

        RawDatabase.Execute(_dir.DatabasePath, $"PRAGMA user_version = {SqliteStore.LatestSchemaVersion + 1}");

        var ex = AssertRefusedAndUnchanged();

        Assert.Contains($"schema version {SqliteStore.LatestSchemaVersion + 1}, newer than this GridTrader supports", ex.Message, StringComparison.Ordinal);
        Assert.Contains(_dir.DatabasePath, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_TextFileAtDatabasePath_FailsAsNotGridTraderAndLeavesItUnchanged()
    {
        File.WriteAllText(_dir.DatabasePath, "api_key=not-a-database\n" + new string('x', 5000));

        var ex = AssertRefusedAndUnchanged();

        Assert.Equal($"{_dir.DatabasePath} is not a GridTrader database (it is not an SQLite file). " +
            "Move it aside or choose another data directory; the file was not changed.", ex.Message);
        Assert.False(File.Exists(_dir.DatabasePath + "-wal"));
    }

    [Fact]
    public void Open_CorruptSqliteFile_FailsAsNotGridTraderAndLeavesItUnchanged()
    {
        // The right magic bytes, then garbage where the header's page size and the pages should be.
        var bytes = new byte[8192];
        Encoding.ASCII.GetBytes("SQLite format 3\0").CopyTo(bytes, 0);
        new Random(7).NextBytes(bytes.AsSpan(16));
        File.WriteAllBytes(_dir.DatabasePath, bytes);

        var ex = AssertRefusedAndUnchanged();

        Assert.Contains("is not a GridTrader database (SQLite cannot read it", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_OtherApplicationsSqliteDatabase_FailsAsNotGridTraderAndLeavesItUnchanged()
    {
        RawDatabase.Execute(_dir.DatabasePath, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)");

        var ex = AssertRefusedAndUnchanged();

        Assert.Contains("is not a GridTrader database (it holds tables of another application)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenReadOnly_NoDatabase_FailsClearlyWithoutCreatingOne()
    {
        var ex = Assert.Throws<StoreException>(() => SqliteStore.OpenReadOnly(_dir.Path));

        Assert.Contains($"No GridTrader database at {_dir.DatabasePath}", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir.DatabasePath));
    }
}
