using System.Text.Json;
using System.Text.Json.Nodes;
using GridTrader.Research;
using GridTrader.Tests.Shared;

namespace GridTrader.Integration.Tests.Cli;

/// <summary><c>sweep --shard i/n</c> and <c>sweep merge</c>: the merge of the slices is the single run.</summary>
[Collection(CliCollection.Name)]
public sealed class SweepShardTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string[] Sweep(params string[] extra) =>
    [
        "sweep", "--config", _temp.Write("golden.json", GoldenConfig.Json), "--data", TestRepository.SampleData(GoldenConfig.DataFile),
        "--spacing", "1.0:2.0:0.2", "--levels", "4:10:2", "--atr-multiplier", "4,8", "--atr-period", "14,28", .. extra,
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Merge_OfThreeShards_EqualsTheUnshardedRun(bool walkForward)
    {
        string[] wf = walkForward ? ["--walk-forward", "3", "--report", _temp.File("single-report")] : [];
        var single = await CliRunner.RunAsync(Sweep([.. wf, "--json"]));
        var shards = new List<string>();
        foreach (var i in new[] { 2, 0, 1 })
        {
            var path = _temp.File($"shard-{i}.jsonl");
            var shard = await CliRunner.RunAsync(Sweep([.. wf, "--shard", $"{i}/3", "--out", path]));
            Assert.True(shard.ExitCode == 0, shard.ToString());
            Assert.Equal("", shard.Out);
            shards.Add(path);
        }

        var merged = await CliRunner.RunAsync(["sweep", "merge", .. shards, "--json", "--report", _temp.File("merged-report")]);

        Assert.True(single.ExitCode == 0, single.ToString());
        Assert.True(merged.ExitCode == 0, merged.ToString());
        Assert.Equal(WithoutTimings(single.Out), WithoutTimings(merged.Out));
        Assert.Equal(walkForward, File.Exists(_temp.File("merged-report/heatmap.html")));
        if (walkForward)
            Assert.Equal(File.ReadAllText(_temp.File("single-report/heatmap.html")), File.ReadAllText(_temp.File("merged-report/heatmap.html")));
    }

    [Fact]
    public async Task Merge_MissingShard_FailsNamingIt()
    {
        var a = _temp.File("a.jsonl");
        await CliRunner.RunAsync(Sweep("--shard", "0/3", "--out", a));
        var c = _temp.File("c.jsonl");
        await CliRunner.RunAsync(Sweep("--shard", "2/3", "--out", c));

        var run = await CliRunner.RunAsync("sweep", "merge", a, c, "--json");

        CandleCacheCommandTests.AssertOneLineFailure(run, "shard(s) 1 of 3 are missing");
    }

    [Fact]
    public async Task Merge_ShardsOfDifferentSweeps_Fail()
    {
        var a = _temp.File("a.jsonl");
        await CliRunner.RunAsync(Sweep("--shard", "0/2", "--out", a));
        var b = _temp.File("b.jsonl");
        await CliRunner.RunAsync(Sweep("--shard", "1/2", "--trend-filter", "on", "--out", b));

        var run = await CliRunner.RunAsync("sweep", "merge", a, b);

        CandleCacheCommandTests.AssertOneLineFailure(run, "belongs to another sweep");
    }

    [Theory]
    [InlineData("{\"not\":\"a shard\"}\n", "not a sweep shard file")]
    [InlineData("", "is empty")]
    [InlineData("garbage\n", "not JSON")]
    public async Task Merge_NotAShardFile_FailsWithOneLine(string text, string message)
    {
        var run = await CliRunner.RunAsync("sweep", "merge", _temp.Write("bad.jsonl", text));

        CandleCacheCommandTests.AssertOneLineFailure(run, message);
    }

    [Fact]
    public async Task Merge_TruncatedShard_FailsWithOneLine()
    {
        var path = _temp.File("only.jsonl");
        await CliRunner.RunAsync(Sweep("--shard", "0/1", "--out", path));
        var lines = File.ReadAllLines(path);
        File.WriteAllLines(path, lines[..^3]);

        var run = await CliRunner.RunAsync("sweep", "merge", path);

        CandleCacheCommandTests.AssertOneLineFailure(run, "ends before configuration");
    }

    private static string WithoutTimings(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        foreach (var key in SweepJson.TimingKeys) node.Remove(key);
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    public void Dispose() => _temp.Dispose();
}
