using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GridTrader.Exchanges.Firi;
using GridTrader.FiriMock;
using GridTrader.FiriMock.Api;
using GridTrader.FiriMock.Auth;
using Microsoft.Extensions.Logging.Abstractions;

namespace GridTrader.Exchanges.Tests.FiriMock;

/// <summary>
/// An in-process <see cref="FiriMockServer"/> on 127.0.0.1 (free port), a <see cref="FiriClient"/> talking to it
/// over real HTTP, and helpers for raw signed requests and the admin API. Prices are scripted (they move only
/// when a test moves them): BTCNOK 1 000 000.00, ETHNOK 30 000.00. Both sides use the system clock, the client
/// neither paces nor waits between retries.
/// </summary>
internal sealed class MockHarness : IAsyncDisposable
{
    public const string ApiKey = "ak-mock-4e1f9c";
    public const string ClientId = "cid-mock-7a2d05";
    public const string Secret = "sk-mock-b83c61e0f2";
    public const string ReadOnlyApiKey = "ak-mock-readonly-19";
    public const string ReadOnlyClientId = "cid-mock-readonly-6b";
    public const string ReadOnlySecret = "sk-mock-readonly-d4";

    private readonly List<HttpClient> _clients = [];

    private MockHarness(FiriMockServer server, HttpClient http)
    {
        Server = server;
        Http = http;
    }

    public FiriMockServer Server { get; }

    /// <summary>Plain HTTP to the mock: admin calls and hand-built requests.</summary>
    public HttpClient Http { get; }

    public FiriClient Client { get; private set; } = null!;

    public Uri BaseAddress => Server.BaseAddress;

    public static FiriCredentials Credentials => new(ApiKey, ClientId, Secret);

    public static FiriCredentials ReadOnlyCredentials => new(ReadOnlyApiKey, ReadOnlyClientId, ReadOnlySecret);

    public static FiriMockOptions DefaultOptions()
    {
        var options = new FiriMockOptions { Port = 0, PriceSource = MockPriceSource.Scripted, Seed = 7 };
        options.Keys.Add(new MockApiKey(ApiKey, ClientId, Secret));
        options.Keys.Add(new MockApiKey(ReadOnlyApiKey, ReadOnlyClientId, ReadOnlySecret, MockPermissions.Read));
        return options;
    }

    public static FiriClientOptions FastClientOptions() => new()
    {
        RequestsPerSecond = 0,
        AutoSyncClock = false,
        RetryBaseDelay = TimeSpan.Zero,
        RetryJitter = 0,
        Timeout = TimeSpan.FromSeconds(10),
    };

    public static async Task<MockHarness> StartAsync(Action<FiriMockOptions>? mock = null, Action<FiriClientOptions>? client = null,
        FiriCredentials? credentials = null)
    {
        var options = DefaultOptions();
        mock?.Invoke(options);
        var server = new FiriMockServer();
        var url = await server.StartAsync(options);
        var harness = new MockHarness(server, new HttpClient { BaseAddress = url });
        harness.Client = harness.NewClient(client, credentials ?? Credentials);
        return harness;
    }

    /// <summary>A fresh client with its own connections, as after a restart of the bot.</summary>
    public FiriClient NewClient(Action<FiriClientOptions>? configure = null, FiriCredentials? credentials = null,
        TimeProvider? time = null)
    {
        var options = FastClientOptions();
        configure?.Invoke(options);
        var http = new HttpClient { BaseAddress = BaseAddress };
        _clients.Add(http);
        return new FiriClient(http, time ?? TimeProvider.System, NullLogger<FiriClient>.Instance, options, credentials ?? Credentials);
    }

    public async Task<MockStateDto> StateAsync()
    {
        var bytes = await Http.GetByteArrayAsync("admin/state");
        return JsonSerializer.Deserialize(bytes, MockJsonContext.Default.MockStateDto)!;
    }

    /// <summary>Requests the mock saw on one route (e.g. "GET /v2/balances"), faulted ones included.</summary>
    public async Task<long> AttemptsAsync(string route) => (await StateAsync()).RequestsByRoute.GetValueOrDefault(route);

    public async Task SetFaultsAsync(string spec, int? seed = null)
    {
        using var response = await Http.PostAsJsonAsync("admin/faults", new FaultsRequest(spec, seed), MockJsonContext.Default.FaultsRequest);
        response.EnsureSuccessStatusCode();
    }

    public async Task<HttpResponseMessage> MovePriceAsync(string market, decimal price, decimal? volume = null)
    {
        var response = await Http.PostAsJsonAsync("admin/price", new PriceRequest(market, price, volume), MockJsonContext.Default.PriceRequest);
        response.EnsureSuccessStatusCode();
        return response;
    }

    /// <summary>
    /// A request signed the way docs/firi-api.md ("Signing") describes: <c>?timestamp=&amp;validity=</c>, client id and signature headers
    /// with <paramref name="prefix"/>. The signature covers <paramref name="signedPayload"/> when given, else the
    /// body, else <c>{"timestamp","validity"}</c>.
    /// </summary>
    public static HttpRequestMessage Signed(HttpMethod method, string path, string? body = null, long? timestamp = null,
        string validity = "2000", string secret = Secret, string clientId = ClientId, string prefix = "firi-",
        string? signedPayload = null)
    {
        var ts = (timestamp ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture);
        var payload = signedPayload is not null ? Encoding.UTF8.GetBytes(signedPayload)
            : body is not null ? Encoding.UTF8.GetBytes(body)
            : FiriSigner.AuthPayload(ts, validity);
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var request = new HttpRequestMessage(method, $"{path.TrimStart('/')}{separator}timestamp={ts}&validity={validity}");
        request.Headers.Add(prefix + "user-clientid", clientId);
        request.Headers.Add(prefix + "user-signature", FiriSigner.Sign(secret, payload));
        if (body is not null) request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) { Headers = { ContentType = new("application/json") } };
        return request;
    }

    /// <summary>Sends a request and returns status and body text.</summary>
    public async Task<(int Status, string Body)> SendAsync(HttpRequestMessage request)
    {
        using (request)
        using (var response = await Http.SendAsync(request))
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The <c>name</c> of a Firi error body.</summary>
    public static string? ErrorName(string body) =>
        JsonDocument.Parse(body).RootElement.TryGetProperty("name", out var name) ? name.GetString() : null;

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients) client.Dispose();
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
