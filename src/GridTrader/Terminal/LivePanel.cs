using GridTrader.Engine.Live;
using Spectre.Console;

namespace GridTrader.Terminal;

/// <summary>
/// Where <c>run</c> writes while the bot trades: a live panel redrawn every second in a terminal, or nothing of its own
/// when the output is piped or a service's (then the log's folded warning lines are all there is).
/// </summary>
internal static class LivePanel
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(1);

    /// <summary>
    /// True when standard output and error are a terminal that understands cursor movement: the panel can redraw in place.
    /// Piped, redirected to a file, under systemd or <c>TERM=dumb</c>, <c>run</c> prints plain lines instead.
    /// </summary>
    public static bool Fits(IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        return !Console.IsOutputRedirected && !Console.IsErrorRedirected
               && console.Profile.Capabilities is { Interactive: true, Ansi: true };
    }

    /// <summary>Redraws the panel until <paramref name="engine"/> ends (stopped, failed or the replay done).</summary>
    public static Task ShowAsync(IAnsiConsole console, Func<EngineSnapshot?> snapshot, PanelFeed feed, string? dashboardUrl, Task engine,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(engine);
        return console.Live(StatusPanel.Render(snapshot(), feed, dashboardUrl, console.Profile.Width))
            .AutoClear(false)
            .Overflow(VerticalOverflow.Ellipsis)
            .StartAsync(async context =>
            {
                while (!engine.IsCompleted && !ct.IsCancellationRequested)
                {
                    // Wall-clock refresh, also in a replay whose engine clock runs faster.
                    await Task.WhenAny(engine, Task.Delay(Refresh, TimeProvider.System, ct)).ConfigureAwait(false);
                    context.UpdateTarget(StatusPanel.Render(snapshot(), feed, dashboardUrl, console.Profile.Width));
                    context.Refresh();
                }
            });
    }
}
