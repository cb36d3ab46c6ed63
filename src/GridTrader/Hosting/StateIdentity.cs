using System.Security.Cryptography;
using System.Text;
using GridTrader.Storage;

namespace GridTrader.Hosting;

/// <summary>
/// Whose state a database holds: the mode, the exchange, its base URL and a fingerprint of the account. Recorded in the
/// database's meta table at the first start; a run whose identity differs is refused before it changes anything.
/// </summary>
internal sealed record StateIdentity(string Mode, string Exchange, string BaseUrl, string Account)
{
    public const string PaperAccount = "paper account";
    public const string SimulatedAccount = "simulated account";

    /// <summary>The meta table entries of this identity.</summary>
    public IEnumerable<KeyValuePair<string, string>> Entries()
    {
        yield return new(MetaKeys.Mode, Mode);
        yield return new(MetaKeys.Exchange, Exchange);
        yield return new(MetaKeys.BaseUrl, BaseUrl);
        yield return new(MetaKeys.Account, Account);
    }

    public static StateIdentity For(RunRequest request, RunMode mode)
    {
        var options = request.Config.Options;
        return mode switch
        {
            RunMode.Simulated => new(mode.Name(), "simulated", Path.GetFullPath(options.Simulation.DataFile), SimulatedAccount),
            RunMode.Paper => new(mode.Name(), "firi", NormalizeUrl(request.FiriUrl ?? options.Exchange.BaseUrl), PaperAccount),
            _ => new(mode.Name(), "firi", NormalizeUrl(request.FiriUrl ?? options.Exchange.BaseUrl),
                Fingerprint(request.Config.Secrets.FiriClientId)),
        };
    }

    /// <summary>
    /// A fingerprint of the account: the first 16 hex digits of SHA-256 over the client id (with a fixed prefix), so two
    /// accounts are told apart without the client id, key or secret being stored anywhere.
    /// </summary>
    public static string Fingerprint(string? clientId) =>
        string.IsNullOrEmpty(clientId)
            ? "no account"
            : "firi-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("GridTrader account fingerprint\n" + clientId)))[..16];

    /// <summary>What differs from what the database recorded, or null when nothing does (unrecorded entries match anything).</summary>
    public string? Mismatch(IReadOnlyDictionary<string, string> recorded)
    {
        foreach (var (key, value) in Entries())
        {
            if (recorded.TryGetValue(key, out var stored) && !string.Equals(stored, value, StringComparison.Ordinal)) return key;
        }

        return null;
    }

    /// <summary>"live on firi at https://api.firi.com, account firi-1a2b…"; missing entries read "unrecorded".</summary>
    public static string Describe(IReadOnlyDictionary<string, string> entries) =>
        $"{Get(entries, MetaKeys.Mode)} on {Get(entries, MetaKeys.Exchange)} at {Get(entries, MetaKeys.BaseUrl)}, " +
        (Get(entries, MetaKeys.Account) is var account && account.StartsWith("firi-", StringComparison.Ordinal) ? "account " + account : account);

    public string Describe() => Describe(Entries().ToDictionary());

    private static string Get(IReadOnlyDictionary<string, string> entries, string key) => entries.GetValueOrDefault(key) ?? $"{key} unrecorded";

    private static string NormalizeUrl(string url) => url.Trim().TrimEnd('/');
}
