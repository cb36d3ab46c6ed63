using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using GridTrader.Core.Risk;
using GridTrader.Hosting;
using GridTrader.Integration.Tests.Support;
using GridTrader.Soak;
using GridTrader.Storage;

namespace GridTrader.Integration.Tests.Cli;

/// <summary>
/// Every known bad start or bad argument is one line on standard error naming the problem and the fix, exit code 2, no
/// stack trace, and nothing changed. The bot runs as a real process, as a person starts it.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class ClearErrorTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly TempFolder _temp = new();

    public void Dispose()
    {
        // The read-only directory must be writable again to be deleted.
        if (!OperatingSystem.IsWindows() && Directory.Exists(_temp.File("read-only"))) File.SetUnixFileMode(_temp.File("read-only"), PrivateFiles.DirectoryMode);
        _temp.Dispose();
    }

    private string DataDir => _temp.File("data");

    /// <summary>A simulated bot on <paramref name="candles"/> one-minute candles replayed fast, so a run ends by itself in seconds.</summary>
    private string SimulatedConfig(string dashboardUrl = "http://127.0.0.1:0", int candles = 90, long stepMs = 60_000, string? dataDir = null,
        string balances = "\"NOK\":100000")
    {
        var rows = Enumerable.Range(0, candles).Select(i =>
        {
            var price = 10_000m + (i % 7) * 40m;
            return string.Create(CultureInfo.InvariantCulture, $"{1_750_000_000_000 + i * stepMs},{price},{price + 60},{price - 60},{price + 10},3");
        });
        var data = _temp.Candles($"candles-{candles}-{stepMs}.csv.gz", rows);
        return _temp.Write("sim.json", $$"""
            {"GridTrader":{"Mode":"simulated","DataDirectory":"{{dataDir ?? DataDir}}",
              "Simulation":{"DataFile":"{{data}}","PriceMultiplier":10,"CandlesPerSecond":2000,"InitialBalances":{ {{balances}} } },
              "Markets":[{"Symbol":"BTCNOK","CandleInterval":"1m"}],
              "Grid":{"Levels":6,"SpacingMode":"FixedPercent","SpacingPct":1.5,"TrendFilterEnabled":false},
              "Dashboard":{"Url":"{{dashboardUrl}}"} } }
            """);
    }

    private static Task<(int ExitCode, string Output)> Run(params string[] args) => ChildProcess.RunToEndAsync("gridtrader.dll", args, Timeout);

    /// <summary>Exit 2, exactly one error line holding every <paramref name="expected"/> text, no stack trace.</summary>
    private static string AssertOneLine((int ExitCode, string Output) run, params string[] expected)
    {
        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}:\n{run.Output}");
        // "error: …" from a command, or "config error <key>: …" from the configuration's validation.
        var errors = run.Output.Split('\n').Where(l => l.Contains("error:", StringComparison.Ordinal) || l.Contains("config error ", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 1, run.Output);
        Assert.DoesNotContain("   at ", run.Output, StringComparison.Ordinal);
        foreach (var text in expected) Assert.Contains(text, errors[0], StringComparison.Ordinal);
        return errors[0];
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public async Task Run_DashboardPortInUse_OneLineAndNoStateCreated()
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;

        var run = await Run("run", "--config", SimulatedConfig($"http://127.0.0.1:{port}"));

        AssertOneLine(run, $"port {port} is in use", "Dashboard:Url");
        Assert.False(Directory.Exists(DataDir));
    }

    [Fact]
    public async Task Run_HttpsDashboardWithoutCertificate_OneLine()
    {
        var run = await Run("run", "--config", SimulatedConfig("https://127.0.0.1:0"));

        AssertOneLine(run, "https", "Dashboard:CertificateFile");
    }

    [Fact]
    public async Task Run_DataDirIsAFile_OneLineAndTheFileUntouched()
    {
        var file = _temp.Write("not-a-dir", "precious");

        var run = await Run("run", "--config", SimulatedConfig(), "--data-dir", file);

        AssertOneLine(run, "is a file, not a directory", "--data-dir");
        Assert.Equal("precious", File.ReadAllText(file));
    }

    [Fact]
    public async Task Run_ReadOnlyDataDirectory_OneLine()
    {
        if (ReadOnlyDirectory.Create(_temp.Path) is not { } readOnly) return; // this user can write everywhere here

        var run = await Run("run", "--config", SimulatedConfig(), "--data-dir", readOnly);

        AssertOneLine(run, "cannot be written", "--data-dir");
    }

    [Fact]
    public async Task RunAndStatus_CorruptPaperDatabase_OneLineAndTheFileUntouched()
    {
        var paper = Path.Combine(DataDir, "paper");
        Directory.CreateDirectory(paper);
        var database = SqliteStore.DatabasePathIn(paper);
        await File.WriteAllBytesAsync(database, [.. "SQLite format 3\0"u8.ToArray(), .. RandomNumberGenerator.GetBytes(8192)]);
        var before = Hash(database);
        var config = SimulatedConfig();

        var run = await Run("run", "--config", config, "--exchange", "firi", "--firi-url", "http://127.0.0.1:9");
        var status = await Run("status", "--config", config, "--mode", "paper");

        AssertOneLine(run, database, "not a GridTrader database", "Move it aside");
        AssertOneLine(status, database, "not a GridTrader database");
        Assert.Equal(before, Hash(database));
    }

    [Fact]
    public async Task Run_FreshWithLive_RefusedInOneLine()
    {
        var env = _temp.Write("live.env", "FIRI_CLIENT_ID=client-1\nFIRI_SECRET_KEY=secret-1\n");
        var config = _temp.Write("live.json", $$"""
            {"GridTrader":{"Mode":"live","DataDirectory":"{{DataDir}}","Markets":[{"Symbol":"BTCNOK","CandleInterval":"1m"}],
              "Risk":{"DryRun":false},"Dashboard":{"Enabled":false} } }
            """);

        var run = await Run("run", "--config", config, "--env-file", env, "--exchange", "firi", "--firi-url", "http://127.0.0.1:9", "--live", "--fresh");

        AssertOneLine(run, "--fresh is refused for live");
        Assert.False(Directory.Exists(DataDir));
    }

    [Fact]
    public async Task Run_LiveDatabaseOfAnotherAccount_OneLineNamingBothAndNothingChanged()
    {
        var config = _temp.Write("live.json", $$"""
            {"GridTrader":{"Mode":"live","DataDirectory":"{{DataDir}}","Markets":[{"Symbol":"BTCNOK","CandleInterval":"1m"}],
              "Risk":{"DryRun":false},"Dashboard":{"Enabled":false} } }
            """);
        var live = Path.Combine(DataDir, "live");
        await using (var store = SqliteStore.Open(live))
        {
            await store.SetMetaAsync(MetaKeys.Mode, "live");
            await store.SetMetaAsync(MetaKeys.Account, StateIdentity.Fingerprint("client-of-yesterday"));
        }

        var before = Hash(SqliteStore.DatabasePathIn(live));
        var env = _temp.Write("live.env", "FIRI_CLIENT_ID=client-of-today\nFIRI_SECRET_KEY=secret-1\n");

        var run = await Run("run", "--config", config, "--env-file", env, "--exchange", "firi", "--firi-url", "http://127.0.0.1:9", "--live");

        var line = AssertOneLine(run, StateIdentity.Fingerprint("client-of-yesterday"), StateIdentity.Fingerprint("client-of-today"), "--data-dir");
        Assert.DoesNotContain("client-of-today", line, StringComparison.Ordinal);
        Assert.Equal(before, Hash(SqliteStore.DatabasePathIn(live)));
    }

    [Fact]
    public async Task Run_CandlesOneMillisecondApart_OneLineNamingTheInterval()
    {
        var run = await Run("run", "--config", SimulatedConfig(stepMs: 1));

        AssertOneLine(run, "1ms apart", "whole-minute");
    }

    [Fact]
    public async Task Plan_PriceBeyondDecimalRange_OneLine()
    {
        var run = await Run("plan", "--config", _temp.DefaultConfig(), "--price", "79228162514264337593543950335", "--atr", "12000");

        AssertOneLine(run, "--price", "too large");
    }

    [Fact]
    public async Task Pause_UnknownMarket_ListsTheConfiguredOnesAndSavesNothing()
    {
        var config = SimulatedConfig();
        var simulated = Path.Combine(DataDir, "simulated");
        SqliteStore.Open(simulated).Dispose();
        var before = Hash(SqliteStore.DatabasePathIn(simulated));

        var pause = await Run("pause", "BTCNOKK", "--config", config, "--mode", "simulated");
        var resume = await Run("resume", "--market", "ETHNOK", "--config", config, "--mode", "simulated");

        AssertOneLine(pause, "'BTCNOKK' is not a configured market", "BTCNOK.");
        AssertOneLine(resume, "'ETHNOK' is not a configured market", "BTCNOK");
        Assert.Equal(before, Hash(SqliteStore.DatabasePathIn(simulated)));
    }

    [Fact]
    public async Task Kill_ReasonWithLineBreaksAndAHundredKilobytes_IsStoredAsOneShortLine()
    {
        var config = SimulatedConfig();
        var simulated = Path.Combine(DataDir, "simulated");
        SqliteStore.Open(simulated).Dispose();
        var reason = "fat finger\r\n2026-01-01 ERR forged log line\n" + new string('x', 100_000); // about the most one argument may hold

        var kill = await Run("kill", "--reason", reason, "--config", config, "--mode", "simulated");

        Assert.True(kill.ExitCode == 0, kill.Output);
        await using var store = SqliteStore.OpenReadOnly(simulated);
        var stored = (await store.LoadRiskStateAsync())!.KillReason!;
        Assert.StartsWith("fat finger 2026-01-01 ERR forged log line xxx", stored, StringComparison.Ordinal);
        Assert.True(stored.Length <= OperatorReason.MaxLength, $"{stored.Length} characters");
        Assert.DoesNotContain('\n', stored);
        var journal = await store.LoadJournalAsync(name: RiskEvent.KillEngaged);
        Assert.All(journal, e => Assert.True(e.Message.Length < 300 && !e.Message.Contains('\n', StringComparison.Ordinal), e.Message));
    }

    [Fact]
    public async Task Run_TokenFileLeftByACrashedStart_PrintsTheDashboardUrlWithTheToken()
    {
        Directory.CreateDirectory(DataDir);
        const string token = "0123456789abcdef0123456789abcdef0123456789abcdef";
        await File.WriteAllTextAsync(Path.Combine(DataDir, "dashboard.token"), token);

        var run = await Run("run", "--config", SimulatedConfig());

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains($"/#token={token}", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_BaseHeldWithoutUseExistingBase_PrintsAHintNamingTheSetting()
    {
        // One BTC at about 100,000 NOK is half the equity, far above the 20% per-market cap.
        var run = await Run("run", "--config", SimulatedConfig(balances: "\"NOK\":100000,\"BTC\":1"));

        Assert.True(run.ExitCode == 0, run.Output);
        var hint = Assert.Single(run.Output.Split('\n'), l => l.StartsWith("hint:", StringComparison.Ordinal));
        Assert.Contains("Markets:0:UseExistingBase is false", hint, StringComparison.Ordinal);
        Assert.Contains("every buy will be refused", hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SimulatedToTheEnd_EveryDirectoryAndFileIsOwnerOnly()
    {
        if (OperatingSystem.IsWindows()) return; // Unix permissions only

        var run = await Run("run", "--config", SimulatedConfig());

        Assert.True(run.ExitCode == 0, run.Output);
        var simulated = Path.Combine(DataDir, "simulated");
        foreach (var dir in new[] { DataDir, simulated, Path.Combine(simulated, "logs") })
            Assert.Equal(PrivateFiles.DirectoryMode, File.GetUnixFileMode(dir));
        var files = Directory.EnumerateFiles(Path.Combine(simulated, "logs"))
            .Append(SqliteStore.DatabasePathIn(simulated)).Append(Path.Combine(DataDir, "dashboard.token"))
            .Append(Path.Combine(DataDir, InstanceLock.FileName)).Append(Path.Combine(DataDir, "last-mode")).ToList();
        Assert.Contains(files, f => f.EndsWith(".jsonl", StringComparison.Ordinal));
        foreach (var file in files) Assert.True(File.GetUnixFileMode(file) == PrivateFiles.FileMode, $"{file}: {File.GetUnixFileMode(file)}");
    }
}
