using System.CommandLine;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using GridTrader.Cli;
using GridTrader.Configuration;
using GridTrader.Core.Configuration;
using GridTrader.Core.Risk;
using GridTrader.Dashboard;
using GridTrader.Engine.Live;
using GridTrader.Tests.Shared;

namespace GridTrader.Integration.Tests.Deploy;

/// <summary>
/// deploy/gridtrader.service and deploy/Dockerfile call the real command line: every gridtrader invocation in them
/// parses without error against the CLI as built, the configuration keys they set exist, the health check's pattern
/// matches what <c>status --json</c> prints for a running bot, and the exit code the unit will not restart on is the
/// CLI's invalid-input code. A renamed command, flag or key fails here instead of in production.
/// </summary>
public sealed partial class DeployFilesTests
{
    private static readonly string Unit = File.ReadAllText(Path.Combine(TestRepository.Root, "deploy", "gridtrader.service"));
    private static readonly string Dockerfile = File.ReadAllText(Path.Combine(TestRepository.Root, "deploy", "Dockerfile"));

    private static void AssertParses(string[] args, string command)
    {
        var parse = GridTraderCli.Create().Parse(args);
        Assert.True(parse.Errors.Count == 0, $"'{string.Join(' ', args)}': {string.Join("; ", parse.Errors.Select(e => e.Message))}");
        Assert.Equal(command, parse.CommandResult.Command.Name);
    }

    /// <summary>The arguments after the program in a unit's Exec line (a leading "-" only tells systemd to ignore failure).</summary>
    private static string[] ExecArgs(string key)
    {
        var line = Unit.Split('\n').Single(l => l.StartsWith(key + "=", StringComparison.Ordinal))[(key.Length + 1)..].TrimStart('-');
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith("/gridtrader", words[0], StringComparison.Ordinal);
        return words[1..];
    }

    [Fact]
    public void Unit_ExecStartAndDoctorBeforeIt_AreRealCommandsWithRealFlags()
    {
        AssertParses(ExecArgs("ExecStart"), "run");
        AssertParses(ExecArgs("ExecStartPre"), "doctor");
        // run and doctor see the same configuration, data directory and secrets.
        Assert.Equal(ExecArgs("ExecStart").SkipWhile(a => !a.StartsWith("--config", StringComparison.Ordinal)),
            ExecArgs("ExecStartPre").SkipWhile(a => !a.StartsWith("--config", StringComparison.Ordinal)));
    }

    [Fact]
    public void Unit_DoesNotRestartOnInvalidInput_TheCliExitCodeForIt()
    {
        var code = int.Parse(UnitValue("RestartPreventExitStatus"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(CommonOptions.ExitInvalidInput, code);
        Assert.Equal("SIGTERM", UnitValue("KillSignal"));
        Assert.Equal("/var/lib/gridtrader", UnitValue("WorkingDirectory"));
        Assert.Contains("--data-dir /var/lib/gridtrader", Unit, StringComparison.Ordinal);
    }

    private static string UnitValue(string key) => Unit.Split('\n').Single(l => l.StartsWith(key + "=", StringComparison.Ordinal))[(key.Length + 1)..].Trim();

    [Fact]
    public void Dockerfile_EntrypointCmdAndHealthCheck_AreRealCommandsWithRealFlags()
    {
        var entrypoint = JsonSerializer.Deserialize<string[]>(Instruction("ENTRYPOINT"))!;
        var cmd = JsonSerializer.Deserialize<string[]>(Instruction("CMD"))!;
        Assert.Equal(["dotnet", "/app/" + AssemblyFile], entrypoint);
        AssertParses(cmd, "run");

        var health = HealthCheck().Match(Dockerfile);
        Assert.True(health.Success, "HEALTHCHECK runs gridtrader status and greps its output");
        AssertParses(health.Groups["args"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries), "status");
    }

    /// <summary>The dll the Dockerfile runs is the one the project builds.</summary>
    private static string AssemblyFile => typeof(GridTraderCli).Assembly.GetName().Name + ".dll";

    [Fact]
    public void Dockerfile_HealthPattern_MatchesTheStatusOfARunningBotAndNotTheDatabasesStatus()
    {
        var pattern = HealthCheck().Match(Dockerfile).Groups["pattern"].Value;
        var running = JsonSerializer.Serialize(StatusView.From(Snapshot()));
        var fromDatabase = JsonSerializer.Serialize(StatusView.From(Snapshot(), source: "database (bot running; its API did not answer)"));

        Assert.Contains(pattern, running, StringComparison.Ordinal);
        Assert.DoesNotContain(pattern, fromDatabase, StringComparison.Ordinal);
    }

    [Fact]
    public void Dockerfile_EnvironmentSettings_AreConfigurationKeysThatExist()
    {
        var keys = EnvSetting().Matches(Dockerfile).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(keys);
        foreach (var key in keys)
        {
            var path = key.Split("__");
            Assert.Equal(GridTraderOptions.SectionName, path[0]);
            Assert.True(Resolves(typeof(GridTraderOptions), path[1..]) || Resolves(typeof(HostOptions), path[1..]), $"{key} is no setting");
        }

        Assert.Contains("VOLUME /data", Dockerfile, StringComparison.Ordinal);
        Assert.Contains("GridTrader__DataDirectory=/data", Dockerfile, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(TestRepository.Root, DockerProject().Match(Dockerfile).Groups[1].Value)), "the project the Dockerfile publishes");
        var ignore = File.ReadAllLines(Path.Combine(TestRepository.Root, ".dockerignore"));
        Assert.Contains(".env", ignore); // secrets never enter the image
    }

    private static bool Resolves(Type type, string[] path)
    {
        foreach (var name in path)
        {
            var property = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null) return false;
            type = property.PropertyType;
        }

        return true;
    }

    private static string Instruction(string name) =>
        Dockerfile.Split('\n').Single(l => l.StartsWith(name + " ", StringComparison.Ordinal))[(name.Length + 1)..].Trim();

    private static EngineSnapshot Snapshot() => new()
    {
        Time = DateTimeOffset.UnixEpoch, Mode = "paper", Exchange = "firi", State = BotState.Running, KillSwitchEngaged = false,
        GloballyPaused = false, Equity = 1m, PeakEquity = 1m, DrawdownPct = 0m, DrawdownTripped = false, TotalExposure = 0m,
        RealizedPnl = 0m, Fees = 0m, OpenOrders = [], Balances = new Dictionary<string, decimal>(), Limits = new RiskSettings(), Markets = [],
    };

    [GeneratedRegex(@"gridtrader\.dll (?<args>status [^|]+)\| grep -q '(?<pattern>[^']+)'")]
    private static partial Regex HealthCheck();

    [GeneratedRegex(@"\b(GridTrader__[A-Za-z_]+)=")]
    private static partial Regex EnvSetting();

    [GeneratedRegex(@"dotnet publish (\S+\.csproj)")]
    private static partial Regex DockerProject();
}
