using System.Text.Json;
using System.Text.Json.Nodes;
using GridTrader.Reports;
using GridTrader.Tests.Shared;

namespace GridTrader.Integration.Tests.Cli;

/// <summary><c>backtest</c> and <c>sweep</c> with the candle cache: written once, read after, rebuilt when bad, refused when unreadable.</summary>
[Collection(CliCollection.Name)]
public sealed class CandleCacheCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string CacheDir => _temp.File("cache");

    private Task<CliRun> BacktestAsync(params string[] extra) =>
        CliRunner.RunAsync([
            "backtest", "--config", _temp.Write("golden.json", GoldenConfig.Json), "--data", TestRepository.SampleData(GoldenConfig.DataFile),
            "--from", GoldenConfig.From, "--to", GoldenConfig.To, "--json", .. extra,
        ]);

    [Fact]
    public async Task Backtest_SecondRun_ReadsTheCacheAndGivesTheSameResult()
    {
        var first = await BacktestAsync("--cache-dir", CacheDir);
        var second = await BacktestAsync("--cache-dir", CacheDir);

        Assert.True(first.ExitCode == 0 && second.ExitCode == 0, first + "\n" + second);
        var (a, b) = (JsonNode.Parse(first.Out)!.AsObject(), JsonNode.Parse(second.Out)!.AsObject());
        Assert.Equal("written", a["candle_cache"]!.GetValue<string>());
        Assert.Equal("hit", b["candle_cache"]!.GetValue<string>());
        foreach (var key in new[] { "parse_ms", "engine_ms", "elapsed_ms", "candles_per_second" }) Assert.True(b[key]!.GetValue<double>() >= 0, key);
        Assert.True(b["elapsed_ms"]!.GetValue<double>() >= b["engine_ms"]!.GetValue<double>());
        Assert.Equal(WithoutTimings(a), WithoutTimings(b));
        Assert.Single(Directory.GetFiles(CacheDir, "*.candles"));
    }

    [Fact]
    public async Task Backtest_NoCache_WritesNothingAndGivesTheSameResult()
    {
        var cached = await BacktestAsync("--cache-dir", CacheDir);
        var parsed = await BacktestAsync("--no-cache", "--cache-dir", _temp.File("unused"));

        Assert.True(parsed.ExitCode == 0, parsed.ToString());
        Assert.Equal("off", JsonNode.Parse(parsed.Out)!["candle_cache"]!.GetValue<string>());
        Assert.False(Directory.Exists(_temp.File("unused")));
        Assert.Equal(WithoutTimings(JsonNode.Parse(cached.Out)!.AsObject()), WithoutTimings(JsonNode.Parse(parsed.Out)!.AsObject()));
    }

    [Fact]
    public async Task Backtest_TruncatedCache_IsRebuilt()
    {
        await BacktestAsync("--cache-dir", CacheDir);
        var file = Directory.GetFiles(CacheDir, "*.candles").Single();
        using (var f = new FileStream(file, FileMode.Open)) f.SetLength(f.Length / 2);

        var run = await BacktestAsync("--cache-dir", CacheDir);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("written", JsonNode.Parse(run.Out)!["candle_cache"]!.GetValue<string>());
        Assert.Equal("hit", JsonNode.Parse((await BacktestAsync("--cache-dir", CacheDir)).Out)!["candle_cache"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("backtest")]
    [InlineData("sweep")]
    public async Task Command_UnreadableCache_FailsWithOneLine(string command)
    {
        await BacktestAsync("--cache-dir", CacheDir);
        var file = Directory.GetFiles(CacheDir, "*.candles").Single();
        File.Delete(file);
        Directory.CreateDirectory(file);

        var run = await CliRunner.RunAsync(command, "--config", _temp.DefaultConfig(), "--data", TestRepository.SampleData(GoldenConfig.DataFile),
            "--cache-dir", CacheDir, "--json");

        AssertOneLineFailure(run, "cannot read the candle cache");
    }

    [Theory]
    [InlineData("backtest")]
    [InlineData("sweep")]
    public async Task Command_CacheDirIsAFile_FailsWithOneLine(string command)
    {
        var run = await CliRunner.RunAsync(command, "--config", _temp.DefaultConfig(), "--data", TestRepository.SampleData(GoldenConfig.DataFile),
            "--cache-dir", _temp.Write("not-a-dir", "x"), "--json");

        AssertOneLineFailure(run, "is a file");
    }

    [Fact]
    public async Task Backtest_BadRowAfterTheRange_StillRunsTheRange()
    {
        // Past the 64 rows the interval is inferred from, so only a whole-file read meets the bad row (line 202).
        var rows = Enumerable.Range(0, 200).Select(m => $"{m * 60_000L},100,{101 + m % 7},99,100.5,2").Append("12000000,100,99,101,100,2");
        var data = _temp.Candles("late-bad.csv.gz", rows);

        var run = await CliRunner.RunAsync("backtest", "--config", _temp.DefaultConfig(), "--data", data, "--to", "1970-01-01T03:00",
            "--cache-dir", CacheDir, "--json");
        var whole = await CliRunner.RunAsync("backtest", "--config", _temp.DefaultConfig(), "--data", data, "--cache-dir", CacheDir, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(180, JsonNode.Parse(run.Out)!["candles"]!.GetValue<int>());
        Assert.Equal(2, whole.ExitCode);
        Assert.Contains("late-bad.csv.gz line 202", whole.Error, StringComparison.Ordinal);
    }

    internal static void AssertOneLineFailure(CliRun run, string message)
    {
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Equal("", run.Out);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, run.ToString());
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(message, lines[0], StringComparison.Ordinal);
    }

    private static string WithoutTimings(JsonObject node)
    {
        foreach (var key in BacktestJson.TimingKeys) node.Remove(key);
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    public void Dispose() => _temp.Dispose();
}
