namespace GridTrader.Storage;

/// <summary>Well-known keys of the <c>meta</c> table.</summary>
public static class MetaKeys
{
    /// <summary>When the database was created: the bot's first start in this data directory (ISO-8601 UTC).</summary>
    public const string CreatedAt = "created_at";

    /// <summary>Balances seen at the first start (<c>CUR=amount;…</c>), the ledger's starting point.</summary>
    public const string InitialBalances = GridTrader.Core.Persistence.EngineMetaKeys.InitialBalances;

    // The identity of the state, recorded at the first start: a later run with another mode, exchange or account is
    // refused rather than allowed to trade on (or reconcile against) state that is not its own.

    /// <summary><c>simulated</c>, <c>paper</c> or <c>live</c>.</summary>
    public const string Mode = "mode";

    /// <summary>The exchange the state belongs to (<c>firi</c>, <c>simulated</c>).</summary>
    public const string Exchange = "exchange";

    /// <summary>The exchange's base URL (or the candle file of a simulated run).</summary>
    public const string BaseUrl = "base_url";

    /// <summary>A fingerprint of the account (a hash of the client id, never a credential itself).</summary>
    public const string Account = "account";
}
