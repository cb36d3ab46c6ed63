using System.Text.Json;
using System.Text.Json.Nodes;
using GridTrader.FiriMock;
using GridTrader.Integration.Tests.Support;
using GridTrader.Soak;

namespace GridTrader.Integration.Tests.Modes;

/// <summary>
/// <c>gridtrader markets add|enable|disable|remove</c> as a person runs them: separate processes reaching a bot that
/// paper-trades BTCNOK on the Firi mock (which also lists ETHNOK at 30,000 NOK), each change made without a restart,
/// validated and saved to the configuration file like any other edit.
/// </summary>
public sealed class MarketChangeTests
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    [Trait("Category", "Process")]
    public async Task Markets_AddDisableEnableRemoveOnARunningBot_ChangeItWithoutARestartAndSaveTheFile()
    {
        using var temp = new TempDirectory();
        await using var mock = new FiriMockServer();
        var url = await mock.StartAsync(new FiriMockOptions { Port = 0, PriceSource = MockPriceSource.Scripted, Seed = 5 });
        var config = Path.Combine(temp.Path, "bot.json");
        await File.WriteAllTextAsync(config, $$"""
            {"GridTrader":{"Mode":"paper","DataDirectory":"{{Path.Combine(temp.Path, "data")}}",
              "Exchange":{"RequestsPerSecond":100,"Burst":20},
              "Simulation":{"InitialBalances":{"NOK":100000} },
              "Markets":[{"Symbol":"BTCNOK","CandleInterval":"1m"}],
              "Grid":{"Levels":6,"SpacingMode":"FixedPercent","SpacingPct":1.5,"TrendFilterEnabled":false},
              "Risk":{"DryRun":true,"MaxSpreadPct":5},
              "Engine":{"TickerPollSeconds":0.2,"OrderPollSeconds":0.2},
              "Dashboard":{"Url":"http://127.0.0.1:0"} } }
            """);
        string[] common = ["--config", config];

        using var bot = ChildProcess.Start("gridtrader.dll", ["run", "--exchange", "firi", "--firi-url", url.ToString(), .. common]);
        await bot.WaitForLineAsync("Dashboard:", TimeSpan.FromSeconds(60));
        await StatusAsync(common, s => MarketOrders(s, "BTCNOK") > 0);

        // Added: traded at once with its fixed NOK budget, and saved.
        var add = await CliAsync(["markets", "add", "ETHNOK", "--investment-nok", "15000", "--candle-interval", "1m", "--min-amount", "0.001", .. common]);
        Assert.True(add.ExitCode == 0, add.Output);
        await StatusAsync(common, s => MarketOrders(s, "ETHNOK") > 0);
        var eth = Market(Saved(config), "ETHNOK")!;
        Assert.Equal(15_000m, eth["InvestmentNok"]!.GetValue<decimal>());

        // Disabling with resting orders needs a choice; without one nothing changes.
        var ask = await CliAsync(["markets", "disable", "ETHNOK", .. common]);
        Assert.NotEqual(0, ask.ExitCode);
        Assert.Contains("resting order(s)", ask.Output, StringComparison.Ordinal);
        Assert.True(Market(Saved(config), "ETHNOK")!["Enabled"]!.GetValue<bool>());

        var disable = await CliAsync(["markets", "disable", "ETHNOK", "--cancel-orders", .. common]);
        Assert.True(disable.ExitCode == 0, disable.Output);
        Assert.Contains("cancelled", disable.Output, StringComparison.Ordinal);
        await StatusAsync(common, s => !HasMarket(s, "ETHNOK"));
        Assert.False(Market(Saved(config), "ETHNOK")!["Enabled"]!.GetValue<bool>());

        var enable = await CliAsync(["markets", "enable", "ETHNOK", .. common]);
        Assert.True(enable.ExitCode == 0, enable.Output);
        await StatusAsync(common, s => MarketOrders(s, "ETHNOK") > 0);

        var remove = await CliAsync(["markets", "remove", "ETHNOK", "--leave-orders", .. common]);
        Assert.True(remove.ExitCode == 0, remove.Output);
        Assert.Contains("left on the exchange", remove.Output, StringComparison.Ordinal);
        var removed = await StatusAsync(common, s => !HasMarket(s, "ETHNOK"));
        Assert.Null(Market(Saved(config), "ETHNOK"));
        Assert.Equal(MarketOrders(removed, "BTCNOK"), removed.GetProperty("open_orders").GetInt32());

        // A change the configuration cannot take (above the per-market cap) is refused and changes nothing.
        var tooBig = await CliAsync(["markets", "add", "ETHNOK", "--investment-nok", "50000", .. common]);
        Assert.Equal(2, tooBig.ExitCode);
        Assert.Contains("InvestmentNok", tooBig.Output, StringComparison.Ordinal);
        Assert.Null(Market(Saved(config), "ETHNOK"));
        Assert.False(HasMarket(await StatusAsync(common, _ => true), "ETHNOK"));

        // A market that cannot be saved is not traded: the next start would not know it, nor watch its orders.
        // (The command reads a copy to find the bot; the bot's own file is what cannot be written.)
        var good = await File.ReadAllTextAsync(config);
        var copy = Path.Combine(temp.Path, "copy.json");
        await File.WriteAllTextAsync(copy, good);
        await File.WriteAllTextAsync(config, "{ \"GridTrader\": { broken");
        var unsaved = await CliAsync(["markets", "add", "ETHNOK", "--investment-nok", "15000", "--candle-interval", "1m", "--min-amount", "0.001",
            "--config", copy]);
        Assert.NotEqual(0, unsaved.ExitCode);
        Assert.Contains("could not be saved", unsaved.Output, StringComparison.Ordinal);
        Assert.False(HasMarket(await StatusAsync(["--config", copy], _ => true), "ETHNOK"));
        Assert.Equal("{ \"GridTrader\": { broken", await File.ReadAllTextAsync(config));
        await File.WriteAllTextAsync(config, good);

        Assert.Equal(0, await bot.StopAsync(TimeSpan.FromSeconds(30)));
    }

    private static Task<(int ExitCode, string Output)> CliAsync(string[] args) => ChildProcess.RunToEndAsync("gridtrader.dll", args, CommandTimeout);

    private static JsonNode Saved(string config) => JsonNode.Parse(File.ReadAllText(config))!;

    private static JsonNode? Market(JsonNode config, string symbol) =>
        config["GridTrader"]!["Markets"]!.AsArray().FirstOrDefault(m => m!["Symbol"]!.GetValue<string>() == symbol);

    private static bool HasMarket(JsonElement status, string symbol) =>
        status.GetProperty("markets").EnumerateArray().Any(m => m.GetProperty("symbol").GetString() == symbol);

    private static int MarketOrders(JsonElement status, string symbol) =>
        status.GetProperty("markets").EnumerateArray().Where(m => m.GetProperty("symbol").GetString() == symbol)
            .Select(m => m.GetProperty("open_orders").GetInt32()).FirstOrDefault();

    private static async Task<JsonElement> StatusAsync(string[] common, Func<JsonElement, bool> until)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var (code, output) = await ChildProcess.RunToEndAsync("gridtrader.dll", ["status", "--json", .. common], CommandTimeout);
            Assert.True(code == 0, output);
            var status = JsonDocument.Parse(output.Split('\n').First(l => l.StartsWith('{'))).RootElement.Clone();
            if (until(status)) return status;
            Assert.True(DateTime.UtcNow < deadline, $"status never showed what was expected: {status}");
            await Task.Delay(250);
        }
    }
}
