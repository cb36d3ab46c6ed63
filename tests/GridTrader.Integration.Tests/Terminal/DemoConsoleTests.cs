using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GridTrader.Integration.Tests.Support;
using GridTrader.Soak;
using Xunit.Abstractions;

namespace GridTrader.Integration.Tests.Terminal;

/// <summary>
/// The README's demo (<c>gridtrader run</c> on the embedded default), piped as a service's output is: after the start-up
/// lines it prints only folded warnings, at most a handful per minute of the demo (6,000 candles), and never a panel; the
/// circuit breaker trips a few times in the month of data, each trip at most one line. The replay runs faster than the
/// README's 100 candles a second so the test takes a minute; the JSON log's warning counts are printed for comparison.
/// </summary>
public sealed partial class DemoConsoleTests(ITestOutputHelper output)
{
    /// <summary>The README's demo replays 100 candles a second: one minute of its run is 6,000 candles.</summary>
    private const int CandlesPerDemoMinute = 6_000;

    /// <summary>"A handful of lines a minute" (issue 11).</summary>
    private const double AHandful = 5;

    [Fact]
    public async Task Demo_Piped_PrintsAtMostAHandfulOfLinesAMinuteAfterStartUp()
    {
        using var temp = new TempDirectory();
        // The demo as the README runs it, faster (the replay speed is all --speed changes), with its own dashboard port.
        using var bot = ChildProcess.Start("gridtrader.dll", ["run", "--data-dir", temp.Path, "--speed", "1000"],
            new Dictionary<string, string> { ["GridTrader__Dashboard__Url"] = "http://127.0.0.1:0" });
        var stopped = await bot.WaitForLineAsync("Stopped (", TimeSpan.FromMinutes(4));
        var lines = bot.Output.ToList();

        var candles = int.Parse(CandlesReplayed().Match(stopped).Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        var demoMinutes = (double)candles / CandlesPerDemoMinute;
        var startUp = lines.FindIndex(l => l.StartsWith("Dashboard: ", StringComparison.Ordinal));
        Assert.True(startUp >= 0, string.Join('\n', lines));
        var after = lines.Skip(startUp + 1).Where(l => !l.Contains("Stopped (", StringComparison.Ordinal) && !l.StartsWith("hint: ", StringComparison.Ordinal)).ToList();

        // The JSON log keeps every event: its warnings are what an unfolded console would have printed.
        var warnings = WarningsInLog(Path.Combine(temp.Path, "simulated", "logs"));
        output.WriteLine($"{candles} candles = {demoMinutes:0.##} demo minutes; console {after.Count} lines after start-up " +
                         $"({after.Count / demoMinutes:0.##}/min); log {warnings.Count} warnings ({warnings.Count / demoMinutes:0.##}/min)");
        foreach (var g in warnings.GroupBy(w => w)) output.WriteLine($"{g.Key}: {g.Count()}");
        foreach (var l in after) output.WriteLine(l);

        Assert.Equal(44_640, candles);
        Assert.All(lines, l => Assert.DoesNotContain('\u001b', l)); // plain lines: no panel, no colour codes
        Assert.All(after, l => Assert.Matches(WarningLine(), l)); // nothing but warnings after start-up
        Assert.True(after.Count / demoMinutes <= AHandful, $"{after.Count} lines in {demoMinutes:0.#} demo minutes");
        Assert.True(after.Count <= warnings.Count, "folding never adds lines");

        // The breaker at its one-minute default: a few trips in the month's 744 hours of data, each at most one line.
        var trips = warnings.Count(w => w == "circuit.tripped");
        Assert.InRange(trips, 1, 10);
        Assert.True(after.Count(l => l.Contains("circuit.tripped", StringComparison.Ordinal)) <= trips);
    }

    private static List<string> WarningsInLog(string directory) =>
        Directory.GetFiles(directory, "*.jsonl")
            .SelectMany(File.ReadLines)
            .Select(l => JsonNode.Parse(l)!)
            .Where(e => e["@l"]?.GetValue<string>() is "Warning" or "Error" or "Fatal")
            .Select(e => e["EventName"]?.GetValue<string>() ?? "")
            .ToList();

    [GeneratedRegex(@"([0-9,]+) candles replayed")]
    private static partial Regex CandlesReplayed();

    [GeneratedRegex(@"^\[stderr\] \d\d:\d\d:\d\d (WRN|ERR|FTL) ")]
    private static partial Regex WarningLine();
}
