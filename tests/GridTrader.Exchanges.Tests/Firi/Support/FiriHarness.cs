using GridTrader.Exchanges.Firi;
using Microsoft.Extensions.Time.Testing;

namespace GridTrader.Exchanges.Tests.Firi.Support;

/// <summary>
/// A Firi client wired to a <see cref="FiriTestServer"/> on 127.0.0.1 and a <see cref="FakeTimeProvider"/>
/// standing at the reference's test-vector time. Defaults keep tests fast and exact: no pacing, no
/// clock sync, zero retry delays, no jitter.
/// </summary>
internal sealed class FiriHarness : IAsyncDisposable
{
    /// <summary>The reference's test-vector timestamp (2021-09-29T22:28:08Z).</summary>
    public const long VectorTimestamp = 1632954488;

    public const string VectorSecret = "RTk2eNs67Vpan3345pmrwYEBYsWXRXtGF3BKTFq8WMLLOLOL";
    public const string TestClientId = "cid-93ab71c2d4e5f60718";
    public const string TestApiKey = "ak-5f1c0e7d9b2a4c6e8f00d1";

    private volatile bool _clientWaits;

    private FiriHarness(FiriTestServer server, FakeTimeProvider time, CapturingLogger<FiriClient> log, HttpClient http,
        FiriClientOptions options, FiriClient client)
    {
        Server = server;
        Time = time;
        Log = log;
        Http = http;
        Options = options;
        Client = client;

        // The client waits on a timer between announcing a retry or a pacing delay and its next request.
        log.Logged += entry =>
        {
            switch (entry.EventId.Name)
            {
                case "firi.retry" or "firi.paced":
                    _clientWaits = true;
                    break;
                case "firi.request":
                    _clientWaits = false;
                    break;
            }
        };
    }

    public FiriTestServer Server { get; }

    public FakeTimeProvider Time { get; }

    public CapturingLogger<FiriClient> Log { get; }

    public HttpClient Http { get; }

    public FiriClientOptions Options { get; }

    public FiriClient Client { get; }

    public static FiriCredentials Credentials(bool withApiKey = true) =>
        new(withApiKey ? TestApiKey : null, TestClientId, VectorSecret);

    public static FiriClientOptions FastOptions() => new()
    {
        RequestsPerSecond = 0,
        AutoSyncClock = false,
        RetryBaseDelay = TimeSpan.Zero,
        RetryJitter = 0,
    };

    public static async Task<FiriHarness> StartAsync(Action<FiriClientOptions>? configure = null, FiriCredentials? credentials = null,
        bool anonymous = false)
    {
        var server = await FiriTestServer.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(VectorTimestamp));
        var log = new CapturingLogger<FiriClient>();
        var options = FastOptions();
        configure?.Invoke(options);
        var http = new HttpClient { BaseAddress = server.BaseAddress };
        var client = new FiriClient(http, time, log, options, anonymous ? null : credentials ?? Credentials());
        return new FiriHarness(server, time, log, http, options, client);
    }

    /// <summary>
    /// Advances virtual time in small steps until <paramref name="task"/> completes, and returns the
    /// virtual time that passed. Time moves only while the client waits on a backoff or pacing timer, never
    /// while a request is in flight, so a slow machine cannot make a per-attempt timeout fire.
    /// </summary>
    public async Task<TimeSpan> AdvanceUntilDoneAsync(Task task, TimeSpan step, TimeSpan limit)
    {
        var start = Time.GetUtcNow();
        var realDeadline = DateTime.UtcNow.AddSeconds(30);
        while (!task.IsCompleted)
        {
            if (Time.GetUtcNow() - start > limit) throw new TimeoutException($"Not done after {limit} of virtual time.");
            if (DateTime.UtcNow > realDeadline) throw new TimeoutException("Not done after 30 s of real time.");
            if (_clientWaits) Time.Advance(step);
            await Task.WhenAny(task, Task.Delay(2));
        }

        await task;
        return Time.GetUtcNow() - start;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
