using System.Net;
using System.Text.Json;
using GridTrader.Logging;

namespace GridTrader.Notifications;

/// <summary>
/// Posts <c>{"content": "..."}</c> to a Discord webhook, at most 2000 characters a post. The webhook URL is a secret (its
/// path holds the token), so it is masked in every error text.
/// </summary>
public sealed class DiscordNotifier(string webhookUrl, HttpClient http, TimeProvider time) : ChunkedNotifier(time)
{
    /// <summary>Discord's limit on a message's content.</summary>
    public const int MaxMessageLength = 2000;

    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(1);
    private readonly SecretRedactor _redactor = new([webhookUrl]);

    public override string Name => "discord";

    protected override int MaxLength => MaxMessageLength;

    protected override async Task<NotifyResult> SendPartAsync(string part, CancellationToken ct)
    {
        try
        {
            using var content = JsonContent.Create(new DiscordMessage(part, new DiscordAllowedMentions([])),
                DiscordJsonContext.Default.DiscordMessage);
            using var response = await http.PostAsync(webhookUrl, content, ct);
            if (response.IsSuccessStatusCode) return NotifyResult.Sent;
            if (response.StatusCode == HttpStatusCode.TooManyRequests) return NotifyResult.RetryLater(await RetryAfterAsync(response, ct));
            return NotifyResult.Failed($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        catch (HttpRequestException ex) when (!ct.IsCancellationRequested)
        {
            return NotifyResult.Failed(_redactor.Redact(ex.InnerException is { } inner ? $"{ex.Message} ({inner.Message})" : ex.Message));
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return NotifyResult.Failed("timed out");
        }
    }

    /// <summary>The body's <c>retry_after</c> (seconds, fractional), else the <c>Retry-After</c> header, else a second.</summary>
    private static async Task<TimeSpan> RetryAfterAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var body = await response.Content.ReadFromJsonAsync(DiscordJsonContext.Default.DiscordRateLimit, ct);
            if (body?.RetryAfter is > 0 and var seconds) return TimeSpan.FromSeconds(seconds);
        }
        catch (JsonException)
        {
            // Not JSON: fall back to the header.
        }

        return response.Headers.RetryAfter?.Delta is { } delta && delta > TimeSpan.Zero ? delta : DefaultRetryAfter;
    }
}
