using GridTrader.Core.MarketData;
using GridTrader.Storage.Sql;

namespace GridTrader.Storage;

public sealed partial class SqliteStore
{
    /// <summary>
    /// Inserts candles from <paramref name="source"/> (<see cref="CandleSources"/>), replacing stored ones with the same
    /// open time (a bar rebuilt from late trades), source included.
    /// </summary>
    public ValueTask SaveCandlesAsync(string market, TimeSpan interval, IEnumerable<Candle> candles, string source, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(market);
        ArgumentNullException.ThrowIfNull(candles);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        var intervalText = IntervalText(interval);
        return WriteAsync(tx =>
        {
            using var command = tx.Command("""
                INSERT INTO candles (market, interval, open_time_ms, open, high, low, close, volume, source)
                VALUES ($market, $interval, $open_time_ms, $open, $high, $low, $close, $volume, $source)
                ON CONFLICT (market, interval, open_time_ms) DO UPDATE SET
                    open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close, volume = excluded.volume,
                    source = excluded.source
                """).With("$market", market).With("$interval", intervalText).With("$source", source);
            var openTime = command.Parameters.AddWithValue("$open_time_ms", 0L);
            var open = command.Parameters.AddWithValue("$open", "");
            var high = command.Parameters.AddWithValue("$high", "");
            var low = command.Parameters.AddWithValue("$low", "");
            var close = command.Parameters.AddWithValue("$close", "");
            var volume = command.Parameters.AddWithValue("$volume", "");
            foreach (var candle in candles)
            {
                openTime.Value = candle.OpenTimeMs;
                open.Value = SqlText.Decimal(candle.Open);
                high.Value = SqlText.Decimal(candle.High);
                low.Value = SqlText.Decimal(candle.Low);
                close.Value = SqlText.Decimal(candle.Close);
                volume.Value = SqlText.Decimal(candle.Volume);
                command.ExecuteNonQuery();
            }
        }, ct);
    }

    /// <summary>
    /// Candles in open-time order. From <paramref name="from"/> on when given (the first <paramref name="limit"/>);
    /// otherwise the latest <paramref name="limit"/> (what indicators need to warm up after a restart).
    /// </summary>
    public ValueTask<IReadOnlyList<Candle>> LoadCandlesAsync(string market, TimeSpan interval, DateTimeOffset? from = null, int? limit = null,
        CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(market);
        if (limit is { } l) ArgumentOutOfRangeException.ThrowIfNegativeOrZero(l);
        var intervalText = IntervalText(interval);
        // Latest N without a start: read newest first, then put back in time order.
        var newestFirst = from is null && limit is not null;
        return ReadAsync<IReadOnlyList<Candle>>(tx =>
        {
            var candles = tx.Command($"""
                SELECT open_time_ms, open, high, low, close, volume FROM candles
                WHERE market = $market AND interval = $interval AND open_time_ms >= $from
                ORDER BY open_time_ms {(newestFirst ? "DESC" : "")} LIMIT $limit
                """).With("$market", market).With("$interval", intervalText)
                .With("$from", from?.ToUnixTimeMilliseconds() ?? long.MinValue).With("$limit", limit ?? -1)
                .Query(r => new Candle(r.GetInt64(0), r.GetDecimalText(1), r.GetDecimalText(2), r.GetDecimalText(3),
                    r.GetDecimalText(4), r.GetDecimalText(5)));
            if (newestFirst) candles.Reverse();
            return candles;
        }, ct);
    }

    /// <summary>How many stored candles of a market and interval came from each source, from <paramref name="from"/> on when given.</summary>
    public ValueTask<IReadOnlyDictionary<string, long>> CountCandlesBySourceAsync(string market, TimeSpan interval, DateTimeOffset? from = null,
        CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(market);
        var intervalText = IntervalText(interval);
        return ReadAsync<IReadOnlyDictionary<string, long>>(tx =>
        {
            var rows = tx.Command("""
                SELECT source, COUNT(*) FROM candles
                WHERE market = $market AND interval = $interval AND open_time_ms >= $from
                GROUP BY source ORDER BY source
                """).With("$market", market).With("$interval", intervalText).With("$from", from?.ToUnixTimeMilliseconds() ?? long.MinValue)
                .Query(r => (Source: r.GetString(0), Count: r.GetInt64(1)));
            return rows.ToDictionary(r => r.Source, r => r.Count, StringComparer.Ordinal);
        }, ct);
    }

    /// <summary>Every (market, interval) with stored candles, and how many came from each source (offline <c>status</c>).</summary>
    public ValueTask<IReadOnlyList<(string Market, string Interval, string Source, long Count)>> CandleSourceSummaryAsync(CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<(string, string, string, long)>>(tx => tx.Command("""
                SELECT market, interval, source, COUNT(*) FROM candles GROUP BY market, interval, source ORDER BY market, interval, source
                """).Query(r => (r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3))), ct);

    private static string IntervalText(TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        return CandleInterval.Format(interval);
    }
}
