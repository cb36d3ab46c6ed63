using System.Collections.Concurrent;
using GridTrader.FiriMock.Auth;
using GridTrader.FiriMock.Faults;
using GridTrader.FiriMock.Market;

namespace GridTrader.FiriMock.Api;

/// <summary>Requests seen per route (<c>"GET /v2/balances"</c>), faulted ones included: how tests count retries.</summary>
internal sealed class RequestCounter
{
    private readonly ConcurrentDictionary<string, long> _byRoute = new(StringComparer.Ordinal);
    private long _total;

    public long Total => Interlocked.Read(ref _total);

    public IReadOnlyDictionary<string, long> ByRoute =>
        new SortedDictionary<string, long>(_byRoute, StringComparer.Ordinal);

    public void Count(string route)
    {
        Interlocked.Increment(ref _total);
        _byRoute.AddOrUpdate(route, 1, static (_, n) => n + 1);
    }

    public void Clear()
    {
        _byRoute.Clear();
        Interlocked.Exchange(ref _total, 0);
    }
}

/// <summary>What the endpoints share: the exchange, auth, faults, counters, options and the mock's clock.</summary>
internal sealed class MockServices(
    FiriMockOptions options,
    MockExchange exchange,
    MockAuthenticator auth,
    FaultInjector faults,
    RequestCounter requests,
    ILogger logger)
{
    public FiriMockOptions Options { get; } = options;
    public MockExchange Exchange { get; } = exchange;
    public MockAuthenticator Auth { get; } = auth;
    public FaultInjector Faults { get; } = faults;
    public RequestCounter Requests { get; } = requests;
    public ILogger Logger { get; } = logger;

    /// <summary>Cancelled when the server stops, so held answers (latency, lost creates) end with it.</summary>
    public CancellationToken Stopping { get; init; }
}
