using GridTrader.Storage.Sql;

namespace GridTrader.Storage;

public sealed partial class SqliteStore
{
    /// <summary>
    /// Stores history points (a point at an existing time replaces it), then, when more than <paramref name="maxRows"/>
    /// are stored, drops every other point except the first and the last, in the same transaction.
    /// </summary>
    public ValueTask SavePnlSamplesAsync(IReadOnlyList<PnlSample> samples, int maxRows, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 4);
        if (samples.Count == 0) return ValueTask.CompletedTask;
        return WriteAsync(tx =>
        {
            foreach (var p in samples)
            {
                tx.Command("""
                    INSERT INTO pnl_history (time, equity, buy_and_hold, realized_pnl, fees, unrealized_pnl)
                    VALUES ($time, $equity, $bh, $realized, $fees, $unrealized)
                    ON CONFLICT (time) DO UPDATE SET equity = excluded.equity, buy_and_hold = excluded.buy_and_hold,
                        realized_pnl = excluded.realized_pnl, fees = excluded.fees, unrealized_pnl = excluded.unrealized_pnl
                    """).With("$time", SqlText.Time(p.Time)).With("$equity", SqlText.Decimal(p.Equity)).With("$bh", SqlText.Decimal(p.BuyAndHold))
                    .With("$realized", SqlText.Decimal(p.RealizedPnl)).With("$fees", SqlText.Decimal(p.Fees))
                    .With("$unrealized", SqlText.Decimal(p.UnrealizedPnl)).Run();
            }

            if (tx.Command("SELECT COUNT(*) FROM pnl_history").Scalar() is long count && count > maxRows)
            {
                tx.Command("""
                    DELETE FROM pnl_history WHERE time IN (
                        SELECT time FROM (SELECT time, ROW_NUMBER() OVER (ORDER BY time) AS n, COUNT(*) OVER () AS total FROM pnl_history)
                        WHERE n % 2 = 0 AND n < total)
                    """).Run();
            }
        }, ct);
    }

    /// <summary>Every stored history point, oldest first.</summary>
    public ValueTask<IReadOnlyList<PnlSample>> LoadPnlSamplesAsync(CancellationToken ct = default) =>
        ReadAsync<IReadOnlyList<PnlSample>>(tx => tx.Command(
                "SELECT time, equity, buy_and_hold, realized_pnl, fees, unrealized_pnl FROM pnl_history ORDER BY time")
            .Query(r => new PnlSample(r.GetTime(0), r.GetDecimalText(1), r.GetDecimalText(2), r.GetDecimalText(3), r.GetDecimalText(4),
                r.GetDecimalText(5))), ct);

    /// <summary>Records where the history starts; a baseline already stored is kept (the first one wins).</summary>
    public ValueTask SavePnlBaselineAsync(PnlBaseline baseline, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var prices = string.Join(';', baseline.Prices.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={SqlText.Decimal(p.Value)}"));
        return WriteAsync(tx => tx.Command("""
            INSERT INTO pnl_baseline (id, time, equity, prices) VALUES (1, $time, $equity, $prices) ON CONFLICT (id) DO NOTHING
            """).With("$time", SqlText.Time(baseline.Time)).With("$equity", SqlText.Decimal(baseline.Equity)).With("$prices", prices).Run(), ct);
    }

    /// <summary>The stored start of the history, or null before the first point.</summary>
    public ValueTask<PnlBaseline?> LoadPnlBaselineAsync(CancellationToken ct = default) =>
        ReadAsync(tx =>
        {
            var rows = tx.Command("SELECT time, equity, prices FROM pnl_baseline WHERE id = 1")
                .Query(r => new PnlBaseline(r.GetTime(0), r.GetDecimalText(1), ParsePrices(r.GetString(2))));
            return rows.Count > 0 ? rows[0] : null;
        }, ct);

    private static Dictionary<string, decimal> ParsePrices(string text)
    {
        var prices = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in text.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0) throw new InvalidDataException($"Malformed baseline price '{pair}' in the database.");
            prices[pair[..at]] = SqlText.ParseDecimal(pair[(at + 1)..]);
        }

        return prices;
    }
}
