using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using GridTrader.Configuration;
using GridTrader.Core.Configuration;
using GridTrader.Core.Grid;
using GridTrader.Tests.Shared;

namespace GridTrader.Integration.Tests.Configuration;

/// <summary>
/// One set of defaults: the C# initializers of the options types (<see cref="GridTraderOptions"/> and its sections,
/// <see cref="GridSettings"/>, <see cref="Core.Risk.RiskSettings"/>, <see cref="HostOptions"/>) are the source. Every
/// value that <c>config.example.json</c> or the embedded default configuration states must equal its initializer, or
/// be listed in <see cref="DeliberateOverrides"/> with the reason. Change a default in one place only and these fail.
/// </summary>
public sealed class DefaultsTests
{
    private const string Example = "config.example.json";
    private const string Embedded = "embedded default";

    /// <summary>
    /// Every value a shipped configuration states on purpose differently from the initializer, with the reason. A
    /// <c>*</c> stands for any list index.
    /// </summary>
    public static readonly IReadOnlyList<DeliberateOverride> DeliberateOverrides =
    [
        new(Example, "GridTrader:Markets:*:Symbol", "a market's symbol has no default: each market names its own"),
        new(Embedded, "GridTrader:Markets:*:Symbol", "a market's symbol has no default: each market names its own"),
        new(Embedded, "GridTrader:Markets:0:CandleInterval",
            "the demo replays the shipped 1-minute file, so its grid runs on 1m candles (a real market defaults to 1h)"),
        new(Example, "GridTrader:Markets:1:Enabled", "the example shows a second market (ETHNOK) switched off, ready to enable"),
        new(Example, "GridTrader:Markets:1:MinAmount", "Firi's smallest ETH order is 0.001 ETH (the default 0.0001 is BTC's)"),
        new(Example, "GridTrader:Markets:0:CapitalFraction",
            "unset (null) means the default share, MarketOptions.DefaultCapitalFraction = 0.2, unless InvestmentNok is set; the example states it"),
        new(Embedded, "GridTrader:Markets:0:CapitalFraction",
            "unset (null) means the default share, MarketOptions.DefaultCapitalFraction = 0.2, unless InvestmentNok is set; the demo states it"),
        new(Example, "GridTrader:Markets:1:InvestmentNok",
            "the example shows the second market with a fixed NOK budget instead of a share of equity (a market has no fixed budget by default)"),
        new(Example, "GridTrader:Markets:0:TrendInterval",
            "the example measures the trend on 4h candles while its grid uses 1h, as the original bot did (the default, empty, uses the grid's own candles, so backtests of any data keep their trend)"),
        new(Example, "GridTrader:Markets:0:ReferenceSymbol", "the example names the reference symbol BTCNOK would derive anyway (BTC + Reference:QuoteCurrency), to show the setting"),
    ];

    /// <summary>Settings <c>config.example.json</c> leaves out on purpose, with the reason.</summary>
    private static readonly IReadOnlyDictionary<string, string> NotInExample = new Dictionary<string, string>
    {
        ["GridTrader:Grid:FeeRate"] = "the grid's fee follows Exchange:FeeRate unless a grid says otherwise; stating it twice invites disagreement",
    };

    [Fact]
    public void ConfigExample_EveryStatedValue_IsTheInitializerOrADeliberateOverride()
    {
        var differences = Differences(ReadExample(), new GridTraderOptions(), new HostOptions());

        Assert.True(Unexplained(Example, differences).Count == 0, Report(Example, Unexplained(Example, differences)));
    }

    [Fact]
    public void EmbeddedDefault_EveryStatedValue_IsTheInitializerOrADeliberateOverride()
    {
        var differences = Differences(JsonNode.Parse(ConfigLoader.DefaultJson())!, new GridTraderOptions(), new HostOptions());

        Assert.True(Unexplained(Embedded, differences).Count == 0, Report(Embedded, Unexplained(Embedded, differences)));
    }

    [Fact]
    public void DeliberateOverrides_EachOne_StillDiffersFromItsInitializer()
    {
        var stated = new Dictionary<string, IReadOnlyList<Difference>>
        {
            [Example] = Differences(ReadExample(), new GridTraderOptions(), new HostOptions()),
            [Embedded] = Differences(JsonNode.Parse(ConfigLoader.DefaultJson())!, new GridTraderOptions(), new HostOptions()),
        };

        // An override whose value now equals the initializer (or whose key is gone) is stale: remove it from the list.
        Assert.All(DeliberateOverrides, o => Assert.True(stated[o.File].Any(d => o.Covers(d.Path)), $"{o.File}: {o.Path} is listed as an override but does not differ"));
    }

    [Fact]
    public void ConfigExample_StatesEverySetting()
    {
        var example = ReadExample();
        var missing = SettingPaths(typeof(GridTraderOptions), "GridTrader").Concat(SettingPaths(typeof(HostOptions), "GridTrader"))
            .Where(path => !NotInExample.ContainsKey(path) && !IsStated(example, path))
            .ToList();

        Assert.True(missing.Count == 0, $"{Example} does not show: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Differences_ValueChangedInAFileOnly_AreReportedWithTheirPath()
    {
        var example = ReadExample();
        example["GridTrader"]!["Grid"]!["Levels"] = 12;
        example["GridTrader"]!["Risk"]!["DryRun"] = false;
        example["GridTrader"]!["Notifications"]!["Telegram"]!["BaseUrl"] = "https://telegram.example";
        example["GridTrader"]!["Simulation"]!["InitialBalances"]!["NOK"] = 50_000;

        var unexplained = Unexplained(Example, Differences(example, new GridTraderOptions(), new HostOptions()));

        Assert.Equal(
            ["GridTrader:Grid:Levels", "GridTrader:Notifications:Telegram:BaseUrl", "GridTrader:Risk:DryRun", "GridTrader:Simulation:InitialBalances:NOK"],
            unexplained.Select(d => d.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Differences_InitializerChangedOnly_AreReportedWithTheirPath()
    {
        var options = new GridTraderOptions
        {
            Grid = new GridSettings { MinProfitMarginPct = 0.3m },
            Risk = new Core.Risk.RiskSettings { MaxDrawdownPct = 20m },
        };
        options.Engine.OrderTtlHours = 12;
        var host = new HostOptions();
        host.Dashboard.Url = "http://127.0.0.1:6000";

        var unexplained = Unexplained(Example, Differences(ReadExample(), options, host));

        Assert.Equal(
            ["GridTrader:Dashboard:Url", "GridTrader:Engine:OrderTtlHours", "GridTrader:Grid:MinProfitMarginPct", "GridTrader:Risk:MaxDrawdownPct"],
            unexplained.Select(d => d.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Differences_KeyThatIsNoSetting_IsReported()
    {
        var example = ReadExample();
        example["GridTrader"]!["Grid"]!["Levles"] = 10;

        var difference = Assert.Single(Unexplained(Example, Differences(example, new GridTraderOptions(), new HostOptions())));

        Assert.Equal("GridTrader:Grid:Levles", difference.Path);
        Assert.Contains("no such setting", difference.Why, StringComparison.Ordinal);
    }

    [Fact]
    public void GridFeeRate_Initializer_EqualsTheExchangeFeeRate()
    {
        // The loader gives the grid the exchange's fee unless a grid states its own: the two defaults are one number.
        Assert.Equal(new ExchangeOptions().FeeRate, new GridSettings().FeeRate);
    }

    // ------------------------------------------------------------------ the comparison

    public sealed record DeliberateOverride(string File, string Path, string Reason)
    {
        public bool Covers(string path)
        {
            var mine = Path.Split(':');
            var theirs = path.Split(':');
            return mine.Length == theirs.Length && mine.Zip(theirs).All(p => p.First == "*" || string.Equals(p.First, p.Second, StringComparison.OrdinalIgnoreCase));
        }
    }

    public sealed record Difference(string Path, string Why);

    private static JsonNode ReadExample() => JsonNode.Parse(File.ReadAllText(Path.Combine(TestRepository.Root, Example)))!;

    private static List<Difference> Unexplained(string file, IEnumerable<Difference> differences) =>
        [.. differences.Where(d => !DeliberateOverrides.Any(o => o.File == file && o.Covers(d.Path)))];

    private static string Report(string file, IEnumerable<Difference> differences) =>
        $"{file} disagrees with the C# initializers (change the default in one place, or list a deliberate override with its reason in " +
        $"{nameof(DefaultsTests)}.{nameof(DeliberateOverrides)}):\n" + string.Join("\n", differences.Select(d => $"  {d.Path}: {d.Why}"));

    /// <summary>Every value the file states that differs from the initializer, or names no setting.</summary>
    private static IReadOnlyList<Difference> Differences(JsonNode file, GridTraderOptions options, HostOptions host)
    {
        var differences = new List<Difference>();
        if (file["GridTrader"] is not JsonObject root)
        {
            differences.Add(new Difference("GridTrader", "the section is missing"));
            return differences;
        }

        foreach (var (key, child) in root)
        {
            var path = "GridTrader:" + key;
            // The domain options and the host's own sections share the GridTrader section.
            if (Property(typeof(GridTraderOptions), key) is { } domain) Compare(child, domain.GetValue(options), domain.PropertyType, path, differences);
            else if (Property(typeof(HostOptions), key) is { } hosted) Compare(child, hosted.GetValue(host), hosted.PropertyType, path, differences);
            else differences.Add(new Difference(path, "no such setting"));
        }

        return differences;
    }

    private static void Compare(JsonNode? node, object? initial, Type type, string path, List<Difference> differences)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        switch (node)
        {
            case JsonObject obj when DictionaryValueType(type) is { } valueType:
                var dictionary = (IDictionary?)initial;
                foreach (var (key, child) in obj)
                {
                    var has = dictionary?.Contains(key) == true;
                    if (!has) differences.Add(new Difference($"{path}:{key}", $"states {child?.ToJsonString()}, the initializer has no {key}"));
                    else Compare(child, dictionary![key], valueType, $"{path}:{key}", differences);
                }

                break;
            case JsonObject obj:
                // A per-market grid starts from the grid defaults: an unset one compares with a new GridSettings.
                initial ??= Activator.CreateInstance(type);
                foreach (var (key, child) in obj)
                {
                    if (Property(type, key) is { } property) Compare(child, property.GetValue(initial), property.PropertyType, $"{path}:{key}", differences);
                    else differences.Add(new Difference($"{path}:{key}", $"no such setting on {type.Name}"));
                }

                break;
            case JsonArray array:
                var elementType = type.IsGenericType ? type.GetGenericArguments()[0] : typeof(object);
                for (var i = 0; i < array.Count; i++)
                    Compare(array[i], Activator.CreateInstance(elementType), elementType, $"{path}:{i}", differences);
                break;
            case JsonValue value:
                if (!SameValue(value, initial, type))
                    differences.Add(new Difference(path, $"states {value.ToJsonString()}, the initializer is {Display(initial)}"));
                break;
            default:
                // An optional setting (a price limit, say) is stated as null when its default is none.
                if (initial is not null) differences.Add(new Difference(path, $"states null, the initializer is {Display(initial)}"));
                break;
        }
    }

    private static bool SameValue(JsonValue value, object? initial, Type type)
    {
        var kind = value.GetValueKind();
        if (type == typeof(string)) return kind == JsonValueKind.String && value.GetValue<string>() == (string?)initial;
        if (type == typeof(bool)) return kind is JsonValueKind.True or JsonValueKind.False && value.GetValue<bool>() == (bool)initial!;
        if (type.IsEnum)
        {
            return kind == JsonValueKind.String
                ? Enum.TryParse(type, value.GetValue<string>(), ignoreCase: true, out var parsed) && parsed.Equals(initial)
                : kind == JsonValueKind.Number && Convert.ToInt64(initial, CultureInfo.InvariantCulture) == value.GetValue<long>();
        }

        if (type == typeof(decimal) || type == typeof(double) || type == typeof(int) || type == typeof(long))
        {
            return kind == JsonValueKind.Number
                && decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture) == Convert.ToDecimal(initial, CultureInfo.InvariantCulture);
        }

        throw new InvalidOperationException($"No comparison for settings of type {type.Name}; teach {nameof(DefaultsTests)} how to compare it.");
    }

    private static string Display(object? value) => value switch
    {
        null => "null",
        string s => JsonSerializer.Serialize(s),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Settable properties, as the configuration binder sees them (names ignore case).</summary>
    private static PropertyInfo? Property(Type type, string name) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .FirstOrDefault(p => p.CanWrite && p.GetIndexParameters().Length == 0 && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    private static Type? DictionaryValueType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>) ? type.GetGenericArguments()[1] : null;

    // ------------------------------------------------------------------ completeness of the example

    /// <summary>Every leaf setting of an options type as a path; list elements as <c>*</c>, their nested grid left out.</summary>
    private static IEnumerable<string> SettingPaths(Type type, string prefix)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetIndexParameters().Length == 0))
        {
            var path = $"{prefix}:{property.Name}";
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (DictionaryValueType(propertyType) is not null || IsLeaf(propertyType))
            {
                yield return path;
            }
            else if (propertyType.IsGenericType && propertyType.GetGenericTypeDefinition() == typeof(List<>))
            {
                foreach (var element in SettingPaths(propertyType.GetGenericArguments()[0], path + ":*"))
                {
                    // A market's own grid may override any grid setting; the example shows one, not all of them.
                    if (!element.Contains(":*:Grid:", StringComparison.Ordinal)) yield return element;
                }
            }
            else if (property.DeclaringType == typeof(Core.Configuration.MarketOptions) && propertyType == typeof(GridSettings))
            {
                yield return path;
            }
            else
            {
                foreach (var nested in SettingPaths(propertyType, path)) yield return nested;
            }
        }
    }

    private static bool IsLeaf(Type type) => type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal);

    /// <summary>True when the file has the key, even with the value null (an optional setting stated as "none").</summary>
    private static bool IsStated(JsonNode file, string path)
    {
        IEnumerable<JsonNode?> nodes = [file];
        var parts = path.Split(':');
        for (var i = 0; i < parts.Length - 1; i++)
        {
            var part = parts[i];
            nodes = part == "*"
                ? nodes.OfType<JsonArray>().SelectMany(a => a)
                : nodes.OfType<JsonObject>().Select(o => o.FirstOrDefault(kv => string.Equals(kv.Key, part, StringComparison.OrdinalIgnoreCase)).Value);
        }

        var last = parts[^1];
        return last == "*"
            ? nodes.OfType<JsonArray>().Any(a => a.Count > 0)
            : nodes.OfType<JsonObject>().Any(o => o.Any(kv => string.Equals(kv.Key, last, StringComparison.OrdinalIgnoreCase)));
    }
}
