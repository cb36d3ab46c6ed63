using System.Diagnostics;
using System.Diagnostics.Metrics;
using GridTrader.Exchanges.Abstractions;

namespace GridTrader.Exchanges.Firi;

/// <summary>
/// Firi requests as .NET metrics (<see cref="MeterName"/>): one count per HTTP attempt by route, method and outcome,
/// and the attempt's latency. The host decides how to publish them (the bot exports them to Prometheus); this project
/// only records, so it stays free of any exporter.
/// </summary>
public static class FiriMetrics
{
    public const string MeterName = "GridTrader.Firi";

    /// <summary>Outcome tag of an attempt that got a 2xx answer.</summary>
    public const string Ok = "ok";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Requests = Meter.CreateCounter<long>("requests", unit: "{request}",
        description: "Firi HTTP attempts by route, method and outcome (ok, or the error kind).");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("request_duration_seconds", unit: "s",
        description: "Firi HTTP attempt latency in seconds, until the answer was read or the attempt failed.");

    /// <summary>Records one attempt. <paramref name="path"/> is the request path; ids and symbols are folded into the route.</summary>
    internal static void Record(string path, HttpMethod method, string outcome, TimeSpan elapsed)
    {
        var route = Route(path);
        var tags = new TagList { { "route", route }, { "method", method.Method }, { "outcome", outcome } };
        Requests.Add(1, tags);
        Duration.Record(elapsed.TotalSeconds, new TagList { { "route", route }, { "method", method.Method } });
    }

    /// <summary>The outcome tag of a failed attempt: the error kind in lower case.</summary>
    internal static string Outcome(ExchangeError error) => error.Kind.ToString().ToLowerInvariant();

    /// <summary>
    /// The path with its variable segments replaced, so the number of label values stays small: digits become
    /// <c>{id}</c>, a market symbol (the client writes them in upper case) becomes <c>{market}</c>.
    /// </summary>
    public static string Route(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var segments = path.Trim('/').Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var s = segments[i];
            if (s.Length > 0 && s.All(char.IsAsciiDigit)) segments[i] = "{id}";
            else if (s.Any(char.IsAsciiLetterUpper)) segments[i] = "{market}";
        }

        return "/" + string.Join('/', segments);
    }
}
