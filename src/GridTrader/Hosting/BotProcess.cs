using GridTrader.Configuration;
using GridTrader.Dashboard.Pnl;
using GridTrader.Control;

namespace GridTrader.Hosting;

/// <summary>
/// The moving parts of a started bot: its dashboard, the candle replay (simulated mode), the engine loop, the P&amp;L
/// history recorder and, when enabled, Telegram control. They start together and stop together; <c>run</c> and the
/// end-to-end tests drive a bot through this one type.
/// </summary>
internal sealed class BotProcess : IAsyncDisposable
{
    /// <summary>Points the in-memory equity curve keeps (the database keeps more, see Dashboard:HistoryMaxSamples).</summary>
    private const int CurveCapacity = 2000;

    private readonly CancellationTokenSource _stop;
    private readonly WebApplication? _web;
    private readonly TelegramControl? _telegram;
    private readonly Task _replay;
    private readonly Task _recording;
    private readonly Task _control;
    private bool _stopped;

    private BotProcess(BotRuntime runtime, CancellationTokenSource stop, WebApplication? web, string? dashboardUrl, PnlRecorder history,
        TelegramControl? telegram)
    {
        Runtime = runtime;
        _stop = stop;
        _web = web;
        _telegram = telegram;
        DashboardUrl = dashboardUrl;
        History = history;
        _replay = runtime.Replay?.RunAsync(stop.Token) ?? Task.CompletedTask;
        Engine = runtime.Engine.RunAsync(stop.Token);
        _recording = history.RunAsync(stop.Token);
        _control = telegram?.RunAsync(stop.Token) ?? Task.CompletedTask;
    }

    public BotRuntime Runtime { get; }

    /// <summary>The URL the dashboard listens on (null when it is disabled).</summary>
    public string? DashboardUrl { get; }

    /// <summary>The equity curve and P&amp;L series, stored in the bot's database.</summary>
    public PnlRecorder History { get; }

    /// <summary>The engine loop: completes when the bot stops (cancelled, or the end of a replay).</summary>
    public Task Engine { get; }

    /// <summary>True when the engine stopped because <see cref="StopAsync"/> or the caller's token asked it to.</summary>
    public bool StopRequested => _stop.IsCancellationRequested;

    /// <summary>Puts the stored history back, starts the dashboard (when enabled), then the replay, the engine loop and the rest.</summary>
    public static async Task<BotProcess> StartAsync(BotRuntime runtime, CancellationToken ct)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var host = runtime.Config.Host;
        var history = new PnlRecorder(runtime.Store, () => runtime.Engine.Snapshot, new EquityHistory(CurveCapacity, runtime.Options.Fees().Rate),
            TimeSpan.FromSeconds(host.Dashboard.HistorySampleSeconds), host.Dashboard.HistoryMaxSamples, TimeProvider.System,
            runtime.LoggerFactory.CreateLogger("GridTrader.Dashboard"));
        WebApplication? web = null;
        string? url = null;
        TelegramControl? telegram = null;
        try
        {
            await history.LoadAsync(stop.Token);
            if (host.Dashboard.Enabled)
            {
                web = await DashboardServer.StartAsync(runtime, history, stop.Token);
                url = (await File.ReadAllTextAsync(runtime.Paths.UrlFile, stop.Token)).Trim();
            }

            telegram = TelegramControl.Create(runtime);
        }
        catch (Exception ex)
        {
            telegram?.Dispose();
            if (web is not null) await web.DisposeAsync();
            stop.Dispose();
            if (DashboardPreflight.Explain(runtime.Config.Host.Dashboard.Url, ex) is { } problem) throw new RuntimeSetupException(problem, ex);
            throw;
        }

        return new BotProcess(runtime, stop, web, url, history, telegram);
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

        foreach (var task in new[] { _replay, _recording, _control })
        {
            try
            {
                await task;
            }
            catch (OperationCanceledException)
            {
                // These stop with the bot.
            }
        }

        // The engine has published its last snapshot: the history keeps it.
        await History.FlushAsync(final: true, CancellationToken.None);
        _telegram?.Dispose();

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
