using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using GridTrader.Core.MarketData;
using GridTrader.Exchanges.MarketData;
using GridTrader.Tests.Shared;

namespace GridTrader.Exchanges.Tests.MarketData;

/// <summary>The reader on real Binance candles: the shipped data/ slices, and the full files when present.</summary>
public partial class CandleDataRealTests
{
    private const string Full5mBtc = "BTCUSDT_binance-spot_5m_2022-08-01_2025-11-03.csv.gz";

    // Binance halted spot trading on 2023-03-24; the 5m candles 12:40 → 13:55 UTC are missing.
    private static readonly CandleGap SpotHaltGap = new(
        new DateTimeOffset(2023, 3, 24, 12, 40, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(),
        new DateTimeOffset(2023, 3, 24, 13, 55, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(),
        16);

    [Fact]
    public void Scan_ShippedOutageWeek_ReportsTheSpotHaltGap()
    {
        var report = new CandleCsvReader(TestRepository.SampleData("BTCUSDT-5m-2023-03-20_26.csv.gz")).Scan();

        Assert.Equal(TimeSpan.FromMinutes(5), report.Series.Interval);
        Assert.Equal([SpotHaltGap], report.Series.Gaps);
        Assert.Equal(7 * 288 - 16, report.Series.Count);
    }

    [FullDataFact(Full5mBtc)]
    public void Scan_Full5mBtcFile_ReportsOnlyTheSpotHaltGap()
    {
        var report = new CandleCsvReader(TestRepository.FullData(Full5mBtc)!).Scan();

        Assert.Equal([SpotHaltGap], report.Series.Gaps);
        Assert.Equal(342_869, report.Series.Count);
        Assert.Equal(0, report.DuplicatesSkipped);
    }

    [Fact]
    public void Read_Shipped1mFile_FirstAndLastRowsAreTheSourceValues()
    {
        var candles = new CandleCsvReader(TestRepository.SampleData("BTCUSDT-1m-2025-07.csv.gz")).Read().ToList();

        Assert.Equal(new Candle(1751328000000, 107146.51m, 107146.51m, 107123.13m, 107126.37m, 8.20753m), candles[0]);
        Assert.Equal(new Candle(1754006340000, 115730.64m, 115776.97m, 115730.64m, 115764.08m, 10.92383m), candles[^1]);
    }

    [Fact]
    public void Scan_ShippedFiles_MatchTheFiguresInDataReadme()
    {
        var readme = File.ReadAllText(Path.Combine(TestRepository.Root, "data", "README.md"));
        var rows = FileRow().Matches(readme);
        var hashes = HashLine().Matches(readme).ToDictionary(m => m.Groups["file"].Value, m => m.Groups["hash"].Value);
        var shipped = Directory.GetFiles(Path.Combine(TestRepository.Root, "data"), "*.csv.gz").Select(Path.GetFileName);
        Assert.Equal(shipped.Order(), rows.Select(r => r.Groups["file"].Value).Order());

        foreach (var row in rows.Cast<Match>())
        {
            var file = row.Groups["file"].Value;
            var path = TestRepository.SampleData(file);
            var series = new CandleCsvReader(path).Scan().Series;

            Assert.Equal(row.Groups["interval"].Value, CandleInterval.Format(series.Interval!.Value));
            Assert.Equal(row.Groups["first"].Value, Minute(series.FirstOpenTime!.Value));
            Assert.Equal(row.Groups["last"].Value, Minute(series.LastOpenTime!.Value));
            Assert.Equal(long.Parse(row.Groups["rows"].Value, CultureInfo.InvariantCulture), series.Count);
            Assert.Equal(int.Parse(row.Groups["gaps"].Value, CultureInfo.InvariantCulture), series.Gaps.Count);
            Assert.Equal(long.Parse(row.Groups["missing"].Value, CultureInfo.InvariantCulture), series.MissingCount);
            Assert.Equal(long.Parse(row.Groups["bytes"].Value, CultureInfo.InvariantCulture), new FileInfo(path).Length);
            Assert.Equal(hashes[file], Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
        }
    }

    private static string Minute(DateTimeOffset time) => time.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\| `(?<file>[^`]+\.csv\.gz)` \| (?<interval>\w+) \| (?<first>[\d-]+ [\d:]+) → (?<last>[\d-]+ [\d:]+) \| (?<rows>\d+) \| (?<gaps>\d+) \((?<missing>\d+)\) \| (?<bytes>\d+) \|$", RegexOptions.Multiline)]
    private static partial Regex FileRow();

    [GeneratedRegex(@"^(?<hash>[0-9a-f]{64})  (?<file>\S+)$", RegexOptions.Multiline)]
    private static partial Regex HashLine();
}
