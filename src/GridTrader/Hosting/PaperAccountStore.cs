using System.Text.Json;
using GridTrader.Exchanges.Paper;
using GridTrader.Exchanges.Simulation;
using GridTrader.Storage;

namespace GridTrader.Hosting;

/// <summary>The paper account in the paper database's <c>paper_account</c> table, as JSON, replaced whole in one transaction.</summary>
internal sealed class PaperAccountStore(SqliteStore store) : IPaperAccountStore
{
    public async ValueTask<MatchingAccountState?> LoadAsync(CancellationToken ct = default)
    {
        if (await store.LoadPaperAccountAsync(ct) is not { } json) return null;
        try
        {
            return PaperAccountJson.Deserialize(json);
        }
        catch (JsonException ex)
        {
            throw new RuntimeSetupException($"the paper account saved in {store.DatabasePath} cannot be read ({ex.Message}); " +
                                            "run with --fresh to archive the paper state and start a new paper account.");
        }
    }

    public ValueTask SaveAsync(MatchingAccountState account, CancellationToken ct = default) =>
        store.SavePaperAccountAsync(PaperAccountJson.Serialize(account), ct);
}
