namespace GridTrader.Soak;

/// <summary>How long and how hard a soak runs.</summary>
/// <param name="Kills">SIGKILLs before the last, graceful run.</param>
/// <param name="Seed">Seeds the price walk, the kill moments and the mock's fault dice: the same seed replays the same soak.</param>
/// <param name="Faults">The mock's fault specification while the bot trades (src/GridTrader.FiriMock/README.md).</param>
public sealed record SoakProfile(int Kills, int Seed = 20261203, string Faults = SoakProfile.DefaultFaults)
{
    /// <summary>
    /// Lost create answers (dropped, or held past the client's timeout), 5xx with JSON and with an HTML page, 429 with
    /// Retry-After, dropped connections, latency on every call and slow cancels.
    /// </summary>
    public const string DefaultFaults =
        "lost-create=0.15;lost-create-delay=3s;5xx=0.04;html=0.02;429=0.02;drop=0.02;latency=2-30ms;latency:DELETE/v2/orders*=200-1200ms";

    /// <summary>The profile CI runs: at least thirty kills.</summary>
    public static SoakProfile Ci { get; } = new(30);

    /// <summary>The long profile (a thousand kills), run on demand.</summary>
    public static SoakProfile OnDemand { get; } = new(1000);
}
