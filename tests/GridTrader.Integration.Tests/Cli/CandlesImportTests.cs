using System.Text.Json;
using GridTrader.Core.MarketData;
using GridTrader.Hosting;
using GridTrader.Storage;
using GridTrader.Tests.Shared;

namespace GridTrader.Integration.Tests.Cli;

/// <summary><c>gridtrader candles import FILE --market M</c>: a candle CSV into the store, recorded as imported.</summary>
[Collection(CliCollection.Name)]
public sealed class CandlesImportTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Import_ShippedWeekFile_StoresEveryCandleAsImportedAndStatusShowsTheSource()
    {
        var data = _temp.File("data");
        var file = TestRepository.SampleData("BTCUSDT-5m-2023-03-20_26.csv.gz");

        var run = await CliRunner.RunAsync("candles", "import", file, "--market", "BTCNOK", "--price-multiplier", "10", "--data-dir", data,
            "--config", _temp.DefaultConfig(), "--mode", "paper");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Imported 2000 5m candles of BTCNOK", run.Out, StringComparison.Ordinal);
        Assert.Contains("(paper)", run.Out, StringComparison.Ordinal);
        await using (var store = SqliteStore.OpenReadOnly(DataPaths.For(data).ForMode(RunMode.Paper).Root))
        {
            Assert.Equal(new Dictionary<string, long> { [CandleSources.Import] = 2000 }, await store.CountCandlesBySourceAsync("BTCNOK", TimeSpan.FromMinutes(5)));
            // Prices × 10, on the market's tick: the week's first open, 27 972.87 USDT, as 279 728.70 NOK.
            Assert.Equal(10m * 27_972.87m, (await store.LoadCandlesAsync("BTCNOK", TimeSpan.FromMinutes(5), null, 2000))[0].Open);
        }

        // No bot answers on port 9 (another one may listen on the default 5080): status reads the database.
        var offline = _temp.Write("offline.json", """{"GridTrader":{"Markets":[{"Symbol":"BTCNOK"}],"Dashboard":{"Url":"http://127.0.0.1:9"}}}""");
        var status = await CliRunner.RunAsync("status", "--json", "--data-dir", data, "--config", offline, "--mode", "paper");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("database (bot not running)", status.Out, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(status.Out);
        var history = doc.RootElement.GetProperty("markets")[0].GetProperty("history");
        Assert.Equal(("5m", 2000L), (history.GetProperty("interval").GetString(), history.GetProperty("sources").GetProperty("import").GetInt64()));
    }

    [Theory]
    [InlineData("nope.csv.gz", "BTCNOK", "candle file not found")]
    [InlineData("BTCUSDT-5m-2023-03-20_26.csv.gz", "BTC-NOK", "is not a market symbol")]
    public async Task Import_BadInput_FailsWithOneLineAndStoresNothing(string name, string market, string message)
    {
        var data = _temp.File("data");
        var file = name.StartsWith("nope", StringComparison.Ordinal) ? _temp.File(name) : TestRepository.SampleData(name);

        var run = await CliRunner.RunAsync("candles", "import", file, "--market", market, "--data-dir", data, "--config", _temp.DefaultConfig());

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.Exists(data) ? Directory.EnumerateFiles(data, "*.db", SearchOption.AllDirectories) : []);
    }
}
