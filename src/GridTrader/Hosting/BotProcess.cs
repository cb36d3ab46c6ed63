namespace GridTrader.Hosting;

/// <summary>
/// The moving parts of a started bot: its dashboard, the candle replay (simulated mode) and the engine loop. They
/// start together and stop together; <c>run</c> and the end-to-end tests drive a bot through this one type.
/// </summary>
internal sealed class BotProcess : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly WebApplication? _web;
    private readonly Task _replay;
    private bool _stopped;

    private BotProcess(BotRuntime runtime, CancellationTokenSource stop, WebApplication? web, string? dashboardUrl)
    {
        Runtime = runtime;
        _stop = stop;
        _web = web;
        DashboardUrl = dashboardUrl;
        _replay = runtime.Replay?.RunAsync(stop.Token) ?? Task.CompletedTask;
        Engine = runtime.Engine.RunAsync(stop.Token);
    }

    public BotRuntime Runtime { get; }

    /// <summary>The URL the dashboard listens on (null when it is disabled).</summary>
    public string? DashboardUrl { get; }

    /// <summary>The engine loop: completes when the bot stops (cancelled, or the end of a replay).</summary>
    public Task Engine { get; }

    /// <summary>True when the engine stopped because <see cref="StopAsync"/> or the caller's token asked it to.</summary>
    public bool StopRequested => _stop.IsCancellationRequested;

    /// <summary>Starts the dashboard (when enabled), then the replay and the engine loop.</summary>
    public static async Task<BotProcess> StartAsync(BotRuntime runtime, CancellationToken ct)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        WebApplication? web = null;
        string? url = null;
        try
        {
            if (runtime.Config.Host.Dashboard.Enabled)
            {
                web = await DashboardServer.StartAsync(runtime, stop.Token);
                url = (await File.ReadAllTextAsync(runtime.Paths.UrlFile, stop.Token)).Trim();
            }
        }
        catch (Exception ex)
        {
            if (web is not null) await web.DisposeAsync();
            stop.Dispose();
            if (DashboardPreflight.Explain(runtime.Config.Host.Dashboard.Url, ex) is { } problem) throw new RuntimeSetupException(problem, ex);
            throw;
        }

        return new BotProcess(runtime, stop, web, url);
    }

    /// <summary>Stops the engine (orders stay where they are; the next start reconciles), the replay and the dashboard.</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await _stop.CancelAsync();
        try
        {
            await Engine;
        }
        catch (Exception ex) when (ex is OperationCanceledException || Engine.IsFaulted)
        {
            // Stopping is what was asked for; a failure is the caller's to see through Engine.
        }

        try
        {
            await _replay;
        }
        catch (OperationCanceledException)
        {
            // The replay stops with the bot.
        }

        if (_web is not null)
        {
            await _web.StopAsync(CancellationToken.None);
            await _web.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }
}
