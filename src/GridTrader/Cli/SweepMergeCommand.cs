using System.CommandLine;
using System.Diagnostics;
using GridTrader.Research;

namespace GridTrader.Cli;

/// <summary>
/// <c>sweep merge</c>: combines the shard files of one sweep (<c>sweep --shard i/n</c>) into the summary, JSON and report
/// a single run would print. Reads the shards line by line in configuration order, so memory stays flat.
/// </summary>
internal static class SweepMergeCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("shards") { Description = "The shard files, all n of one sweep, in any order.", Arity = ArgumentArity.OneOrMore };
        var json = new Option<bool>("--json") { Description = "Print one JSON object on standard output and nothing else." };
        var top = new Option<int>("--top") { Description = "How many configurations each ranking shows.", DefaultValueFactory = _ => 10 };
        var report = new Option<string?>("--report") { Description = "Folder for summary.json and, for walk-forward, the heatmap (default for walk-forward: ./sweep-report)." };
        var command = new Command("merge", "Combine the shard files of one sweep into the summary a single run prints.");
        command.Arguments.Add(files);
        command.Options.Add(json);
        command.Options.Add(top);
        command.Options.Add(report);
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(files)!, parse.GetValue(json), parse.GetValue(top), parse.GetValue(report)));
        return command;
    }

    /// <summary>Shard i holds configurations i, i+n, i+2n, …: configuration j is the next line of shard j mod n.</summary>
    private static void Stream(ShardFile.Reader[] byShard, SweepContext context, Action<SweepOutcome> consume)
    {
        for (var j = 0; j < context.Space.Count; j++)
        {
            var reader = byShard[j % byShard.Length];
            var outcome = reader.Next() ?? throw new InvalidDataException($"{reader.Path} ends before configuration {j}; was the shard run cut short?");
            if (outcome.Config.Index != j) throw new InvalidDataException($"{reader.Path} holds configuration {outcome.Config.Index} where {j} was expected.");
            consume(outcome);
        }

        foreach (var reader in byShard)
        {
            if (reader.Next() is { } extra) throw new InvalidDataException($"{reader.Path} holds configuration {extra.Config.Index} past the end of its shard.");
        }
    }

    private static async Task<int> RunAsync(string[] paths, bool json, int top, string? reportDir)
    {
        var clock = Stopwatch.StartNew();
        if (top < 1) return CommonOptions.Fail($"--top must be at least 1 (got {top}).");
        var readers = new List<ShardFile.Reader>();
        try
        {
            foreach (var path in paths)
            {
                if (!File.Exists(path)) return CommonOptions.Fail($"shard file not found: {Path.GetFullPath(path)}");
                readers.Add(ShardFile.Reader.Open(path));
            }

            var first = readers[0];
            if (readers.FirstOrDefault(r => r.ContextJson != first.ContextJson || r.Shards != first.Shards) is { } other)
                return CommonOptions.Fail($"{other.Path} belongs to another sweep than {first.Path} (data, configuration, searched space or shard count differ).");
            var byShard = new ShardFile.Reader?[first.Shards];
            foreach (var r in readers)
            {
                if (r.Shard < 0 || r.Shard >= r.Shards) return CommonOptions.Fail($"{r.Path}: shard {r.Shard}/{r.Shards} is not a valid shard.");
                if (byShard[r.Shard] is { } twice) return CommonOptions.Fail($"{r.Path} and {twice.Path} are both shard {r.Shard}/{r.Shards}.");
                byShard[r.Shard] = r;
            }

            var missing = Enumerable.Range(0, first.Shards).Where(i => byShard[i] is null).ToList();
            if (missing.Count > 0) return CommonOptions.Fail($"shard(s) {string.Join(", ", missing)} of {first.Shards} are missing.");

            var context = first.Context;
            // A first pass reads every line, so a truncated or damaged shard fails before anything is printed.
            Stream(byShard!, context, _ => { });
            foreach (var r in readers) r.Dispose();
            readers = [.. paths.Select(ShardFile.Reader.Open)];
            byShard = new ShardFile.Reader?[first.Shards];
            foreach (var r in readers) byShard[r.Shard] = r;

            var loadMs = clock.Elapsed.TotalMilliseconds;
            return await SweepOutput.RunAsync(context, top, json, reportDir ?? (context.IsWalkForward ? "sweep-report" : null), CommonOptions.Error(),
                new SweepTimings(0, loadMs, 0, "merged"), clock, (consume, _) =>
                {
                    Stream(byShard!, context, consume);
                    return Task.CompletedTask;
                }, total: 0);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return CommonOptions.Fail(ex.Message);
        }
        finally
        {
            foreach (var r in readers) r.Dispose();
        }
    }
}
