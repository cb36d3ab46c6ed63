using System.Threading.Channels;
using GridTrader.Core.Accounting;
using GridTrader.Engine.Trading;

namespace GridTrader.Integration.Tests.Dashboard;

/// <summary>Records each fill the engine applies with the wall-clock instant it happened (the browser shares this clock).</summary>
internal sealed class FillWatch : IEngineObserver
{
    private readonly Channel<(Fill Fill, DateTimeOffset At)> _fills = Channel.CreateUnbounded<(Fill, DateTimeOffset)>();

    public void OnFill(Fill fill, decimal realizedPnl) => _fills.Writer.TryWrite((fill, TimeProvider.System.GetUtcNow()));

    /// <summary>Forgets the fills so far, so <see cref="NextAsync"/> waits for a new one.</summary>
    public void Clear()
    {
        while (_fills.Reader.TryRead(out _))
        {
            // drained
        }
    }

    public async Task<(Fill Fill, DateTimeOffset At)> NextAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        return await _fills.Reader.ReadAsync(limit.Token);
    }
}
