using Microsoft.Data.Sqlite;

namespace GridTrader.Storage.Tests.Support;

/// <summary>Direct SQL on a database file, bypassing the store (to inspect or tamper).</summary>
internal static class RawDatabase
{
    public static object? Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public static void Execute(string path, string sql) => Scalar(path, sql);

    public static long Count(string path, string table) => (long)Scalar(path, $"SELECT COUNT(*) FROM {table}")!;
}
