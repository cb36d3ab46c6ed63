using System.Text.Json;
using GridTrader.Hosting;

namespace GridTrader.Cli;

/// <summary>Talks to a running bot through its local API (the same calls the dashboard makes).</summary>
internal sealed class BotApiClient(DataPaths paths, string configuredUrl) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(40) };

    public string BaseUrl { get; } = (File.Exists(paths.UrlFile) ? File.ReadAllText(paths.UrlFile).Trim() : configuredUrl).TrimEnd('/');

    /// <summary>GET a JSON document; null when no bot answers.</summary>
    public async Task<JsonDocument?> GetAsync(string path, CancellationToken ct)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, BaseUrl + path);
            AddToken(request);
            using var response = await _http.SendAsync(request, ct);
            if (!response.IsSuccessStatusCode) return null;
            return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>POST a control call; null when no bot answers, else the status code and body.</summary>
    public async Task<(int Status, string Body)?> PostAsync(string path, object body, CancellationToken ct)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, BaseUrl + path) { Content = JsonContent.Create(body) };
            AddToken(request);
            using var response = await _http.SendAsync(request, ct);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct));
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
    }

    private void AddToken(HttpRequestMessage request)
    {
        if (DashboardToken.TryRead(paths) is { } token) request.Headers.Add(DashboardToken.HeaderName, token);
    }

    public void Dispose() => _http.Dispose();
}
