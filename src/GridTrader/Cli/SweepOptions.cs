using System.CommandLine;
using GridTrader.Research;

namespace GridTrader.Cli;

/// <summary>The options of <c>sweep</c>: the searched space, rankings, walk-forward, shards and outputs.</summary>
internal sealed class SweepOptions
{
    public BacktestInputs.Flags Flags { get; } = new();

    public Option<string> Spacing { get; } = new("--spacing")
    {
        Description = "Fixed spacings in percent: FROM:TO:STEP (inclusive), a list (1.2,1.5,2) or one value.",
        DefaultValueFactory = _ => "1.2:4.0:0.2",
    };

    public Option<string> Levels { get; } = new("--levels") { Description = "Levels: FROM:TO:STEP, a list or one value.", DefaultValueFactory = _ => "4:48:4" };

    public Option<string> AtrMultiplier { get; } = new("--atr-multiplier")
    {
        Description = "ATR spacing multipliers k (spacing = k × ATR(n) in percent of price, clamped to the configured min/max): FROM:TO:STEP, a list or one value.",
        DefaultValueFactory = _ => "2:20:2",
    };

    public Option<string> AtrPeriod { get; } = new("--atr-period") { Description = "ATR periods n: a list, FROM:TO:STEP or one value.", DefaultValueFactory = _ => "14,28,56" };

    public Option<string> SpacingMode { get; } = new("--spacing-mode")
    {
        Description = "Which spacing modes to sweep: both, fixed or atr.",
        DefaultValueFactory = _ => "both",
    };

    public Option<string> TrendFilter { get; } = new("--trend-filter") { Description = "Trend filter values to sweep: both, on or off.", DefaultValueFactory = _ => "both" };

    public Option<int> Top { get; } = new("--top") { Description = "How many configurations each ranking shows.", DefaultValueFactory = _ => 10 };

    public Option<int> Parallel { get; } = new("--parallel")
    {
        Description = "Backtests run at once (default: one per core).",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    public Option<int?> WalkForward { get; } = new("--walk-forward")
    {
        Description = "Rolling walk-forward over K equal windows: fold k chooses the best configuration on window k-1 and is tested on window k; " +
                      "configurations are ranked by their summed test P&L. Writes a heatmap beside the JSON (see --report).",
    };

    public Option<string?> Report { get; } = new("--report")
    {
        Description = "Folder for summary.json and, with --walk-forward, heatmap.html and heatmap.png (default with --walk-forward: ./sweep-report).",
    };

    public Option<string?> Shard { get; } = new("--shard")
    {
        Description = "Run only shard INDEX/COUNT (0-based: every COUNT-th configuration from INDEX) and write its results for 'sweep merge'.",
    };

    public Option<string?> Out { get; } = new("--out") { Description = "With --shard: the shard's results file (default: sweep-shard-INDEX-of-COUNT.jsonl)." };

    public void AddTo(Command command)
    {
        Flags.AddTo(command);
        foreach (var option in new Option[] { Spacing, Levels, AtrMultiplier, AtrPeriod, SpacingMode, TrendFilter, Top, Parallel, WalkForward, Report, Shard, Out })
            command.Options.Add(option);
    }

    /// <summary>The searched space, or null with the reason.</summary>
    public SweepSpace? Space(ParseResult parse, out string? error)
    {
        var mode = parse.GetValue(SpacingMode)!.Trim().ToLowerInvariant();
        var trend = parse.GetValue(TrendFilter)!.Trim().ToLowerInvariant();
        if (mode is not ("both" or "fixed" or "atr"))
        {
            error = $"--spacing-mode '{mode}' must be both, fixed or atr.";
            return null;
        }

        if (trend is not ("both" or "on" or "off"))
        {
            error = $"--trend-filter '{trend}' must be both, on or off.";
            return null;
        }

        var spacings = SweepValues.Parse(parse.GetValue(Spacing)!, "--spacing", out error);
        var levels = spacings is null ? null : SweepValues.Parse(parse.GetValue(Levels)!, "--levels", out error);
        var multipliers = levels is null ? null : SweepValues.Parse(parse.GetValue(AtrMultiplier)!, "--atr-multiplier", out error);
        var periods = multipliers is null ? null : SweepValues.Parse(parse.GetValue(AtrPeriod)!, "--atr-period", out error);
        if (periods is null) return null;
        if (spacings!.Any(s => s <= 0)) error = "--spacing values must be positive.";
        else if (levels!.Any(l => l < 2 || l != decimal.Truncate(l) || l > 1000)) error = "--levels values must be whole numbers from 2 to 1000.";
        else if (multipliers!.Any(k => k <= 0)) error = "--atr-multiplier values must be positive.";
        else if (periods.Any(n => n < 1 || n != decimal.Truncate(n) || n > 10_000)) error = "--atr-period values must be whole numbers from 1 to 10000.";
        if (error is not null) return null;

        var space = new SweepSpace(mode == "atr" ? [] : spacings!, mode == "fixed" ? [] : multipliers!, mode == "fixed" ? [] : [.. periods.Select(p => (int)p)],
            [.. levels!.Select(l => (int)l)], trend switch { "on" => [true], "off" => [false], _ => [true, false] });
        if ((long)space.Spacings.Count * space.Levels.Count + (long)space.AtrMultipliers.Count * space.AtrPeriods.Count * space.Levels.Count > 5_000_000)
        {
            error = "the sweep would have more than 10,000,000 configurations; narrow the ranges.";
            return null;
        }

        return space;
    }
}
