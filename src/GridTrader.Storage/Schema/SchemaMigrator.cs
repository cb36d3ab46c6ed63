using System.Globalization;
using GridTrader.Storage.Sql;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace GridTrader.Storage.Schema;

/// <summary>
/// Recognises a GridTrader database and brings its schema to <see cref="Migrations.LatestVersion"/>. The schema
/// version is SQLite's <c>user_version</c> and the file is marked with an <c>application_id</c>, both in the file
/// header, so a foreign or newer file is refused before anything is written.
/// </summary>
internal static class SchemaMigrator
{
    /// <summary>"GRDT": marks the file as ours in the SQLite header.</summary>
    public const int ApplicationId = 0x47524454;

    private static readonly byte[] SqliteMagic = "SQLite format 3\0"u8.ToArray();

    /// <summary>Refuses a non-empty file that is not SQLite at all, without letting SQLite touch it.</summary>
    public static void CheckFileHeader(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists || file.Length == 0) return;
        Span<byte> header = stackalloc byte[16];
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length
                || !header.SequenceEqual(SqliteMagic))
                throw NotOurs(path, "it is not an SQLite file");
        }
    }

    /// <summary>
    /// Refuses a foreign or newer database before anything is written to it (switching to WAL already would be);
    /// returns its schema version, 0 for a new file.
    /// </summary>
    public static int Inspect(SqliteConnection connection, string path, SqliteTransaction? tx = null)
    {
        var applicationId = ReadInt(connection, tx, "PRAGMA application_id");
        var version = ReadInt(connection, tx, "PRAGMA user_version");
        if (applicationId == 0 && version == 0)
        {
            if (HasAnyObject(connection, tx)) throw NotOurs(path, "it holds tables of another application");
            return 0;
        }

        if (applicationId != ApplicationId) throw NotOurs(path, "its SQLite application id is not GridTrader's");
        if (version > Migrations.LatestVersion)
        {
            throw new StoreException($"{path} has schema version {version}, newer than this GridTrader supports " +
                $"(version {Migrations.LatestVersion}). Run the newer GridTrader that wrote it; the file was not changed.");
        }

        return version;
    }

    /// <summary>Applies the missing migrations in one transaction; returns the schema version.</summary>
    public static int Migrate(SqliteConnection connection, string path, DateTimeOffset now, ILogger logger)
    {
        using var tx = connection.BeginTransaction(deferred: false);
        var version = Inspect(connection, path, tx);
        if (version == 0)
        {
            tx.Command($"PRAGMA application_id = {ApplicationId}").Run();
            StoreLog.DatabaseCreated(logger, path);
        }

        foreach (var migration in Migrations.All)
        {
            if (migration.Version <= version) continue;
            tx.Command(migration.Sql).Run();
            StoreLog.MigrationApplied(logger, migration.Version, migration.Description);
        }

        if (version == 0)
        {
            tx.Command("INSERT INTO meta (key, value) VALUES ($key, $value)")
                .With("$key", MetaKeys.CreatedAt).With("$value", SqlText.Time(now)).Run();
        }

        if (version != Migrations.LatestVersion)
            tx.Command($"PRAGMA user_version = {Migrations.LatestVersion}").Run();
        tx.Commit();
        return Migrations.LatestVersion;
    }

    /// <summary>For read-only opens: the file must be ours and exactly at the version this build reads.</summary>
    public static int Verify(SqliteConnection connection, string path)
    {
        var version = Inspect(connection, path);
        if (version == 0) throw NotOurs(path, "it is empty");
        if (version < Migrations.LatestVersion)
        {
            throw new StoreException($"{path} has schema version {version}; this GridTrader reads version {Migrations.LatestVersion}. " +
                "Start the bot once to upgrade the database, then try again.");
        }

        return version;
    }

    private static int ReadInt(SqliteConnection connection, SqliteTransaction? tx, string sql) =>
        Convert.ToInt32(connection.Command(sql, tx).Scalar(), CultureInfo.InvariantCulture);

    private static bool HasAnyObject(SqliteConnection connection, SqliteTransaction? tx) =>
        connection.Command("SELECT EXISTS (SELECT 1 FROM sqlite_schema)", tx).Scalar() is long and not 0;

    public static StoreException NotOurs(string path, string why, Exception? inner = null)
    {
        var message = $"{path} is not a GridTrader database ({why}). Move it aside or choose another data directory; the file was not changed.";
        return inner is null ? new StoreException(message) : new StoreException(message, inner);
    }
}
