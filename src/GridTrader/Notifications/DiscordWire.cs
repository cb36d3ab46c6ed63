using System.Text.Json.Serialization;

namespace GridTrader.Notifications;

/// <summary>Body of a webhook post. Mentions are disabled so text from the engine can never ping anyone.</summary>
internal sealed record DiscordMessage(
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("allowed_mentions")] DiscordAllowedMentions AllowedMentions);

internal sealed record DiscordAllowedMentions([property: JsonPropertyName("parse")] IReadOnlyList<string> Parse);

/// <summary>Body of a 429 answer: <c>retry_after</c> in seconds.</summary>
internal sealed record DiscordRateLimit([property: JsonPropertyName("retry_after")] double? RetryAfter);

[JsonSerializable(typeof(DiscordMessage))]
[JsonSerializable(typeof(DiscordRateLimit))]
internal sealed partial class DiscordJsonContext : JsonSerializerContext;
