using System.Text.Json;
using GridTrader.Core.Risk;
using GridTrader.Integration.Tests.Cli;
using GridTrader.Integration.Tests.Support;
using GridTrader.Storage;

namespace GridTrader.Integration.Tests.State;

/// <summary>
/// <c>status</c> tells the truth: with no bot holding the data directory's lock the state is NotRunning and the recorded
/// one is last_state; halt_reason appears whenever that state is Halted.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class StatusTruthTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 2, 1, 9, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string DataDir => Path.Combine(_temp.Path, "data");

    private string ConfigFile()
    {
        var path = Path.Combine(_temp.Path, "bot.json");
        // Nothing listens on port 9: a bot's API that does not answer.
        File.WriteAllText(path, $$"""
            {"GridTrader":{"Mode":"paper","DataDirectory":"{{DataDir}}","Markets":[{"Symbol":"BTCNOK","CandleInterval":"1m"}],
              "Dashboard":{"Url":"http://127.0.0.1:9"} } }
            """);
        return path;
    }

    /// <summary>A paper database whose bot went through <paramref name="states"/>, each transition with its reason.</summary>
    private async Task SeedAsync(params (BotState To, string Reason)[] states)
    {
        await using var store = SqliteStore.Open(Path.Combine(DataDir, "paper"));
        var from = BotState.Stopped;
        foreach (var (to, reason) in states)
        {
            await store.SaveBotStateAsync(new BotStateTransition(from, to, reason, T0));
            from = to;
        }
    }

    private async Task<JsonElement> StatusAsync()
    {
        var run = await CliRunner.RunAsync("status", "--json", "--config", ConfigFile());
        Assert.True(run.ExitCode == 0, run.ToString());
        return JsonDocument.Parse(run.Out).RootElement.Clone();
    }

    [Fact]
    public async Task Status_KilledWhileRunning_SaysNotRunningWithTheLastState()
    {
        await SeedAsync((BotState.Starting, "startup"), (BotState.Running, "reconciled"));

        var status = await StatusAsync();

        Assert.Equal("NotRunning", status.GetProperty("state").GetString());
        Assert.Equal("Running", status.GetProperty("last_state").GetString());
        Assert.Equal("paper", status.GetProperty("mode").GetString());
        Assert.Equal("database (bot not running)", status.GetProperty("source").GetString());
        Assert.False(status.TryGetProperty("halt_reason", out _));
    }

    [Fact]
    public async Task Status_HaltedBotNotRunning_CarriesTheHaltReason()
    {
        await SeedAsync((BotState.Starting, "startup"), (BotState.Running, "reconciled"), (BotState.Halted, "Firi refused the credentials (401 Unauthorized)"));

        var status = await StatusAsync();

        Assert.Equal("NotRunning", status.GetProperty("state").GetString());
        Assert.Equal("Halted", status.GetProperty("last_state").GetString());
        Assert.Equal("Firi refused the credentials (401 Unauthorized)", status.GetProperty("halt_reason").GetString());
    }

    [Fact]
    public async Task Status_LockHeldButApiSilent_ReportsTheRecordedStateAsCurrent()
    {
        await SeedAsync((BotState.Starting, "startup"), (BotState.Halted, "kill-switch still engaged: manual"));
        using var running = InstanceLock.Acquire(DataDir);

        var status = await StatusAsync();

        Assert.Equal("Halted", status.GetProperty("state").GetString());
        Assert.False(status.TryGetProperty("last_state", out _));
        Assert.Equal("kill-switch still engaged: manual", status.GetProperty("halt_reason").GetString());
        Assert.StartsWith("database (bot running", status.GetProperty("source").GetString(), StringComparison.Ordinal);
    }
}
