using GridTrader.Storage.Sql;

namespace GridTrader.Storage;

public sealed partial class SqliteStore
{
    /// <inheritdoc />
    /// <remarks>The message is stored exactly as given; keeping secrets out of it is the caller's duty.</remarks>
    public ValueTask AppendJournalAsync(string name, string? market, string message, DateTimeOffset time, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(message);
        return WriteAsync(tx => tx.Command("INSERT INTO journal (time, name, market, message) VALUES ($time, $name, $market, $message)")
            .With("$time", SqlText.Time(time)).With("$name", name).With("$market", market).With("$message", message)
            .Run(), ct);
    }

    /// <summary>
    /// Journal entries in [<paramref name="from"/>, <paramref name="to"/>), optionally of one event name and market.
    /// When more than <paramref name="limit"/> match, the newest are returned; always oldest first.
    /// </summary>
    public ValueTask<IReadOnlyList<JournalEntry>> LoadJournalAsync(DateTimeOffset? from = null, DateTimeOffset? to = null,
        string? name = null, string? market = null, int limit = 1000, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return ReadAsync<IReadOnlyList<JournalEntry>>(tx =>
        {
            var filter = new SqlFilter()
                .When(from is { } f ? SqlText.Time(f) : null, "time >= $from", "$from")
                .When(to is { } t ? SqlText.Time(t) : null, "time < $to", "$to")
                .When(name, "name = $name", "$name")
                .When(market, "market = $market", "$market");
            return filter.Bind(tx.Command($"""
                SELECT id, time, name, market, message FROM
                    (SELECT id, time, name, market, message FROM journal {filter} ORDER BY time DESC, id DESC LIMIT $limit)
                ORDER BY time, id
                """)).With("$limit", limit)
                .Query(r => new JournalEntry(r.GetInt64(0), r.GetTime(1), r.GetString(2), r.GetStringOrNull(3), r.GetString(4)));
        }, ct);
    }

    /// <summary>A value of the <c>meta</c> table (see <see cref="MetaKeys"/>), or null.</summary>
    public ValueTask<string?> GetMetaAsync(string key, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        return ReadAsync(tx => tx.Command("SELECT value FROM meta WHERE key = $key").With("$key", key).Scalar() as string, ct);
    }

    public ValueTask SetMetaAsync(string key, string value, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        return WriteAsync(tx => tx.Command("""
            INSERT INTO meta (key, value) VALUES ($key, $value) ON CONFLICT (key) DO UPDATE SET value = excluded.value
            """).With("$key", key).With("$value", value).Run(), ct);
    }
}
