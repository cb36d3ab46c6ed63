using Microsoft.Data.Sqlite;

namespace GridTrader.Storage.Sql;

/// <summary>Commands that dispose themselves once executed (each holds a prepared statement until disposed).</summary>
internal static class SqliteExtensions
{
    public static SqliteCommand Command(this SqliteConnection connection, string sql, SqliteTransaction? tx = null)
    {
        var command = connection.CreateCommand();
        // Microsoft.Data.Sqlite requires the open transaction on every command that runs inside it.
        command.Transaction = tx;
        command.CommandText = sql;
        return command;
    }

    public static SqliteCommand Command(this SqliteTransaction tx, string sql) => tx.Connection!.Command(sql, tx);

    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public static int Run(this SqliteCommand command)
    {
        using (command) return command.ExecuteNonQuery();
    }

    public static object? Scalar(this SqliteCommand command)
    {
        using (command) return command.ExecuteScalar();
    }

    public static List<T> Query<T>(this SqliteCommand command, Func<SqliteDataReader, T> map)
    {
        using (command)
        {
            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read()) rows.Add(map(reader));
            return rows;
        }
    }

    public static string? GetStringOrNull(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? GetInt64OrNull(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static DateTimeOffset GetTime(this SqliteDataReader reader, int ordinal) => SqlText.ParseTime(reader.GetString(ordinal));

    public static DateTimeOffset? GetTimeOrNull(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : SqlText.ParseTime(reader.GetString(ordinal));

    public static decimal GetDecimalText(this SqliteDataReader reader, int ordinal) => SqlText.ParseDecimal(reader.GetString(ordinal));

    public static T GetEnum<T>(this SqliteDataReader reader, int ordinal) where T : struct, Enum => SqlText.ParseEnum<T>(reader.GetString(ordinal));
}
