using System.Text;
using GridTrader.Soak;
using GridTrader.Integration.Tests.Support;
using Xunit.Abstractions;

namespace GridTrader.Integration.Tests.Leaks;

/// <summary>
/// The bot as a real process in live mode, with distinctive credentials in its environment, against a server that
/// echoes those credentials back in every refusal. Afterwards no secret may be anywhere in what the bot wrote: the log
/// files, the database files (WAL included), <c>logs export</c> as JSON and CSV, and its console. Each of them is first
/// shown to hold the refusals, so a leak would be found where it would land.
/// </summary>
[Collection(Dashboard.DashboardCollection.Name)]
public sealed class SecretLeakTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> Environment = new()
    {
        ["FIRI_API_KEY"] = "leakcheck-apikey-4e1d9a7c",
        ["FIRI_CLIENT_ID"] = "leakcheck-clientid-b83f20e6",
        ["FIRI_SECRET_KEY"] = "leakcheck-secret-75c0d2f1a9",
        ["TELEGRAM_BOT_TOKEN"] = "987654321:AAleakcheckTelegramToken_c41f9e",
    };

    [Fact]
    [Trait("Category", "Process")]
    public async Task Bot_ExchangeAndTelegramEchoingCredentials_NoSecretInLogsDatabaseExportsOrConsole()
    {
        using var temp = new TempDirectory();
        await using var hostile = await HostileServer.StartAsync();
        var dataDir = Path.Combine(temp.Path, "bot");
        var config = Path.Combine(temp.Path, "bot.json");
        await File.WriteAllTextAsync(config, BotConfig(dataDir, hostile.BaseUrl));

        string console;
        using (var bot = ChildProcess.Start("gridtrader.dll", ["run", "--config", config, "--exchange", "firi", "--firi-url", hostile.BaseUrl, "--live"],
                   Environment, temp.Path))
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while ((hostile.OrdersRefused < 4 || hostile.MessagesRefused < 1) && DateTime.UtcNow < deadline)
            {
                Assert.False(bot.HasExited, "the bot stopped:\n" + bot.Tail());
                await Task.Delay(100);
            }

            Assert.True(hostile.OrdersRefused >= 4 && hostile.MessagesRefused >= 1,
                $"orders refused {hostile.OrdersRefused}, messages refused {hostile.MessagesRefused}:\n{bot.Tail()}");
            await bot.StopAsync(TimeSpan.FromSeconds(20));
            console = string.Join('\n', bot.Output);
        }

        var json = Path.Combine(temp.Path, "export.json");
        var csv = Path.Combine(temp.Path, "export.csv");
        var exportJson = await ChildProcess.RunToEndAsync("gridtrader.dll", ["logs", "export", "--data-dir", dataDir, "--output", json], TimeSpan.FromSeconds(60));
        var exportCsv = await ChildProcess.RunToEndAsync("gridtrader.dll", ["logs", "export", "--data-dir", dataDir, "--format", "csv", "--output", csv],
            TimeSpan.FromSeconds(60));
        Assert.True(exportJson.ExitCode == 0, exportJson.Output);
        Assert.True(exportCsv.ExitCode == 0, exportCsv.Output);

        // The live mode's state: <data-dir>/live with its database and logs.
        var live = Path.Combine(dataDir, "live");
        var logs = Directory.GetFiles(Path.Combine(live, "logs"));
        var database = Directory.GetFiles(live).Where(f => Path.GetFileName(f).Contains(".db", StringComparison.Ordinal)).ToList();
        var written = new Dictionary<string, byte[]>
        {
            ["log files"] = Concat(logs),
            ["database files"] = Concat(database),
            ["logs export (JSON)"] = File.ReadAllBytes(json),
            ["logs export (CSV)"] = File.ReadAllBytes(csv),
        };
        output.WriteLine($"{hostile.OrdersRefused} orders and {hostile.MessagesRefused} messages refused; scanned {logs.Length} log file(s), " +
                         $"{database.Count} database file(s) ({written["database files"].Length} bytes)");

        // Each output holds the refusals, so a secret echoed in them would be seen...
        foreach (var (name, bytes) in written)
            Assert.True(Contains(bytes, "InsufficientFunds"), $"the {name} do not show the refused orders, so the scan proves nothing");
        Assert.True(Contains(written["log files"], "401"), "the log files do not show the refused Telegram messages");
        // ...and none of them, nor anything else in the data directory, nor the console, holds a secret or a piece of one.
        var everything = Directory.GetFiles(dataDir, "*", SearchOption.AllDirectories).ToDictionary(f => f, File.ReadAllBytes);
        everything["console"] = Encoding.UTF8.GetBytes(console + exportJson.Output + exportCsv.Output);
        foreach (var (name, bytes) in written.Concat(everything))
        {
            foreach (var fragment in Environment.Values.SelectMany(Fragments))
                Assert.False(Contains(bytes, fragment), $"{name} holds '{fragment}', a piece of a secret");
        }
    }

    /// <summary>Every 12-character piece of a secret: a clipped echo counts as a leak too.</summary>
    private static IEnumerable<string> Fragments(string secret) => Enumerable.Range(0, secret.Length - 11).Select(i => secret.Substring(i, 12));

    private static byte[] Concat(IEnumerable<string> files) => [.. files.SelectMany(File.ReadAllBytes)];

    private static bool Contains(byte[] haystack, string text) => haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    private static string BotConfig(string dataDir, string url) => $$"""
        {
          "GridTrader": {
            "Mode": "live",
            "DataDirectory": "{{dataDir.Replace("\\", "\\\\", StringComparison.Ordinal)}}",
            "Exchange": { "RequestsPerSecond": 200, "Burst": 50, "TimeoutSeconds": 2, "MaxRetries": 0 },
            "Reference": { "Url": "" },
            "Markets": [ { "Symbol": "BTCNOK", "CapitalFraction": 0.2, "CandleInterval": "1m" } ],
            "Grid": { "Levels": 6, "SpacingMode": "FixedPercent", "SpacingPct": 1.5, "TrendFilterEnabled": false },
            "Risk": { "DryRun": false, "MaxSpreadPct": 5, "MaxSlippagePct": 2 },
            "Engine": { "TickerPollSeconds": 0.2, "OrderPollSeconds": 0.3, "RejectCooldownSeconds": 0.2 },
            "Dashboard": { "Enabled": false },
            "Notifications": { "BatchSeconds": 0.2, "MaxPerMinute": 60,
                               "Telegram": { "Enabled": true, "BaseUrl": "{{url}}", "ChatId": "42" } }
          }
        }
        """;
}
