using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GridTrader.Configuration;
using GridTrader.Core.Configuration;
using GridTrader.Core.Risk;
using GridTrader.Tests.Shared;

namespace GridTrader.Integration.Tests.Docs;

/// <summary>
/// docs/user-guide.md's configuration reference against the options types: every key the configuration binds has a
/// row, every row is a key, and each row's default is the C# initializer. A setting added, renamed or given another
/// default without the guide fails here.
/// </summary>
public sealed partial class UserGuideTests
{
    private static readonly string Guide = File.ReadAllText(Path.Combine(TestRepository.Root, "docs", "user-guide.md"));

    /// <summary>The guide's rows: key → the default cell's text (between backticks).</summary>
    private static Dictionary<string, string> Rows() =>
        Row().Matches(Guide).ToDictionary(m => m.Groups["key"].Value, m => m.Groups["default"].Value, StringComparer.Ordinal);

    /// <summary>Every key the configuration binds (GridTrader:…, without the section), with its initializer.</summary>
    private static Dictionary<string, object?> Keys()
    {
        var keys = new Dictionary<string, object?>(StringComparer.Ordinal);
        Walk(new GridTraderOptions(), "", keys);
        Walk(new HostOptions(), "", keys);
        return keys;
    }

    private static void Walk(object instance, string prefix, Dictionary<string, object?> keys)
    {
        foreach (var property in instance.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var key = prefix + property.Name;
            var value = property.GetValue(instance);
            var type = property.PropertyType;
            if (type == typeof(List<MarketOptions>))
                Walk(new MarketOptions(), key + ":*:", keys);
            else if (IsLeaf(type) || prefix.StartsWith("Markets:", StringComparison.Ordinal) && property.Name == nameof(MarketOptions.Grid))
                keys[key] = value;
            else
                Walk(value ?? throw new InvalidOperationException($"{key} has no initializer to walk."), key + ":", keys);
        }
    }

    private static bool IsLeaf(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || typeof(IEnumerable).IsAssignableFrom(t);
    }

    [Fact]
    public void Guide_EveryConfigurationKey_HasARow()
    {
        var missing = Keys().Keys.Except(Rows().Keys).ToList();

        Assert.True(missing.Count == 0, "docs/user-guide.md lacks rows for: " + string.Join(", ", missing));
    }

    [Fact]
    public void Guide_EveryRow_IsAConfigurationKey()
    {
        var stale = Rows().Keys.Except(Keys().Keys).ToList();

        Assert.True(stale.Count == 0, "docs/user-guide.md documents keys that do not exist: " + string.Join(", ", stale));
    }

    [Fact]
    public void Guide_EveryStatedDefault_IsTheInitializer()
    {
        var rows = Rows();
        var wrong = Keys().Where(k => rows.TryGetValue(k.Key, out var stated) && !Same(stated, k.Value))
            .Select(k => $"{k.Key}: the guide says {rows[k.Key]}, the code {JsonSerializer.Serialize(k.Value)}").ToList();

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    private static bool Same(string stated, object? initial) => initial switch
    {
        null => stated == "null",
        bool b => stated == (b ? "true" : "false"),
        string s => stated == (s.Length == 0 ? "\"\"" : s),
        Enum e => stated == e.ToString(),
        decimal or double or int or long => decimal.TryParse(stated, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
                                           && n == Convert.ToDecimal(initial, CultureInfo.InvariantCulture),
        IEnumerable => JsonNode.DeepEquals(JsonNode.Parse(stated), JsonSerializer.SerializeToNode(initial)),
        _ => false,
    };

    [Fact]
    public void Guide_BreakerDefaultsPerInterval_AreTheOnesRiskSettingsUses()
    {
        var stated = BreakerDefault().Matches(Guide)
            .Select(m => (Interval: Core.MarketData.CandleInterval.TryParse(m.Groups["interval"].Value, out var i) ? i : TimeSpan.Zero,
                Jump: decimal.Parse(m.Groups["pct"].Value, CultureInfo.InvariantCulture) / 100m))
            .ToList();

        Assert.Equal(RiskSettings.DefaultAtrJumps.Select(d => (d.Interval, d.Jump / 1m)), stated.Select(s => (s.Interval, s.Jump / 1m)));
    }

    [Fact]
    public void Guide_PnlSection_ExplainsGridProfitBesideFifo()
    {
        Assert.Contains("grid profit", Guide, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("realized P&L (FIFO)", Guide, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\| `(?<key>[A-Za-z:*]+)` \| `(?<default>[^`]*)` \|", RegexOptions.Multiline)]
    private static partial Regex Row();

    [GeneratedRegex(@"(?<pct>\d+)\s%\s+(?:on|from)\s+(?<interval>\d+[mhd])")]
    private static partial Regex BreakerDefault();
}
