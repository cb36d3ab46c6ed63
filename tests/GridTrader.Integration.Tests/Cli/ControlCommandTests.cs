using System.Text.Json;
using GridTrader.Soak;
using GridTrader.Integration.Tests.Support;

namespace GridTrader.Integration.Tests.Cli;

/// <summary>
/// <c>status</c>, <c>pause</c>, <c>kill</c> and <c>resume</c> as a person runs them: separate processes reaching a
/// running bot through its API, and the database when the bot is stopped.
/// </summary>
public sealed class ControlCommandTests
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    [Trait("Category", "Process")]
    public async Task ControlCommands_AgainstARunningBotThenAStoppedOne_ActAndReport()
    {
        using var temp = new TempDirectory();
        var dataDir = Path.Combine(temp.Path, "data");
        var config = Path.Combine(temp.Path, "bot.json");
        await File.WriteAllTextAsync(config, $$"""
            {"GridTrader":{"Mode":"simulated","DataDirectory":"{{dataDir}}",
              "Simulation":{"DataFile":"data/BTCUSDT-1m-2025-07.csv.gz","PriceMultiplier":10,"CandlesPerSecond":40},
              "Markets":[{"Symbol":"BTCNOK","CandleInterval":"1m"}],
              "Grid":{"Levels":10,"SpacingMode":"FixedPercent","SpacingPct":1.2,"TrendFilterEnabled":false},
              "Dashboard":{"Url":"http://127.0.0.1:0"} } }
            """);
        string[] common = ["--config", config];

        using var bot = ChildProcess.Start("gridtrader.dll", ["run", .. common]);
        await bot.WaitForLineAsync("Dashboard:", TimeSpan.FromSeconds(60));
        var running = await StatusAsync(common, s => s.GetProperty("markets")[0].GetProperty("open_orders").GetInt32() > 0);
        Assert.Equal("Running", running.GetProperty("state").GetString());
        Assert.Equal("running bot", running.GetProperty("source").GetString());

        var pause = await ChildProcess.RunToEndAsync("gridtrader.dll", ["pause", "BTCNOK", .. common], CommandTimeout);
        Assert.Equal(0, pause.ExitCode);
        var paused = await StatusAsync(common, _ => true);
        Assert.True(paused.GetProperty("markets")[0].GetProperty("paused").GetBoolean());

        var kill = await ChildProcess.RunToEndAsync("gridtrader.dll", ["kill", "--reason", "test", .. common], CommandTimeout);
        Assert.True(kill.ExitCode == 0, kill.Output);
        var halted = await StatusAsync(common, _ => true);
        Assert.Equal("Halted", halted.GetProperty("state").GetString());
        Assert.True(halted.GetProperty("kill_switch").GetBoolean());
        Assert.Equal(0, halted.GetProperty("open_orders").GetInt32());
        Assert.Equal(0, halted.GetProperty("markets")[0].GetProperty("open_orders").GetInt32());

        Assert.Equal(0, await bot.StopAsync(TimeSpan.FromSeconds(30)));

        // Stopped: the same commands read and change the database.
        var stopped = await StatusAsync(common, _ => true);
        Assert.Equal("database (bot not running)", stopped.GetProperty("source").GetString());
        Assert.Equal("NotRunning", stopped.GetProperty("state").GetString());
        Assert.Equal("Stopped", stopped.GetProperty("last_state").GetString());
        Assert.True(stopped.GetProperty("kill_switch").GetBoolean());
        Assert.True(stopped.GetProperty("markets")[0].TryGetProperty("realized_pnl", out _));
        Assert.True(stopped.GetProperty("markets")[0].TryGetProperty("fees", out _));
        // Grid profit beside FIFO P&L, rebuilt from the stored fills exactly as the running bot had it.
        Assert.Equal(halted.GetProperty("grid_pairs").GetInt32(), stopped.GetProperty("grid_pairs").GetInt32());
        Assert.Equal(halted.GetProperty("markets")[0].GetProperty("grid_pairs").GetInt32(), stopped.GetProperty("markets")[0].GetProperty("grid_pairs").GetInt32());
        Assert.True(stopped.TryGetProperty("grid_profit", out _));
        Assert.True(stopped.GetProperty("markets")[0].TryGetProperty("grid_profit", out _));

        var resume = await ChildProcess.RunToEndAsync("gridtrader.dll", ["resume", .. common], CommandTimeout);
        Assert.True(resume.ExitCode == 0, resume.Output);
        Assert.Contains("database", resume.Output, StringComparison.Ordinal);
        var released = await StatusAsync(common, _ => true);
        Assert.False(released.GetProperty("kill_switch").GetBoolean());
    }

    private static async Task<JsonElement> StatusAsync(string[] common, Func<JsonElement, bool> until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var (code, output) = await ChildProcess.RunToEndAsync("gridtrader.dll", ["status", "--json", .. common], CommandTimeout);
            Assert.True(code == 0, output);
            var line = output.Split('\n').First(l => l.StartsWith('{'));
            var status = JsonDocument.Parse(line).RootElement.Clone();
            if (until(status) || DateTime.UtcNow > deadline) return status;
            await Task.Delay(250);
        }
    }
}
