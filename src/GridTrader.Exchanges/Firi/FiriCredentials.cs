namespace GridTrader.Exchanges.Firi;

/// <summary>
/// Firi API credentials: an optional static API key plus the client id and secret used for HMAC
/// signing. The values are readable only inside the exchange layer; <see cref="ToString"/> prints them
/// masked, so logging or formatting this object never reveals them.
/// </summary>
public sealed class FiriCredentials
{
    private const string Masked = "***";

    public FiriCredentials(string? apiKey, string clientId, string secret)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        ArgumentException.ThrowIfNullOrWhiteSpace(secret);
        ApiKey = string.IsNullOrWhiteSpace(apiKey) ? null : apiKey;
        ClientId = clientId;
        Secret = secret;
    }

    internal string? ApiKey { get; }

    internal string ClientId { get; }

    internal string Secret { get; }

    public bool HasApiKey => ApiKey is not null;

    public override string ToString() =>
        $"FiriCredentials {{ ApiKey = {(ApiKey is null ? "(none)" : Masked)}, ClientId = {Masked}, Secret = {Masked} }}";

    /// <summary>Replaces every credential value in <paramref name="text"/> (e.g. text a server echoed back).</summary>
    internal string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var value in new[] { Secret, ClientId, ApiKey })
        {
            if (!string.IsNullOrEmpty(value)) text = text.Replace(value, Masked, StringComparison.Ordinal);
        }

        return text;
    }
}
