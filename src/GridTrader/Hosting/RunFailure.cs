using GridTrader.Logging;
using GridTrader.Storage;
using Microsoft.Data.Sqlite;
using static SQLitePCL.raw;

namespace GridTrader.Hosting;

/// <summary>
/// Why a run could not start or go on, as the one line the person at the console reads (the log keeps the exception).
/// Known causes name their fix and exit with 2; anything else is a bug and exits with 1.
/// </summary>
internal static class RunFailure
{
    public static string Explain(Exception ex, ModePaths paths, SecretRedactor redactor)
    {
        var detail = redactor.Redact(ex.Message).TrimEnd('.');
        return ex switch
        {
            RuntimeSetupException or StoreException => redactor.Redact(ex.Message),
            SqliteException { SqliteErrorCode: SQLITE_CORRUPT or SQLITE_NOTADB } =>
                $"the database {paths.Database} is damaged (SQLite: {detail}). Nothing more was written to it: move it aside (keep it; sqlite3's " +
                ".recover may save its contents) or restore a backup, then start again.",
            SqliteException { SqliteErrorCode: SQLITE_READONLY or SQLITE_CANTOPEN or SQLITE_PERM or SQLITE_IOERR or SQLITE_FULL } =>
                $"the database {paths.Database} cannot be written (SQLite: {detail}): make {paths.Root} writable by your user and check the " +
                "free disk space, then start again.",
            UnauthorizedAccessException or IOException =>
                $"the bot's files in {paths.Root} cannot be written ({detail}): make the directory writable by your user and check the free disk space.",
            _ => $"the bot stopped on an unexpected error ({ex.GetType().Name}: {detail}); the details are in the log under {paths.Logs}.",
        };
    }

    public static int ExitCode(Exception ex) =>
        ex is RuntimeSetupException or StoreException or SqliteException or UnauthorizedAccessException or IOException ? 2 : 1;
}
