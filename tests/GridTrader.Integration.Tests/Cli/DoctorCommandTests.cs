using System.Text.Json;
using GridTrader.FiriMock;
using GridTrader.FiriMock.Faults;
using GridTrader.Tests.Shared;

namespace GridTrader.Integration.Tests.Cli;

/// <summary>
/// <c>gridtrader doctor</c> against the Firi mock: green on a good account, and red, with the fix named, for a wrong
/// secret, a skewed clock and too little money.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class DoctorCommandTests : IDisposable
{
    private static readonly string[] ExpectedChecks =
    [
        "configuration", "data directory", "lock", "dashboard port", "firi", "clock skew", "api key", "markets", "balances",
        "history BTCNOK", "request rate", "notifications",
    ];

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static async Task<(FiriMockServer Mock, string Url)> MockAsync(Action<FiriMockOptions>? adjust = null)
    {
        var options = new FiriMockOptions
        {
            Port = 0,
            PriceSource = MockPriceSource.CandleFile,
            DataFile = TestRepository.SampleData("BTCUSDT-1m-2025-07.csv.gz"),
            HistoryCandles = 15_000,
        };
        options.Balances.Remove("BTC");
        options.Balances.Remove("ETH");
        adjust?.Invoke(options);
        var mock = new FiriMockServer();
        var url = (await mock.StartAsync(options)).AbsoluteUri.TrimEnd('/');
        return (mock, url);
    }

    private async Task<(CliRun Run, JsonElement[] Checks)> DoctorAsync(string url, string secret = FiriMockOptions.DefaultSecret, bool json = true)
    {
        var config = _temp.Write("bot.json", $$"""
            {"GridTrader":{"Mode":"live","DataDirectory":"{{_temp.File("data")}}",
              "Markets":[{"Symbol":"BTCNOK","CandleInterval":"1h","TrendInterval":"4h"}],
              "Risk":{"DryRun":false},
              "Dashboard":{"Url":"http://127.0.0.1:0"} } }
            """);
        var env = _temp.Write(".env", $"FIRI_API_KEY={FiriMockOptions.DefaultApiKey}\nFIRI_CLIENT_ID={FiriMockOptions.DefaultClientId}\nFIRI_SECRET_KEY={secret}\n");
        string[] args = ["doctor", "--config", config, "--env-file", env, "--live", "--firi-url", url, "--reference-url", url];
        var run = await CliRunner.RunAsync(json ? [.. args, "--json"] : args);
        if (!json) return (run, []);
        using var doc = JsonDocument.Parse(run.Out);
        return (run, [.. doc.RootElement.EnumerateArray().Select(e => e.Clone())]);
    }

    private static JsonElement Check(JsonElement[] checks, string name) => checks.Single(c => c.GetProperty("name").GetString() == name);

    [Fact]
    public async Task Doctor_GoodAccountOnTheMock_PassesEveryCheckAndExitsZero()
    {
        var (mock, url) = await MockAsync();
        await using var server = mock;

        var (run, checks) = await DoctorAsync(url);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(ExpectedChecks, checks.Select(c => c.GetProperty("name").GetString()));
        Assert.All(checks, c => Assert.True(c.GetProperty("ok").GetBoolean(), c.ToString()));
        // A warning passes, and says what to improve.
        Assert.Contains("no notification channel", Check(checks, "notifications").GetProperty("warning").GetString(), StringComparison.Ordinal);
        Assert.Contains("207 of 207 1h candles", Check(checks, "history BTCNOK").GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("requests/min", Check(checks, "request rate").GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(Check(checks, "firi").TryGetProperty("warning", out var none), none.ToString());

        var (table, _) = await DoctorAsync(url, json: false);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("All checks passed.", table.Out, StringComparison.Ordinal);
        Assert.Contains("history BTCNOK", table.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_WrongSecret_FailsTheKeyCheckNamingTheVariable()
    {
        var (mock, url) = await MockAsync();
        await using var server = mock;

        var (run, checks) = await DoctorAsync(url, secret: "not-the-secret");

        Assert.Equal(1, run.ExitCode);
        var key = Check(checks, "api key");
        Assert.False(key.GetProperty("ok").GetBoolean());
        Assert.Contains("FIRI_SECRET_KEY", key.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-secret", run.Out, StringComparison.Ordinal);
        Assert.True(Check(checks, "firi").GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task Doctor_ClockThirtySecondsOff_FailsTheClockCheckWithTheFix()
    {
        var (mock, url) = await MockAsync(o => o.Faults = FaultSpec.Parse("skew=+30s"));
        await using var server = mock;

        var (run, checks) = await DoctorAsync(url);

        Assert.Equal(1, run.ExitCode);
        var clock = Check(checks, "clock skew");
        Assert.False(clock.GetProperty("ok").GetBoolean());
        Assert.Contains("behind Firi's", clock.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("time synchronisation", clock.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_TooLittleMoney_FailsTheBalanceCheckSayingHowMuchIsMissing()
    {
        var (mock, url) = await MockAsync(o => o.Balances["NOK"] = 300m);
        await using var server = mock;

        var (run, checks) = await DoctorAsync(url);

        Assert.Equal(1, run.ExitCode);
        var balances = Check(checks, "balances");
        Assert.False(balances.GetProperty("ok").GetBoolean());
        Assert.Contains("deposit more", balances.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.All(checks.Where(c => c.GetProperty("name").GetString() != "balances"), c => Assert.True(c.GetProperty("ok").GetBoolean(), c.ToString()));
    }
}
