namespace GridTrader.Configuration;

/// <summary>
/// Credentials, read from the environment (or <c>.env</c>) only. <see cref="ToString"/> and every message built
/// from this type show whether a secret is set, never its value.
/// </summary>
public sealed class Secrets
{
    public const string ApiKeyVariable = "FIRI_API_KEY";
    public const string ClientIdVariable = "FIRI_CLIENT_ID";
    public const string SecretKeyVariable = "FIRI_SECRET_KEY";
    public const string TelegramTokenVariable = "TELEGRAM_BOT_TOKEN";
    public const string DiscordWebhookVariable = "DISCORD_WEBHOOK_URL";

    public string? FiriApiKey { get; init; }
    public string? FiriClientId { get; init; }
    public string? FiriSecretKey { get; init; }
    public string? TelegramBotToken { get; init; }
    public string? DiscordWebhookUrl { get; init; }

    public bool HasFiriCredentials => !string.IsNullOrEmpty(FiriClientId) && !string.IsNullOrEmpty(FiriSecretKey);

    /// <summary>Every secret value that is set, so sinks and tests can make sure none of them leaks.</summary>
    public IEnumerable<string> Values()
    {
        foreach (var v in new[] { FiriApiKey, FiriClientId, FiriSecretKey, TelegramBotToken, DiscordWebhookUrl })
        {
            if (!string.IsNullOrEmpty(v)) yield return v;
        }
    }

    /// <summary>Reads the secrets from environment variables (after <c>.env</c> has been loaded into them).</summary>
    public static Secrets FromEnvironment(Func<string, string?>? read = null)
    {
        read ??= Environment.GetEnvironmentVariable;
        static string? Clean(string? v) => string.IsNullOrWhiteSpace(v) ? null : v.Trim();
        return new Secrets
        {
            FiriApiKey = Clean(read(ApiKeyVariable)),
            FiriClientId = Clean(read(ClientIdVariable)),
            FiriSecretKey = Clean(read(SecretKeyVariable)),
            TelegramBotToken = Clean(read(TelegramTokenVariable)),
            DiscordWebhookUrl = Clean(read(DiscordWebhookVariable)),
        };
    }

    /// <summary>Each secret's environment variable with <c>set (hidden)</c> or <c>unset</c>: what the dashboard shows.</summary>
    public IReadOnlyDictionary<string, string> Masked() => new Dictionary<string, string>
    {
        [ApiKeyVariable] = Mask(FiriApiKey),
        [ClientIdVariable] = Mask(FiriClientId),
        [SecretKeyVariable] = Mask(FiriSecretKey),
        [TelegramTokenVariable] = Mask(TelegramBotToken),
        [DiscordWebhookVariable] = Mask(DiscordWebhookUrl),
    };

    public override string ToString() =>
        $"Secrets(FiriApiKey: {Mask(FiriApiKey)}, FiriClientId: {Mask(FiriClientId)}, FiriSecretKey: {Mask(FiriSecretKey)}, " +
        $"TelegramBotToken: {Mask(TelegramBotToken)}, DiscordWebhookUrl: {Mask(DiscordWebhookUrl)})";

    private static string Mask(string? value) => string.IsNullOrEmpty(value) ? "unset" : "set (hidden)";
}
