using System.Text;
using System.Text.Json;

namespace GridTrader.Integration.Tests.Dashboard;

/// <summary>One Server-Sent Event as received.</summary>
internal sealed record SseEvent(string? Id, string Name, string Data)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement;
}

/// <summary>Reads <c>/api/stream</c> as a browser would: the text/event-stream format, one event per blank line.</summary>
internal sealed class SseClient : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseClient(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public static async Task<SseClient> ConnectAsync(HttpClient http, string path = "/api/stream", string? lastEventId = null,
        string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        if (token is not null) request.Headers.Add(Hosting.DashboardToken.HeaderName, token);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode}");
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8);
        return new SseClient(response, reader);
    }

    /// <summary>The next event (comments and the retry field skipped); fails after <paramref name="timeout"/>.</summary>
    public async Task<SseEvent> NextAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        string? id = null;
        var name = "message";
        var data = new List<string>();
        while (true)
        {
            var line = await _reader.ReadLineAsync(limit.Token) ?? throw new EndOfStreamException("The stream ended.");
            if (line.Length == 0)
            {
                if (data.Count > 0) return new SseEvent(id, name, string.Join('\n', data));
                id = null;
                name = "message";
                continue;
            }

            if (line.StartsWith(':')) continue;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id": id = value; break;
                case "event": name = value; break;
                case "data": data.Add(value); break;
            }
        }
    }

    /// <summary>The next event named <paramref name="name"/>, skipping others.</summary>
    public async Task<SseEvent> NextAsync(string name, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) throw new TimeoutException($"No '{name}' event within {timeout}.");
            var e = await NextAsync(left);
            if (e.Name == name) return e;
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
