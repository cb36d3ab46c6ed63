using System.Collections.Concurrent;
using GridTrader.Exchanges.Firi;

namespace GridTrader.Exchanges.Http;

/// <summary>
/// One request limiter per host (scheme, host and port), shared by every client built with the same registry: the
/// trading client, the warm start's history reads and <c>doctor</c> all draw from one budget for Firi, and the
/// reference candle source has its own. The first client to name a host sets its rate and burst; later ones share
/// that bucket. Each limiter is a <see cref="FiriRequestPacer"/> on the registry's <see cref="TimeProvider"/>.
/// </summary>
public sealed class HostPacers(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Entry> _byHost = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The limiters created so far: host, sustained rate and burst.</summary>
    public IReadOnlyList<(string Host, double RequestsPerSecond, int Burst)> Hosts =>
        [.. _byHost.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => (e.Key, e.Value.Rate, e.Value.Burst))];

    /// <summary>The limiter of <paramref name="uri"/>'s host, created with the given rate and burst when it is the first.</summary>
    internal FiriRequestPacer For(Uri uri, double ratePerSecond, int burst)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return _byHost.GetOrAdd(Key(uri), _ => new Entry(new FiriRequestPacer(time, ratePerSecond, burst), ratePerSecond, burst)).Pacer;
    }

    /// <summary>The host part that identifies one budget: <c>https://api.firi.com:443</c>.</summary>
    public static string Key(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return $"{uri.Scheme}://{uri.Host}:{uri.Port}";
    }

    private sealed record Entry(FiriRequestPacer Pacer, double Rate, int Burst);
}
