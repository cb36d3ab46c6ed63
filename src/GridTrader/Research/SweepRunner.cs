using GridTrader.Core.Grid;
using GridTrader.Core.MarketData;
using GridTrader.Engine.Backtesting;

namespace GridTrader.Research;

/// <summary>What a sweep runs: the windows of candles (one for a plain sweep, K for walk-forward), the options every run shares, and which configurations.</summary>
internal sealed record SweepJob(Candle[][] Windows, BacktestOptions RunOptions, SweepSpace Space, int Shard, int Shards, int Parallel)
{
    /// <summary>The indices of this shard's configurations: every <see cref="Shards"/>-th from <see cref="Shard"/> (strided, so shards get alike work).</summary>
    public int ConfigurationCount => Space.Count <= Shard ? 0 : (Space.Count - Shard + Shards - 1) / Shards;

    public int IndexAt(int position) => Shard + position * Shards;
}

/// <summary>
/// Runs a sweep's configurations on all cores and hands each outcome to the consumer in index order, so everything
/// downstream (aggregation, streamed JSON, shard files) is deterministic and holds no more than the few outcomes that
/// finished ahead of a slower one. The candle arrays are shared read-only by every run.
/// </summary>
internal static class SweepRunner
{
    public static async Task RunAsync(SweepJob job, Action<SweepOutcome> consumeInOrder, Action? finishedOne, CancellationToken ct)
    {
        var pending = new Dictionary<int, SweepOutcome>();
        var next = 0;
        var gate = new object();
        var positions = Enumerable.Range(0, job.ConfigurationCount);
        await Parallel.ForEachAsync(positions, new ParallelOptions { MaxDegreeOfParallelism = job.Parallel, CancellationToken = ct }, async (position, token) =>
        {
            var outcome = await EvaluateAsync(job, job.Space[job.IndexAt(position)], token);
            lock (gate)
            {
                pending.Add(position, outcome);
                while (pending.Remove(next, out var ready))
                {
                    consumeInOrder(ready);
                    next++;
                }
            }

            finishedOne?.Invoke();
        });
    }

    /// <summary>Backtests one configuration on every window; a fixed spacing below the fee floor is skipped as the validator would refuse it.</summary>
    public static async Task<SweepOutcome> EvaluateAsync(SweepJob job, SweepConfig config, CancellationToken ct)
    {
        var grid = config.Apply(job.RunOptions.Grid);
        var belowFloor = config.Mode == SpacingMode.FixedPercent && !FeeFloor.Of(grid).IsMetBy(config.SpacingPct);
        if (belowFloor && !grid.AllowUnprofitableSpacing) return SweepOutcome.Skipped(config, SweepOutcome.BelowFloor);

        var options = job.RunOptions with { Grid = grid };
        var runs = new RunFigures[job.Windows.Length];
        string? firstRefusal = null;
        for (var w = 0; w < runs.Length; w++)
        {
            var result = await new Backtester(options).RunAsync(job.Windows[w], ct: ct);
            runs[w] = RunFigures.From(result, out var refusal);
            firstRefusal ??= refusal;
        }

        return runs.Any(r => r.Traded) ? new SweepOutcome(config, null, belowFloor, runs) : SweepOutcome.Skipped(config, "planner: " + firstRefusal);
    }
}
