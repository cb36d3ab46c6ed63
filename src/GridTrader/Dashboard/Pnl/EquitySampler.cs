using GridTrader.Engine.Live;

namespace GridTrader.Dashboard.Pnl;

/// <summary>Feeds the equity curve from the engine's published snapshot a few times a second while the dashboard runs.</summary>
internal sealed class EquitySampler(Func<EngineSnapshot?> snapshot, EquityHistory history) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (snapshot() is { } s) history.Observe(s);
            try
            {
                await Task.Delay(Period, TimeProvider.System, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
