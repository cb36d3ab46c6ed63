using GridTrader.Engine.Live;
using GridTrader.Storage;

namespace GridTrader.Dashboard.Pnl;

/// <summary>
/// Keeps the equity curve and the P&amp;L series: samples the engine's snapshot a few times a second into the in-memory
/// <see cref="Equity"/> the P&amp;L tab shows, and stores one point per sample interval of engine time in the bot's
/// database, in batches, so a restart shows the whole history (<see cref="LoadAsync"/> puts it back). Storing never
/// stops the bot: a failed write is logged and retried with the next batch.
/// </summary>
internal sealed partial class PnlRecorder(SqliteStore store, Func<EngineSnapshot?> snapshot, EquityHistory equity, TimeSpan sampleInterval,
    int maxSamples, TimeProvider wallClock, ILogger logger)
{
    private static readonly TimeSpan ObservePeriod = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan FlushPeriod = TimeSpan.FromSeconds(2);

    private readonly Lock _lock = new();
    private readonly List<PnlSample> _pending = [];
    private DateTimeOffset _lastQueued = DateTimeOffset.MinValue;
    private bool _baselineStored;

    public EquityHistory Equity { get; } = equity;

    /// <summary>Points stored so far by this process (for tests and diagnostics).</summary>
    public int Stored { get; private set; }

    /// <summary>Puts the stored history back into <see cref="Equity"/>; call once, before the loop starts.</summary>
    public async Task LoadAsync(CancellationToken ct)
    {
        var baseline = await store.LoadPnlBaselineAsync(ct);
        var samples = await store.LoadPnlSamplesAsync(ct);
        if (baseline is null) return;
        _baselineStored = true;
        Equity.Seed(new EquityBaseline(baseline.Time, baseline.Equity, baseline.Prices),
            samples.Select(p => new EquityPoint(p.Time, p.Equity, p.BuyAndHold, p.RealizedPnl, p.Fees, p.UnrealizedPnl)));
        if (samples.Count > 0) _lastQueued = samples[^1].Time;
    }

    /// <summary>Observes a few times a second and stores every couple of seconds, until cancelled.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var nextFlush = wallClock.GetUtcNow() + FlushPeriod;
        while (!ct.IsCancellationRequested)
        {
            if (snapshot() is { } s) Observe(s);
            if (wallClock.GetUtcNow() >= nextFlush)
            {
                await FlushAsync(final: false, ct);
                nextFlush = wallClock.GetUtcNow() + FlushPeriod;
            }

            try
            {
                await Task.Delay(ObservePeriod, wallClock, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Feeds one snapshot to the curve and queues a stored point when one is due (engine time).</summary>
    public void Observe(EngineSnapshot s)
    {
        ArgumentNullException.ThrowIfNull(s);
        Equity.Observe(s);
        if (Equity.Latest is not { } latest || latest.Time != s.Time) return;
        lock (_lock)
        {
            if (latest.Time - _lastQueued < sampleInterval) return;
            _pending.Add(ToSample(latest));
            _lastQueued = latest.Time;
        }
    }

    /// <summary>
    /// Stores the queued points (and the baseline, the first time). With <paramref name="final"/> the curve's latest point is
    /// stored too, due or not: what the bot saw last before it stopped.
    /// </summary>
    public async Task FlushAsync(bool final, CancellationToken ct)
    {
        if (final && snapshot() is { } s) Observe(s);
        List<PnlSample> batch;
        lock (_lock)
        {
            if (final && Equity.Latest is { } latest && latest.Time > _lastQueued)
            {
                _pending.Add(ToSample(latest));
                _lastQueued = latest.Time;
            }

            batch = [.. _pending];
        }

        try
        {
            if (!_baselineStored && Equity.Baseline is { } baseline)
            {
                await store.SavePnlBaselineAsync(new PnlBaseline(baseline.Time, baseline.Equity, baseline.Prices), ct);
                _baselineStored = true;
            }

            if (batch.Count == 0) return;
            await store.SavePnlSamplesAsync(batch, maxSamples, ct);
            lock (_lock) _pending.RemoveRange(0, batch.Count);
            Stored += batch.Count;
        }
        catch (Exception ex) when (ex is StoreException or Microsoft.Data.Sqlite.SqliteException or ObjectDisposedException or InvalidDataException)
        {
            // Kept in memory and tried again with the next batch; the trading loop is not this recorder's to stop.
            WriteFailed(logger, batch.Count, ex.Message);
        }
    }

    private static PnlSample ToSample(EquityPoint p) => new(p.Time, p.Equity, p.BuyAndHold, p.RealizedPnl, p.Fees, p.UnrealizedPnl);

    [LoggerMessage(EventId = 1800, EventName = "pnl.history_write_failed", Level = LogLevel.Warning,
        Message = "Could not store {Count} P&L history point(s): {Reason}; retrying with the next batch.")]
    private static partial void WriteFailed(ILogger logger, int count, string reason);
}
