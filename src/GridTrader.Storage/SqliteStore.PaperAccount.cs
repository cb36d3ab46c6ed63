using GridTrader.Storage.Sql;

namespace GridTrader.Storage;

public sealed partial class SqliteStore
{
    /// <summary>
    /// Replaces the stored paper account (the simulated exchange's whole account as JSON) in one transaction: after a
    /// crash the table holds the previous account or this one, never a mix.
    /// </summary>
    public ValueTask SavePaperAccountAsync(string json, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(json);
        var updatedAt = Now();
        return WriteAsync(tx => tx.Command("""
            INSERT INTO paper_account (id, state_json, updated_at) VALUES (1, $json, $updated_at)
            ON CONFLICT (id) DO UPDATE SET state_json = excluded.state_json, updated_at = excluded.updated_at
            """).With("$json", json).With("$updated_at", updatedAt).Run(), ct);
    }

    /// <summary>The stored paper account as saved by <see cref="SavePaperAccountAsync"/>, or null before the first save.</summary>
    public ValueTask<string?> LoadPaperAccountAsync(CancellationToken ct = default) =>
        ReadAsync(tx => tx.Command("SELECT state_json FROM paper_account WHERE id = 1").Scalar() as string, ct);
}
