using GridTrader.Core.Persistence;
using GridTrader.Storage.Schema;
using GridTrader.Storage.Sql;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GridTrader.Storage;

/// <summary>
/// The engine's durable state in one SQLite file, <c>&lt;dataDir&gt;/gridtrader.db</c>: WAL journal with
/// <c>synchronous=FULL</c>, so a commit that returned survives a killed process or a power cut. One connection,
/// used by one writer at a time; other processes read through <see cref="OpenReadOnly"/>.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite has no truly asynchronous I/O, so the async methods do their work synchronously under a
/// gate; they are async so callers stay async all the way and can be cancelled while waiting for the gate.
/// </remarks>
public sealed partial class SqliteStore : IEngineStore, ICandleStore, IDisposable, IAsyncDisposable
{
    public const string DatabaseFileName = "gridtrader.db";

    private const int BusyTimeoutMs = 5000;

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private bool _disposed;

    private SqliteStore(SqliteConnection connection, string path, bool readOnly, int schemaVersion, TimeProvider time, ILogger logger)
    {
        _connection = connection;
        _time = time;
        _logger = logger;
        DatabasePath = path;
        IsReadOnly = readOnly;
        SchemaVersion = schemaVersion;
    }

    /// <summary>Always true: everything given is kept.</summary>
    public bool IsDurable => true;

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>Opened with <see cref="OpenReadOnly"/>: every write throws.</summary>
    public bool IsReadOnly { get; }

    public int SchemaVersion { get; }

    /// <summary>The schema version this build creates and reads.</summary>
    public static int LatestSchemaVersion => Migrations.LatestVersion;

    public static string DatabasePathIn(string dataDirectory) =>
        Path.GetFullPath(Path.Combine(dataDirectory, DatabaseFileName));

    /// <summary>
    /// Opens (creating the directory and file when missing) and migrates the database for the one process that
    /// writes. Take the <see cref="InstanceLock"/> first. Throws <see cref="StoreException"/> when the file is not a
    /// GridTrader database or comes from a newer version.
    /// </summary>
    public static SqliteStore Open(string dataDirectory, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        time ??= TimeProvider.System;
        logger ??= NullLogger.Instance;
        PrivateFiles.CreateDirectory(dataDirectory);
        var path = DatabasePathIn(dataDirectory);
        // SQLite gives the -wal and -shm files the database file's permissions: a private database keeps them private.
        PrivateFiles.CreateFile(path);
        PrivateFiles.RestrictFile(path + "-wal");
        PrivateFiles.RestrictFile(path + "-shm");
        return OpenCore(path, SqliteOpenMode.ReadWriteCreate, connection =>
        {
            SchemaMigrator.Inspect(connection, path);
            // WAL lets readers in other processes work while the bot writes; FULL syncs the log on every commit.
            var mode = Pragma(connection, "journal_mode = WAL");
            if (!string.Equals(mode as string, "wal", StringComparison.OrdinalIgnoreCase))
                throw new StoreException($"{path}: SQLite refused WAL journal mode (got '{mode}'); is the file on a network share?");
            Pragma(connection, "synchronous = FULL");
            var version = SchemaMigrator.Migrate(connection, path, time.GetUtcNow(), logger);
            return new SqliteStore(connection, path, readOnly: false, version, time, logger);
        });
    }

    /// <summary>
    /// Opens an existing database for reading only (the CLI and dashboard while the bot runs). Nothing is created or
    /// migrated; a missing, foreign, older or newer database is a <see cref="StoreException"/>.
    /// </summary>
    public static SqliteStore OpenReadOnly(string dataDirectory, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        var path = DatabasePathIn(dataDirectory);
        if (!File.Exists(path))
            throw new StoreException($"No GridTrader database at {path}. Start the bot once with this data directory to create it.");
        return OpenCore(path, SqliteOpenMode.ReadOnly, connection =>
        {
            var version = SchemaMigrator.Verify(connection, path);
            return new SqliteStore(connection, path, readOnly: true, version, time ?? TimeProvider.System, NullLogger.Instance);
        });
    }

    /// <summary>
    /// The <c>meta</c> table of an existing database, read without changing anything (any schema version this build
    /// knows); empty for an empty file, null when there is no file. Throws <see cref="StoreException"/> for a file that
    /// is not a GridTrader database.
    /// </summary>
    public static IReadOnlyDictionary<string, string>? ReadMeta(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        var path = DatabasePathIn(dataDirectory);
        if (!File.Exists(path)) return null;
        using var connection = OpenRaw(path, SqliteOpenMode.ReadOnly);
        try
        {
            var meta = new Dictionary<string, string>(StringComparer.Ordinal);
            if (SchemaMigrator.Inspect(connection, path) == 0) return meta;
            foreach (var (key, value) in connection.Command("SELECT key, value FROM meta").Query(r => (r.GetString(0), r.GetString(1))))
                meta[key] = value;
            return meta;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SQLitePCL.raw.SQLITE_NOTADB or SQLitePCL.raw.SQLITE_CORRUPT)
        {
            throw SchemaMigrator.NotOurs(path, "SQLite cannot read it: " + ex.Message, ex);
        }
    }

    /// <summary>
    /// Copies a GridTrader database (with whatever its write-ahead log still holds) to a new file, which must not exist
    /// yet. The source is only read. The copy is written beside the destination and renamed into place, so the
    /// destination either does not exist or is complete.
    /// </summary>
    public static void CopyDatabase(string sourcePath, string destinationPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourcePath);
        ArgumentException.ThrowIfNullOrWhiteSpace(destinationPath);
        if (File.Exists(destinationPath)) throw new InvalidOperationException($"{destinationPath} exists already.");
        var temporary = destinationPath + ".copying";
        using (var source = OpenRaw(sourcePath, SqliteOpenMode.ReadOnly))
        {
            if (SchemaMigrator.Inspect(source, sourcePath) == 0) throw SchemaMigrator.NotOurs(sourcePath, "it is empty");
            // A copy left by an interrupted earlier attempt is ours and incomplete.
            if (File.Exists(temporary)) File.Delete(temporary);
            PrivateFiles.CreateFile(temporary);
            using var destination = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = temporary,
                Mode = SqliteOpenMode.ReadWrite,
                Pooling = false,
            }.ToString());
            destination.Open();
            source.BackupDatabase(destination);
        }

        File.Move(temporary, destinationPath, overwrite: false);
    }

    /// <summary>A connection to a file already checked to look like SQLite; corrupt files become a <see cref="StoreException"/>.</summary>
    private static SqliteConnection OpenRaw(string path, SqliteOpenMode mode)
    {
        SchemaMigrator.CheckFileHeader(path);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Pooling = false,
            DefaultTimeout = BusyTimeoutMs / 1000,
        }.ToString());
        try
        {
            connection.Open();
            Pragma(connection, $"busy_timeout = {BusyTimeoutMs}");
            return connection;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SQLitePCL.raw.SQLITE_NOTADB or SQLitePCL.raw.SQLITE_CORRUPT)
        {
            connection.Dispose();
            throw SchemaMigrator.NotOurs(path, "SQLite cannot read it: " + ex.Message, ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static SqliteStore OpenCore(string path, SqliteOpenMode mode, Func<SqliteConnection, SqliteStore> initialize)
    {
        SchemaMigrator.CheckFileHeader(path);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            // A pooled connection would keep the file open (and the WAL unchecked) after Dispose.
            Pooling = false,
            ForeignKeys = true,
            DefaultTimeout = BusyTimeoutMs / 1000,
        }.ToString();
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            Pragma(connection, $"busy_timeout = {BusyTimeoutMs}");
            return initialize(connection);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SQLitePCL.raw.SQLITE_NOTADB or SQLitePCL.raw.SQLITE_CORRUPT)
        {
            connection.Dispose();
            throw SchemaMigrator.NotOurs(path, "SQLite cannot read it: " + ex.Message, ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static object? Pragma(SqliteConnection connection, string pragma) => connection.Command("PRAGMA " + pragma).Scalar();

    /// <summary>Reads a pragma's current value on this connection (for diagnostics and tests).</summary>
    internal object? ReadPragma(string name) => Pragma(_connection, name);

    /// <summary>Runs <paramref name="work"/> in one write transaction; nothing of it is kept if it throws.</summary>
    private async ValueTask WriteAsync(Action<SqliteTransaction> work, CancellationToken ct)
    {
        if (IsReadOnly) throw new InvalidOperationException($"{DatabasePath} was opened read-only.");
        await _gate.WaitAsync(ct);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ct.ThrowIfCancellationRequested();
            using var tx = _connection.BeginTransaction(deferred: false);
            work(tx);
            tx.Commit();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Runs <paramref name="work"/> in one read transaction: a consistent snapshot even while another process writes.</summary>
    private async ValueTask<T> ReadAsync<T>(Func<SqliteTransaction, T> work, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ct.ThrowIfCancellationRequested();
            using var tx = _connection.BeginTransaction(deferred: true);
            return work(tx);
        }
        finally
        {
            _gate.Release();
        }
    }

    private string Now() => SqlText.Time(_time.GetUtcNow());

    public void Dispose()
    {
        _gate.Wait();
        try
        {
            if (_disposed) return;
            _disposed = true;
            _connection.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
