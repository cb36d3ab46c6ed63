using System.Text.Encodings.Web;

namespace GridTrader.Logging;

/// <summary>
/// Replaces every known secret value inside a string with <see cref="Mask"/>. Besides the raw values it also masks the
/// forms a secret takes once it has passed through a URL or JSON encoder, and the path of a secret URL (a Discord webhook
/// path carries its token), so a secret logged by an HTTP handler or inside a response body is caught too.
/// </summary>
public sealed class SecretRedactor
{
    public const string Mask = "***";

    // Shorter fragments would mask ordinary words; Firi keys, bot tokens and webhook tokens are far longer.
    private const int MinimumFragmentLength = 8;

    private readonly string[] _fragments;

    public SecretRedactor(IEnumerable<string?> secrets)
    {
        var fragments = new HashSet<string>(StringComparer.Ordinal);
        foreach (var secret in secrets)
        {
            if (string.IsNullOrEmpty(secret)) continue;
            // Every secret value itself is masked whatever its length: a short secret is still a secret.
            fragments.Add(secret);
            AddEncodings(fragments, secret);
            if (Uri.TryCreate(secret, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                AddFragment(fragments, uri.PathAndQuery);
                AddFragment(fragments, uri.Segments.Length > 0 ? uri.Segments[^1].TrimEnd('/') : null);
            }
        }

        // Longest first, so a URL is masked whole before its path would be.
        _fragments = [.. fragments.OrderByDescending(f => f.Length)];
    }

    /// <summary>A redactor that knows no secrets (leaves every string as it is).</summary>
    public static SecretRedactor None { get; } = new([]);

    public bool IsEmpty => _fragments.Length == 0;

    public bool ContainsSecret(string? text)
    {
        if (string.IsNullOrEmpty(text)) return false;
        foreach (var f in _fragments)
        {
            if (text.Contains(f, StringComparison.Ordinal)) return true;
        }

        return false;
    }

    /// <summary>The text with every secret replaced by <see cref="Mask"/>; the same instance when it holds none.</summary>
    public string Redact(string text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        var result = text;
        foreach (var f in _fragments)
        {
            if (result.Contains(f, StringComparison.Ordinal)) result = result.Replace(f, Mask, StringComparison.Ordinal);
        }

        return result;
    }

    private static void AddEncodings(HashSet<string> fragments, string secret)
    {
        AddFragment(fragments, Uri.EscapeDataString(secret));
        AddFragment(fragments, JavaScriptEncoder.Default.Encode(secret));
        AddFragment(fragments, JavaScriptEncoder.UnsafeRelaxedJsonEscaping.Encode(secret));
    }

    private static void AddFragment(HashSet<string> fragments, string? fragment)
    {
        if (fragment is { Length: >= MinimumFragmentLength }) fragments.Add(fragment);
    }
}
