using System.Text.RegularExpressions;
using GridTrader.FiriMock;
using GridTrader.FiriMock.Auth;
using GridTrader.FiriMock.Cli;
using GridTrader.Tests.Shared;

namespace GridTrader.Exchanges.Tests.FiriMock;

public class FiriMockCommandLineTests
{
    private static FiriMockOptions Parse(params string[] args) =>
        MockCommandLine.ToOptions(MockCommandLine.Create(TextWriter.Null).Parse(args));

    [Fact]
    public void ToOptions_NoArguments_DefaultsFromTheIssue()
    {
        var options = Parse();

        Assert.Equal(5090, options.Port);
        Assert.Equal(MockPriceSource.RandomWalk, options.PriceSource);
        Assert.Equal(42, options.Seed);
        Assert.Equal(["BTCNOK", "ETHNOK"], options.Markets.Select(m => m.Info.Symbol));
        Assert.Equal([0.0001m, 0.001m], options.Markets.Select(m => m.Info.MinAmount));
        var key = Assert.Single(options.EffectiveKeys);
        Assert.Equal((FiriMockOptions.DefaultClientId, MockPermissions.All), (key.ClientId, key.Permissions));
    }

    [Fact]
    public void ToOptions_EveryOption_Applied()
    {
        var data = TestRepository.SampleData("BTCUSDT-5m-2023-03-20_26.csv.gz");

        var options = Parse("--port", "5099", "--data", data, "--price-multiplier", "11", "--eth-ratio", "0.05",
            "--candle-seconds", "0.5", "--api-key", "K", "--client-id", "C", "--secret", "S", "--read-only",
            "--balance", "NOK=5000,btc=0.5", "--faults", "5xx=0.1;skew=+2s", "--seed", "9", "--fee", "0.002",
            "--signature-grace-ms", "250", "--strict-signatures");

        Assert.Equal((5099, MockPriceSource.CandleFile, data), (options.Port, options.PriceSource, options.DataFile));
        Assert.Equal((11m, 0.05m, TimeSpan.FromMilliseconds(500)), (options.PriceMultiplier, options.FollowerRatio, options.CandleDuration));
        Assert.Equal(new MockApiKey("K", "C", "S", MockPermissions.Read), Assert.Single(options.Keys));
        Assert.Equal(new Dictionary<string, decimal> { ["NOK"] = 5000m, ["BTC"] = 0.5m }, options.Balances);
        Assert.Equal("5xx=0.1;skew=+2s", options.Faults.ToString());
        Assert.Equal((9, 0.002m), (options.Seed, options.FeeRate));
        Assert.Equal((TimeSpan.FromMilliseconds(250), true), (options.Auth.ExpiryGrace, options.Auth.Strict));
    }

    [Theory]
    [InlineData("NOK")]
    [InlineData("NOK=lots")]
    [InlineData("=5")]
    [InlineData("NOK=-5")]
    public void ParseBalances_Malformed_FormatException(string text)
    {
        Assert.Throws<FormatException>(() => MockCommandLine.ParseBalances(text));
    }

    [Fact]
    public async Task Run_PortZero_PrintsOneReadyLineServesAndStopsOnCancel()
    {
        using var output = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var run = MockCommandLine.Create(output).Parse(["--port", "0", "--seed", "3", "--scripted"]).InvokeAsync(cancellationToken: stop.Token);

        string text;
        while ((text = output.ToString()).Length == 0 && !run.IsCompleted) await Task.Delay(20);
        var match = Regex.Match(text, """^FiriMock listening on (http://127\.0\.0\.1:\d+) \(markets BTCNOK, ETHNOK; prices scripted; seed 3\)\r?\n$""");
        Assert.True(match.Success, text);
        using var http = new HttpClient();
        var markets = await http.GetStringAsync(match.Groups[1].Value + "/v2/markets");
        await stop.CancelAsync();

        Assert.Equal(MockCommandLine.ExitOk, await run);
        Assert.StartsWith("""[{"id":"BTCNOK","last":"1000000.00",""", markets);
    }
}
