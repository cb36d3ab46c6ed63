using System.Globalization;
using System.Text;

namespace GridTrader.FiriMock.Faults;

/// <summary>The faults the mock can inject into a request.</summary>
internal enum FaultKind
{
    /// <summary><c>latency</c>: the answer is delayed.</summary>
    Latency,

    /// <summary><c>drop</c>: the connection is closed without an answer, before the request is handled.</summary>
    Drop,

    /// <summary><c>5xx</c>: 503 with a JSON error body, before the request is handled.</summary>
    ServerError,

    /// <summary><c>html</c>: 500 with an HTML error page, before the request is handled.</summary>
    Html,

    /// <summary><c>429</c>: rate limited, with <c>Retry-After</c>, before the request is handled.</summary>
    RateLimited,

    /// <summary><c>lost-create</c>: an order is created, then its answer is lost (dropped, or delayed).</summary>
    LostCreate,

    /// <summary><c>401</c>: the credentials are refused (a revoked or rotated key), before the request is handled.</summary>
    Unauthorized,
}

/// <summary>
/// One rule: a fault kind, optionally limited to a method and path, with a probability per request, a count
/// ("the next N matching requests") or, for latency, a delay range.
/// </summary>
internal sealed record FaultRule(
    FaultKind Kind,
    string? Method,
    string? Path,
    bool PathIsPrefix,
    double Rate,
    int? Count,
    TimeSpan MinDelay,
    TimeSpan MaxDelay)
{
    public bool Matches(string method, string path) =>
        (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
        && (Path is null || (PathIsPrefix
            ? path.StartsWith(Path, StringComparison.OrdinalIgnoreCase)
            : string.Equals(Path, path.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)));
}

/// <summary>
/// A parsed fault specification. Syntax: entries separated by <c>;</c>, each <c>key[:selector]=value</c>.
/// <list type="bullet">
/// <item><c>latency=50-200ms</c> (uniform in the range) or <c>latency=1s</c>;</item>
/// <item><c>5xx</c>, <c>429</c>, <c>html</c>, <c>drop</c>, <c>401</c>, <c>lost-create</c> with a probability per request
/// (<c>0.05</c> or <c>5%</c>) or a count (<c>3x</c>: the next three matching requests);</item>
/// <item><c>skew=+30s</c>: the mock's clock runs ahead (or behind, with <c>-</c>);</item>
/// <item><c>retry-after=1s</c>: the Retry-After of injected 429s (whole seconds, default 1);</item>
/// <item><c>lost-create-delay=30s</c>: a lost create's answer is held that long instead of dropped.</item>
/// </list>
/// A selector narrows a rule to a method, a path or both: <c>5xx:GET=0.2</c>, <c>drop:/v2/balances=1x</c>,
/// <c>429:GET/v2/orders*=0.1</c> (a trailing <c>*</c> matches the path as a prefix). <c>lost-create</c>
/// only ever applies to <c>POST /v2/orders</c>. When several rules of a kind match, the last one counts.
/// </summary>
internal sealed class FaultSpec
{
    public static readonly FaultSpec None = new([], TimeSpan.Zero, TimeSpan.FromSeconds(1), null);

    private static readonly Dictionary<string, FaultKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["latency"] = FaultKind.Latency,
        ["drop"] = FaultKind.Drop,
        ["5xx"] = FaultKind.ServerError,
        ["html"] = FaultKind.Html,
        ["429"] = FaultKind.RateLimited,
        ["lost-create"] = FaultKind.LostCreate,
        ["401"] = FaultKind.Unauthorized,
    };

    public FaultSpec(IReadOnlyList<FaultRule> rules, TimeSpan skew, TimeSpan retryAfter, TimeSpan? lostCreateDelay)
    {
        Rules = rules;
        Skew = skew;
        RetryAfter = retryAfter;
        LostCreateDelay = lostCreateDelay;
    }

    public IReadOnlyList<FaultRule> Rules { get; }

    /// <summary>How far the mock's clock is ahead of the real one (negative: behind).</summary>
    public TimeSpan Skew { get; }

    public TimeSpan RetryAfter { get; }

    /// <summary>Null: a lost create's connection is dropped. Otherwise its answer is held this long.</summary>
    public TimeSpan? LostCreateDelay { get; }

    public static string KindName(FaultKind kind) => Kinds.First(k => k.Value == kind).Key;

    /// <summary>Parses a specification; <see cref="FormatException"/> names the entry that is wrong.</summary>
    public static FaultSpec Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Equals("none", StringComparison.OrdinalIgnoreCase)) return None;
        var rules = new List<FaultRule>();
        TimeSpan skew = TimeSpan.Zero, retryAfter = None.RetryAfter;
        TimeSpan? lostCreateDelay = null;
        foreach (var raw in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // The value follows the last '=': a selector may be spelled METHOD=/path.
            var equals = raw.LastIndexOf('=');
            if (equals <= 0 || equals == raw.Length - 1) throw Bad(raw, "expected key=value");
            var key = raw[..equals].Trim();
            var value = raw[(equals + 1)..].Trim();
            var colon = key.IndexOf(':', StringComparison.Ordinal);
            var name = colon < 0 ? key : key[..colon];
            var selector = colon < 0 ? null : key[(colon + 1)..].Trim();

            switch (name.ToLowerInvariant())
            {
                case "skew":
                    NoSelector(raw, selector);
                    skew = ParseDuration(value, raw, allowSign: true);
                    continue;
                case "retry-after":
                    NoSelector(raw, selector);
                    retryAfter = ParseDuration(value.All(char.IsAsciiDigit) ? value + "s" : value, raw, allowSign: false);
                    if (retryAfter.Ticks % TimeSpan.TicksPerSecond != 0) throw Bad(raw, "Retry-After is whole seconds");
                    continue;
                case "lost-create-delay":
                    NoSelector(raw, selector);
                    lostCreateDelay = ParseDuration(value, raw, allowSign: false);
                    continue;
            }

            if (!Kinds.TryGetValue(name, out var kind))
                throw Bad(raw, "unknown key; use latency, 5xx, 429, html, drop, lost-create, skew, retry-after, lost-create-delay");
            if (kind == FaultKind.LostCreate) NoSelector(raw, selector);
            var (method, path, prefix) = ParseSelector(selector, raw);
            rules.Add(kind == FaultKind.Latency ? ParseLatency(value, raw, method, path, prefix) : ParseRate(kind, value, raw, method, path, prefix));
        }

        return new FaultSpec(rules, skew, retryAfter, lostCreateDelay);
    }

    /// <summary>The canonical text of this specification (parses back to the same rules).</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        foreach (var rule in Rules)
        {
            var key = new StringBuilder(KindName(rule.Kind));
            if (rule.Method is not null || rule.Path is not null)
                key.Append(':').Append(rule.Method).Append(rule.Path).Append(rule.PathIsPrefix ? "*" : string.Empty);
            var value = rule.Kind == FaultKind.Latency
                ? rule.MinDelay == rule.MaxDelay ? FormatDuration(rule.MinDelay) : $"{FormatDuration(rule.MinDelay)}-{FormatDuration(rule.MaxDelay)}"
                : rule.Count is { } count ? count.ToString(CultureInfo.InvariantCulture) + "x" : rule.Rate.ToString(CultureInfo.InvariantCulture);
            parts.Add($"{key}={value}");
        }

        if (Skew != TimeSpan.Zero) parts.Add("skew=" + (Skew > TimeSpan.Zero ? "+" : "-") + FormatDuration(Skew.Duration()));
        if (RetryAfter != None.RetryAfter) parts.Add("retry-after=" + FormatDuration(RetryAfter));
        if (LostCreateDelay is { } delay) parts.Add("lost-create-delay=" + FormatDuration(delay));
        return parts.Count == 0 ? "none" : string.Join(';', parts);
    }

    /// <summary>Reads <c>250ms</c>, <c>2s</c>, <c>1.5s</c>, <c>1m</c>, <c>0</c>; with <paramref name="allowSign"/> also <c>+30s</c>, <c>-5s</c>.</summary>
    public static TimeSpan ParseDuration(string text, string entry, bool allowSign)
    {
        var s = text.Trim();
        var sign = 1;
        if (allowSign && s.Length > 0 && s[0] is '+' or '-')
        {
            sign = s[0] == '-' ? -1 : 1;
            s = s[1..];
        }

        if (s == "0") return TimeSpan.Zero;
        var (number, unitMs) = s.EndsWith("ms", StringComparison.OrdinalIgnoreCase) ? (s[..^2], 1d)
            : s.EndsWith('s') || s.EndsWith('S') ? (s[..^1], 1000d)
            : s.EndsWith('m') || s.EndsWith('M') ? (s[..^1], 60_000d)
            : (null, 0d);
        if (number is null || !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            throw Bad(entry, $"'{text}' is not a duration such as 250ms, 2s or 1m");
        return TimeSpan.FromMilliseconds(sign * value * unitMs);
    }

    private static FaultRule ParseLatency(string value, string raw, string? method, string? path, bool prefix)
    {
        // "50-200ms": a bare lower bound takes the upper bound's unit.
        var dash = value.IndexOf('-', 1);
        TimeSpan min, max;
        if (dash < 0)
        {
            min = max = ParseDuration(value, raw, allowSign: false);
        }
        else
        {
            var low = value[..dash].Trim();
            var high = value[(dash + 1)..].Trim();
            if (low.All(c => char.IsAsciiDigit(c) || c == '.'))
                low += high.EndsWith("ms", StringComparison.OrdinalIgnoreCase) ? "ms" : high[^1..];
            min = ParseDuration(low, raw, allowSign: false);
            max = ParseDuration(high, raw, allowSign: false);
        }

        if (max < min) throw Bad(raw, "the range's upper bound is below its lower bound");
        return new FaultRule(FaultKind.Latency, method, path, prefix, 1d, null, min, max);
    }

    private static FaultRule ParseRate(FaultKind kind, string value, string raw, string? method, string? path, bool prefix)
    {
        if (value.EndsWith('x') || value.EndsWith('X'))
        {
            if (!int.TryParse(value[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
                throw Bad(raw, "a count is a whole number followed by x, e.g. 3x");
            return new FaultRule(kind, method, path, prefix, 0d, count, TimeSpan.Zero, TimeSpan.Zero);
        }

        var percent = value.EndsWith('%');
        if (!double.TryParse(percent ? value[..^1] : value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rate))
            throw Bad(raw, "a rate is a probability (0.05), a percentage (5%) or a count (3x)");
        if (percent) rate /= 100d;
        if (rate is < 0d or > 1d) throw Bad(raw, "a probability lies within 0..1");
        return new FaultRule(kind, method, path, prefix, rate, null, TimeSpan.Zero, TimeSpan.Zero);
    }

    private static (string? Method, string? Path, bool Prefix) ParseSelector(string? selector, string raw)
    {
        if (string.IsNullOrEmpty(selector)) return (null, null, false);
        // Also read "POST=/v2/orders", a spelling with '=' between method and path.
        selector = selector.Replace("=", string.Empty, StringComparison.Ordinal);
        var slash = selector.IndexOf('/', StringComparison.Ordinal);
        var method = slash < 0 ? selector : selector[..slash];
        var path = slash < 0 ? null : selector[slash..];
        if (method.Length > 0 && !method.All(char.IsAsciiLetter)) throw Bad(raw, "a selector is METHOD, /path or METHOD/path");
        var prefix = path?.EndsWith('*') == true;
        if (prefix) path = path![..^1];
        if (path is { Length: > 1 } && !prefix) path = path.TrimEnd('/');
        return (method.Length == 0 ? null : method.ToUpperInvariant(), path, prefix);
    }

    private static void NoSelector(string raw, string? selector)
    {
        if (selector is not null) throw Bad(raw, "this key takes no selector");
    }

    private static string FormatDuration(TimeSpan span) =>
        span.Ticks % TimeSpan.TicksPerSecond == 0 && span >= TimeSpan.FromSeconds(1)
            ? ((long)span.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s"
            : span.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + "ms";

    private static FormatException Bad(string entry, string why) => new($"Fault entry '{entry}': {why}.");
}
