using System.Diagnostics;
using GridTrader.Research;
using Spectre.Console;

namespace GridTrader.Cli;

/// <summary>
/// Turns a stream of outcomes (from the runner, or read back from shard files) into the sweep's outputs: the summary or
/// JSON on standard output, <c>summary.json</c> and the heatmap in the report folder. Shared by <c>sweep</c> and
/// <c>sweep merge</c>, so both print the same.
/// </summary>
internal static class SweepOutput
{
    public static async Task<int> RunAsync(SweepContext context, int top, bool json, string? reportDir, IAnsiConsole err, SweepTimings timings,
        Stopwatch clock, Func<Action<SweepOutcome>, Action, Task> produce, int total)
    {
        var aggregator = new SweepAggregator(top, context.Folds.Count);
        StreamWriter? summaryFile = null;
        var sinks = new List<SweepJson>();
        try
        {
            if (reportDir is not null)
            {
                Directory.CreateDirectory(reportDir);
                summaryFile = new StreamWriter(Path.Combine(reportDir, "summary.json"));
                sinks.Add(new SweepJson(summaryFile, context));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return CommonOptions.Fail($"cannot write the report to {Path.GetFullPath(reportDir!)}: {ex.Message}", CommonOptions.ExitFailure);
        }

        if (json) sinks.Add(new SweepJson(Console.Out, context));
        try
        {
            await SweepProgress.RunAsync(err, "sweep", total, finishedOne => produce(o =>
            {
                aggregator.Offer(o);
                foreach (var sink in sinks) sink.Result(o);
            }, finishedOne));

            var final = timings with { ElapsedMs = clock.Elapsed.TotalMilliseconds };
            foreach (var sink in sinks) sink.End(aggregator, top, final);
            IReadOnlyList<string> written = [];
            if (reportDir is not null)
            {
                await summaryFile!.DisposeAsync();
                summaryFile = null;
                written = context.IsWalkForward ? SweepHeatmap.Write(reportDir, context, aggregator) : [];
                written = [Path.Combine(reportDir, "summary.json"), .. written];
            }

            if (!json) SweepConsole.Print(CommonOptions.Out(), context, aggregator, top, final);
            if (written.Count > 0) await Console.Error.WriteLineAsync($"sweep report: {string.Join(", ", written.Select(Path.GetFullPath))}");
            return CommonOptions.ExitOk;
        }
        finally
        {
            foreach (var sink in sinks) sink.Dispose();
            if (summaryFile is not null) await summaryFile.DisposeAsync();
        }
    }
}
