using System.Globalization;
using System.Text.RegularExpressions;

namespace GridTrader.Integration.Tests.Operations;

/// <summary>One sample line: metric name, labels, value.</summary>
internal sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>A metric family: its declared type and help, and its samples.</summary>
internal sealed record PrometheusFamily(string Name, string Type, string Help, List<PrometheusSample> Samples);

/// <summary>
/// A strict reader of the Prometheus text exposition format (version 0.0.4): every line must be a HELP, a TYPE, a comment
/// or a sample of a family declared before it; names, label syntax and values are checked. Anything else is a
/// <see cref="FormatException"/> naming the line.
/// </summary>
internal static partial class PrometheusText
{
    private static readonly string[] Types = ["counter", "gauge", "histogram", "summary", "untyped"];

    public static IReadOnlyDictionary<string, PrometheusFamily> Parse(string text)
    {
        var families = new Dictionary<string, PrometheusFamily>(StringComparer.Ordinal);
        var helps = new Dictionary<string, string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in text.Split('\n'))
        {
            number++;
            if (line.Length == 0) continue;
            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                var parts = line[7..].Split(' ', 2);
                Check(Name().IsMatch(parts[0]), number, line, "bad metric name in HELP");
                helps[parts[0]] = parts.Length > 1 ? parts[1] : "";
                continue;
            }

            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line[7..].Split(' ');
                Check(parts.Length == 2 && Name().IsMatch(parts[0]) && Types.Contains(parts[1]), number, line, "bad TYPE line");
                Check(!families.ContainsKey(parts[0]), number, line, "family declared twice");
                families[parts[0]] = new PrometheusFamily(parts[0], parts[1], helps.GetValueOrDefault(parts[0], ""), []);
                continue;
            }

            if (line.StartsWith('#')) continue;
            var match = Sample().Match(line);
            Check(match.Success, number, line, "not a sample line");
            var name = match.Groups["name"].Value;
            var labels = ParseLabels(match.Groups["labels"].Value, number, line);
            var value = ParseValue(match.Groups["value"].Value, number, line);
            var family = FamilyOf(families, name);
            Check(family is not null, number, line, "sample of an undeclared family");
            family!.Samples.Add(new PrometheusSample(name, labels, value));
        }

        return families;
    }

    private static PrometheusFamily? FamilyOf(Dictionary<string, PrometheusFamily> families, string name)
    {
        if (families.TryGetValue(name, out var exact)) return exact;
        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && families.TryGetValue(name[..^suffix.Length], out var f)
                && f.Type is "histogram" or "summary")
                return f;
        }

        return null;
    }

    private static Dictionary<string, string> ParseLabels(string text, int number, string line)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var position = 0;
        while (position < text.Length)
        {
            var m = Label().Match(text, position);
            Check(m.Success && m.Index == position, number, line, "bad label syntax");
            var key = m.Groups["key"].Value;
            Check(labels.TryAdd(key, Regex.Unescape(m.Groups["value"].Value)), number, line, "label repeated");
            position += m.Length;
            if (position < text.Length)
            {
                Check(text[position] == ',', number, line, "labels not separated by a comma");
                position++;
            }
        }

        return labels;
    }

    private static double ParseValue(string text, int number, string line) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw Error(number, line, "bad value"),
    };

    private static void Check(bool condition, int number, string line, string problem)
    {
        if (!condition) throw Error(number, line, problem);
    }

    private static FormatException Error(int number, string line, string problem) => new($"line {number}: {problem}: {line}");

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex Name();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>([^""}]|""(\\.|[^""\\])*"")*)\})? (?<value>\S+)( -?\d+)?$")]
    private static partial Regex Sample();

    [GeneratedRegex(@"(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(\\.|[^""\\])*)""")]
    private static partial Regex Label();
}
