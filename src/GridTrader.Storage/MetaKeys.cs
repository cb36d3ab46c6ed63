namespace GridTrader.Storage;

/// <summary>Well-known keys of the <c>meta</c> table.</summary>
public static class MetaKeys
{
    /// <summary>When the database was created: the bot's first start in this data directory (ISO-8601 UTC).</summary>
    public const string CreatedAt = "created_at";

    /// <summary>Balances seen at the first start (<c>CUR=amount;…</c>), the ledger's starting point.</summary>
    public const string InitialBalances = GridTrader.Core.Persistence.EngineMetaKeys.InitialBalances;
}
