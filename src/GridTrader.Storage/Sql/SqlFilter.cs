using Microsoft.Data.Sqlite;

namespace GridTrader.Storage.Sql;

/// <summary>
/// A WHERE clause of only the conditions that were given, so SQLite can use the matching index
/// (<c>$x IS NULL OR col = $x</c> would defeat it).
/// </summary>
internal sealed class SqlFilter
{
    private readonly List<string> _conditions = [];
    private readonly List<KeyValuePair<string, object>> _parameters = [];

    /// <summary>Adds <paramref name="condition"/> (which uses <paramref name="parameter"/>) when the value is given.</summary>
    public SqlFilter When(object? value, string condition, string parameter)
    {
        if (value is null) return this;
        _conditions.Add(condition);
        _parameters.Add(new(parameter, value));
        return this;
    }

    public override string ToString() => _conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", _conditions);

    public SqliteCommand Bind(SqliteCommand command)
    {
        foreach (var (name, value) in _parameters) command.Parameters.AddWithValue(name, value);
        return command;
    }
}
