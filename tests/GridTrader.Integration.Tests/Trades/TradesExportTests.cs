using GridTrader.Core.Accounting;
using GridTrader.Core.Markets;
using GridTrader.Integration.Tests.Cli;
using GridTrader.Integration.Tests.Support;
using GridTrader.Trades;

namespace GridTrader.Integration.Tests.Trades;

/// <summary>
/// <c>trades export</c> on a known sequence of fills (<see cref="TradeFills.Known"/>) whose FIFO result was computed by
/// hand: BTC gains 2,347.50 and loses 597.50, ETH gains 770.00; 2026 totals gains 3,117.50, losses 597.50, net 2,520.00.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class TradesExportTests
{
    private static readonly (DateTimeOffset From, DateTimeOffset To) Year2026 = TradeExport.YearBounds(2026);

    [Fact]
    public void FifoGains_KnownFills_MatchTheHandComputedResult()
    {
        var gains = FifoGains.Compute(TradeFills.Known, Year2026.From, Year2026.To).ToDictionary(g => g.Asset);

        Assert.Equal(["BTC", "ETH"], gains.Keys.Order());
        var btc = gains["BTC"];
        Assert.Equal(2, btc.Sells);
        Assert.Equal(16_417.50m + 9_452.50m, btc.Proceeds);
        Assert.Equal(14_070m + 10_050m, btc.Cost);
        Assert.Equal(2_347.50m, btc.Gains);
        Assert.Equal(597.50m, btc.Losses);
        Assert.Equal(0m, btc.UnmatchedAmount);
        var eth = gains["ETH"];
        Assert.Equal(15_920m, eth.Proceeds);
        Assert.Equal(15_150m, eth.Cost);
        Assert.Equal(770m, eth.Gains);
        Assert.Equal(0m, eth.Losses);
    }

    [Fact]
    public void FifoGains_SellWithoutARecordedPurchase_IsReportedApartNotGuessed()
    {
        var at = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
        Fill[] fills =
        [
            new(1, "BTCNOK", "BTC", "NOK", Side.Buy, 1_000_000m, 0.001m, 0m, "NOK", at),
            new(2, "BTCNOK", "BTC", "NOK", Side.Sell, 1_000_000m, 0.003m, 0m, "NOK", at.AddDays(1)),
        ];

        var btc = Assert.Single(FifoGains.Compute(fills, Year2026.From, Year2026.To));

        // 0.001 matched at cost 1,000 against proceeds 1,000; the other 0.002 (2,000 NOK) has no known cost.
        Assert.Equal(0m, btc.Gains + btc.Losses);
        Assert.Equal(0.002m, btc.UnmatchedAmount);
        Assert.Equal(2_000m, btc.UnmatchedProceeds);
    }

    [Fact]
    public async Task Export_Csv_WritesEveryFillOfTheYearWithNokValuesAndTheFifoSummary()
    {
        using var temp = new TempDirectory();
        await TradeFills.StoreAsync(Path.Combine(temp.Path, "live"), TradeFills.Known);

        var run = await CliRunner.RunAsync("trades", "export", "--year", "2026", "--format", "csv", "--mode", "live", "--data-dir", temp.Path);

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Out.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("time,market,side,price,amount,fee,fee_currency,nok_value,fee_nok,order_id,level", lines[0]);
        Assert.Equal(5, lines.Length - 1);
        Assert.Equal("2026-01-10T12:00:00.000Z,BTCNOK,buy,1000000,0.02,100,NOK,20000.00,100.00,2,2", lines[1]);
        Assert.Equal("2026-01-20T12:00:00.000Z,ETHNOK,buy,30000,1.01,0.01,ETH,30300.00,300.00,3,2", lines[2]);
        Assert.Equal("2026-02-01T12:00:00.000Z,BTCNOK,sell,1100000,0.015,82.5,NOK,16500.00,82.50,4,4", lines[3]);
        Assert.DoesNotContain(lines, l => l.StartsWith("2025", StringComparison.Ordinal) || l.StartsWith("2027", StringComparison.Ordinal));

        Assert.Contains("THIS BOT'S OWN TRADES ONLY", run.Error, StringComparison.Ordinal);
        Assert.Matches(@"BTC\s+2\s+25870\.00\s+24120\.00\s+2347\.50\s+597\.50\s+1750\.00", run.Error);
        Assert.Matches(@"ETH\s+1\s+15920\.00\s+15150\.00\s+770\.00\s+0\.00\s+770\.00", run.Error);
        Assert.Matches(@"total\s+3\s+41790\.00\s+39270\.00\s+3117\.50\s+597\.50\s+2520\.00", run.Error);
    }

    [Fact]
    public async Task Export_KryptosekkenToFile_WritesItsImportColumnsAndTheSummaryBeside()
    {
        using var temp = new TempDirectory();
        await TradeFills.StoreAsync(Path.Combine(temp.Path, "live"), TradeFills.Known);
        var file = Path.Combine(temp.Path, "kryptosekken-2026.csv");

        var run = await CliRunner.RunAsync("trades", "export", "--year", "2026", "--format", "kryptosekken", "--out", file, "--mode", "live",
            "--data-dir", temp.Path);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("", run.Out);
        var lines = (await File.ReadAllTextAsync(file)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Tidspunkt,Type,Inn,Inn-Valuta,Ut,Ut-Valuta,Gebyr,Gebyr-Valuta,Marked,Notat", lines[0]);
        Assert.Equal("2026-01-10 12:00:00,Handel,0.02,BTC,20000,NOK,100,NOK,Firi,GridTrader BTCNOK buy order 2 level 2", lines[1]);
        Assert.Equal("2026-02-01 12:00:00,Handel,16500,NOK,0.015,BTC,82.5,NOK,Firi,GridTrader BTCNOK sell order 4 level 4", lines[3]);
        Assert.Equal(6, lines.Length);
        Assert.Contains("2520.00", await File.ReadAllTextAsync(file + ".summary.txt"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_NoDatabaseForTheMode_FailsWithOneLine()
    {
        using var temp = new TempDirectory();

        var run = await CliRunner.RunAsync("trades", "export", "--year", "2026", "--mode", "live", "--data-dir", temp.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: no live database at ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_YearOutOfRange_FailsWithOneLine()
    {
        using var temp = new TempDirectory();

        var run = await CliRunner.RunAsync("trades", "export", "--year", "26", "--mode", "live", "--data-dir", temp.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: --year 26", run.Error, StringComparison.Ordinal);
    }
}
