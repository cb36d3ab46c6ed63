using GridTrader.Tests.Shared;

namespace GridTrader.Integration.Tests.Cli;

/// <summary>Bad input shared by the commands that read candles: each exits non-zero, says why on standard error, prints nothing else.</summary>
[Collection(CliCollection.Name)]
public sealed class BadInputTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private static string GoldenData => TestRepository.SampleData(GoldenConfig.DataFile);

    [Theory]
    [InlineData("backtest")]
    [InlineData("sweep")]
    public async Task Command_MissingDataFile_FailsSayingWhich(string command)
    {
        var run = await CliRunner.RunAsync(command, "--config", _temp.DefaultConfig(), "--data", _temp.File("nope.csv.gz"), "--json");

        AssertFailed(run, "data file not found", "nope.csv.gz");
    }

    [Theory]
    [InlineData("backtest", "120000,100,99,101,100,2", "line 4", "high 99 is below low 101")]
    [InlineData("sweep", "120000,100,101,99,abc,2", "line 4", "not a number: 'abc'")]
    public async Task Command_MalformedRow_FailsNamingFileAndLine(string command, string badRow, string line, string detail)
    {
        var data = _temp.Candles("bad.csv.gz", ["0,100,101,99,100.5,2", "60000,100,101,99,100.5,2", badRow]);

        var run = await CliRunner.RunAsync(command, "--config", _temp.DefaultConfig(), "--data", data, "--json");

        AssertFailed(run, $"bad.csv.gz {line}", detail);
    }

    [Theory]
    [InlineData("backtest", "\"Levels\": 4", "\"Levels\": 1", "GridTrader:Grid:Levels")]
    [InlineData("sweep", "\"CapitalFraction\": 0.2", "\"CapitalFraction\": 3", "GridTrader:Markets:0:CapitalFraction")]
    public async Task Command_InvalidConfig_FailsWithTheKeyPath(string command, string good, string bad, string path)
    {
        var config = _temp.Write("bad.json", GoldenConfig.Json.Replace(good, bad, StringComparison.Ordinal));

        var run = await CliRunner.RunAsync(command, "--config", config, "--data", GoldenData, "--json");

        AssertFailed(run, path);
    }

    [Theory]
    [InlineData("backtest", "--from", "yesterday")]
    [InlineData("backtest", "--to", "2023-13-01")]
    [InlineData("sweep", "--from", "03/20/2023")]
    public async Task Command_BadDate_FailsNamingTheOption(string command, string option, string value)
    {
        var run = await CliRunner.RunAsync(command, "--config", _temp.DefaultConfig(), "--data", GoldenData, option, value, "--json");

        AssertFailed(run, option, "ISO 8601");
    }

    private static void AssertFailed(CliRun run, params string[] messages)
    {
        Assert.True(run.ExitCode != 0, run.ToString());
        foreach (var m in messages) Assert.Contains(m, run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    public void Dispose() => _temp.Dispose();
}
