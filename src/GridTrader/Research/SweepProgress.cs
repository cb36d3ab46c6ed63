using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace GridTrader.Research;

/// <summary>
/// Progress of a sweep on standard error: a Spectre.Console bar with elapsed time and ETA on a terminal, otherwise a
/// plain line every 10% (or 30 s) with the same figures, so logs of batch jobs show it too.
/// </summary>
internal static class SweepProgress
{
    /// <summary>Runs <paramref name="body"/>, giving it the callback to call once per finished configuration; no display when <paramref name="total"/> is 0.</summary>
    public static async Task RunAsync(IAnsiConsole err, string label, int total, Func<Action, Task> body)
    {
        if (total == 0)
        {
            await body(() => { });
            return;
        }

        if (err.Profile.Capabilities.Interactive)
        {
            await err.Progress().AutoClear(true).HideCompleted(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask(label, maxValue: total);
                    await body(() => task.Increment(1));
                    task.StopTask();
                });
            return;
        }

        var clock = Stopwatch.StartNew();
        var done = 0;
        var lastTenth = 0;
        var lastLine = 0L;
        var gate = new object();
        await body(() =>
        {
            var n = Interlocked.Increment(ref done);
            lock (gate)
            {
                var tenth = n * 10 / total;
                if (tenth == lastTenth && clock.ElapsedMilliseconds - lastLine < 30_000) return;
                lastTenth = tenth;
                lastLine = clock.ElapsedMilliseconds;
                var elapsed = clock.Elapsed.TotalSeconds;
                var left = elapsed / n * (total - n);
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{label}: {n}/{total} configurations ({n * 100 / total}%), {elapsed:0} s elapsed, about {left:0} s left"));
            }
        });
    }
}
