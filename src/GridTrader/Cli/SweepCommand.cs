using System.CommandLine;
using System.Diagnostics;
using System.Text.RegularExpressions;
using GridTrader.Core.MarketData;
using GridTrader.Exchanges.MarketData;
using GridTrader.Research;

namespace GridTrader.Cli;

/// <summary>
/// <c>sweep</c>: backtests every configuration of a space — fixed-percent spacing × levels, and ATR multiplier × ATR period ×
/// levels, each with the trend filter on and off — over one candle file, loaded once and shared read-only by all runs on
/// every core. Ranks them on the whole data, or with <c>--walk-forward K</c> out of sample. <c>--shard i/n</c> runs
/// one slice and writes it for <c>sweep merge</c>.
/// </summary>
/// <remarks>
/// Each configuration is the configured grid with only those settings changed, and runs the same engine as
/// <c>backtest</c>. Fixed spacings below the fee floor are treated as the validator treats them: without
/// <c>AllowUnprofitableSpacing</c> they are skipped (they would be refused live), with it they run and are marked.
/// Combinations the planner refuses on every window are reported as skipped with the planner's reason.
/// </remarks>
internal static partial class SweepCommand
{
    public static Command Create()
    {
        var o = new SweepOptions();
        var command = new Command("sweep",
            "Backtest every configuration of fixed spacing × levels and ATR multiplier × period × levels, trend filter on and off, on one candle file " +
            "(loaded once, all cores), and rank them; --walk-forward K ranks them out of sample; --shard i/n runs one slice for 'sweep merge'.");
        o.AddTo(command);
        command.SetAction((parse, ct) => RunAsync(parse, o, ct));
        command.Subcommands.Add(SweepMergeCommand.Create());
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, SweepOptions o, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var space = o.Space(parse, out var error);
        if (space is null) return CommonOptions.Fail(error!);
        var top = parse.GetValue(o.Top);
        if (top < 1) return CommonOptions.Fail($"--top must be at least 1 (got {top}).");
        var parallel = parse.GetValue(o.Parallel);
        if (parallel < 1) return CommonOptions.Fail($"--parallel must be at least 1 (got {parallel}).");
        var (shard, shards) = (0, 1);
        if (parse.GetValue(o.Shard) is { } shardText && !TryParseShard(shardText, out shard, out shards))
            return CommonOptions.Fail($"--shard '{shardText}' must be INDEX/COUNT with 0 ≤ INDEX < COUNT, e.g. 0/4 … 3/4.");
        var walkForward = parse.GetValue(o.WalkForward);
        if (walkForward is { } k && k < 2) return CommonOptions.Fail($"--walk-forward must be at least 2 (one window to train on, one to test on); got {k}.");

        var inputs = BacktestInputs.Resolve(parse, o.Flags, out var exit);
        if (inputs is null) return exit;
        var json = parse.GetValue(o.Flags.Json);
        var err = CommonOptions.Error();

        CandleInput input;
        try
        {
            input = CandleInput.Load(inputs);
            await input.FinishCacheWriteAsync();
        }
        catch (Exception ex) when (ex is CandleDataException or IOException or UnauthorizedAccessException)
        {
            return CommonOptions.Fail(ex.Message);
        }

        if (input.Candles.Length == 0) return CommonOptions.Fail($"no candles in {Path.GetFileName(inputs.DataPath)} for the given range.");
        var loadMs = clock.Elapsed.TotalMilliseconds;

        // Scaled once; every run reads the same array.
        var scale = new CandleScale(inputs.Options.PriceMultiplier);
        var candles = scale.IsIdentity ? input.Candles : [.. input.Candles.Select(c => scale.Apply(c))];
        var grid = inputs.Options.Grid;
        IReadOnlyList<FoldWindow> windows = [new FoldWindow(0, candles.Length, candles[0].OpenTimeMs, candles[^1].OpenTimeMs)];
        if (walkForward is { } folds)
        {
            // Each window must be at least twice the indicators' warm-up, so most of it trades on warm indicators.
            var warmUp = Math.Max(grid.TrendSlowPeriod, Math.Max(space.LongestAtrPeriod, grid.AtrPeriod) + grid.AtrMeanWindow);
            windows = WalkForwardFolds.Split(candles, folds, 2 * warmUp, out var foldError)!;
            if (windows is null) return CommonOptions.Fail(foldError!);
        }

        var market = inputs.Options.Market;
        var context = new SweepContext(market.Symbol, market.QuoteCurrency, market.PriceDecimals, Path.GetFileName(inputs.DataPath), input.SourceSha256,
            inputs.Config.Source, candles.Length, candles[0].OpenTimeMs, candles[^1].OpenTimeMs, space, windows);
        var job = new SweepJob([.. windows.Select(w => candles[w.Start..w.End])], inputs.Options with
        {
            PriceMultiplier = 1m, CollectFills = false, MaxEquityPoints = 2, CandleInterval = input.Series.Interval,
        }, space, shard, shards, parallel);

        if (parse.GetValue(o.Shard) is not null)
            return await RunShardAsync(job, context, parse.GetValue(o.Out) ?? $"sweep-shard-{shard}-of-{shards}.jsonl", err, ct);

        var reportDir = parse.GetValue(o.Report) ?? (walkForward is not null ? "sweep-report" : null);
        return await SweepOutput.RunAsync(context, top, json, reportDir, err, new SweepTimings(parallel, loadMs, 0, input.CacheState), clock,
            (consume, finishedOne) => SweepRunner.RunAsync(job, consume, finishedOne, ct), job.ConfigurationCount);
    }

    private static async Task<int> RunShardAsync(SweepJob job, SweepContext context, string path, Spectre.Console.IAnsiConsole err, CancellationToken ct)
    {
        var full = Path.GetFullPath(path);
        var temp = full + ".tmp";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await using (var file = new StreamWriter(temp))
            {
                ShardFile.WriteHeader(file, context, job.Shard, job.Shards);
                await SweepProgress.RunAsync(err, $"sweep shard {job.Shard}/{job.Shards}", job.ConfigurationCount,
                    finishedOne => SweepRunner.RunAsync(job, outcome => ShardFile.WriteOutcome(file, outcome), finishedOne, ct));
            }

            // Renamed only when complete, so a merge never reads half a shard.
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return CommonOptions.Fail($"cannot write the shard file {full}: {ex.Message}", CommonOptions.ExitFailure);
        }

        await Console.Error.WriteLineAsync($"sweep shard {job.Shard}/{job.Shards}: {job.ConfigurationCount} of {context.Space.Count} configurations written to {full}");
        return CommonOptions.ExitOk;
    }

    internal static bool TryParseShard(string text, out int shard, out int shards)
    {
        (shard, shards) = (0, 0);
        var match = ShardPattern().Match(text);
        return match.Success && int.TryParse(match.Groups[1].Value, out shard) && int.TryParse(match.Groups[2].Value, out shards)
               && shards >= 1 && shard < shards;
    }

    [GeneratedRegex(@"^\s*(\d{1,6})\s*/\s*(\d{1,6})\s*$")]
    private static partial Regex ShardPattern();
}
