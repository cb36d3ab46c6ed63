using System.IO.Compression;
using GridTrader.Core.MarketData;
using GridTrader.Exchanges.MarketData;

namespace GridTrader.Exchanges.Tests.MarketData;

public class CandleCsvReaderTests
{
    private const string Rows = """
        timestamp_ms,open,high,low,close,volume
        0,100,101,99,100.5,2
        60000,100.5,102.25,100,102,0
        120000,102,102,101.5,101.75,3.125

        """;

    private static readonly Candle[] RowsCandles =
    [
        new(0, 100m, 101m, 99m, 100.5m, 2m),
        new(60_000, 100.5m, 102.25m, 100m, 102m, 0m),
        new(120_000, 102m, 102m, 101.5m, 101.75m, 3.125m),
    ];

    [Theory]
    [InlineData(false, "data.csv")]
    [InlineData(true, "data.csv.gz")]
    [InlineData(true, "misleading.csv")]
    [InlineData(false, "misleading.csv.gz")]
    public void Read_PlainOrGzipWhateverTheName_YieldsTheRows(bool gzip, string fileName)
    {
        using var file = new TempCandleFile(Rows, gzip, fileName);
        var reader = new CandleCsvReader(file.Path);

        Assert.Equal(RowsCandles, reader.Read());
        Assert.Equal(3, reader.Report.Series.Count);
        Assert.True(reader.Report.Completed);
    }

    [Fact]
    public async Task ReadAsync_SameFile_YieldsWhatReadYields()
    {
        using var file = TempCandleFile.WithRows(TempCandleFile.MinuteRows(5_000), gzip: true);
        var reader = new CandleCsvReader(file.Path);
        var candles = new List<Candle>();
        await foreach (var candle in reader.ReadAsync()) candles.Add(candle);

        Assert.Equal(reader.Read(), candles);
        Assert.Equal(5_000, candles.Count);
    }

    [Fact]
    public void Read_CrLfLinesTrailingWhitespaceAndByteOrderMark_AreTolerated()
    {
        using var file = new TempCandleFile("\uFEFF" + Rows.Replace("\n", " \t\r\n", StringComparison.Ordinal) + "\r\n\r\n");
        Assert.Equal(RowsCandles, new CandleCsvReader(file.Path).Read());
    }

    [Fact]
    public void Read_LastLineWithoutLineFeed_FailsAsPossiblyTruncated()
    {
        using var file = new TempCandleFile(Rows.TrimEnd('\n'));
        var error = ReadError(file.Path);

        Assert.Equal(4, error.LineNumber);
        Assert.Contains("may be truncated", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_GzipCutOffInsideTheLastColumn_FailsInsteadOfYieldingAShortenedNumber()
    {
        // The decompressor ends quietly on a cut-off stream; the unterminated line gives it away.
        using var file = TempCandleFile.WithRows(TempCandleFile.MinuteRows(1_000).Append("60000000,100,101,99,100.5,2.12345"), gzip: true);
        var whole = File.ReadAllBytes(file.Path);
        var cut = Enumerable.Range(1, whole.Length - 1).Reverse()
            .Select(length => whole[..length])
            .First(prefix => DecompressedText(prefix).EndsWith(",2.12", StringComparison.Ordinal));
        File.WriteAllBytes(file.Path, cut);

        var error = ReadError(file.Path);
        Assert.Equal(1_002, error.LineNumber);
    }

    [Theory]
    [InlineData(1, "1ms")]
    [InlineData(30_000, "30s")]
    [InlineData(90_000, "90s")]
    public void Read_CandlesNotWholeMinutesApart_FailsNamingTheInterval(long stepMs, string shown)
    {
        using var file = TempCandleFile.WithRows(Enumerable.Range(0, 50).Select(i => $"{i * stepMs},100,101,99,100.5,2"), gzip: false);

        var error = ReadError(file.Path);

        Assert.Contains($"{shown} apart", error.Detail, StringComparison.Ordinal);
        Assert.Contains("whole-minute", error.Detail, StringComparison.Ordinal);
    }

    private static CandleDataException ReadError(string path) =>
        Assert.Throws<CandleDataException>(() => new CandleCsvReader(path).Read().Count());

    private static string DecompressedText(byte[] gzip)
    {
        using var input = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        using var text = new StreamReader(input);
        try
        {
            return text.ReadToEnd();
        }
        catch (InvalidDataException)
        {
            return "";
        }
    }

    [Fact]
    public void Read_ManyRowsAcrossBufferRefills_KeepsEveryRowAndLineNumber()
    {
        // 200,000 rows are several megabytes: lines straddle many buffer boundaries.
        var rows = TempCandleFile.MinuteRows(200_000).Append("12000000000,1,2,3,1,1");
        using var file = TempCandleFile.WithRows(rows, gzip: true);
        var reader = new CandleCsvReader(file.Path);
        var count = 0;

        var error = Assert.Throws<CandleDataException>(() =>
        {
            foreach (var candle in reader.Read())
            {
                Assert.Equal(count * 60_000L, candle.OpenTimeMs);
                count++;
            }
        });

        Assert.Equal(200_000, count);
        Assert.Equal(200_002, error.LineNumber);
    }

    [Theory]
    [InlineData("900000,1,2,0.5,1.5", "expected 6 columns, found 5")]
    [InlineData("900000,1,2,0.5,1.5,1,7", "expected 6 columns, found 7")]
    [InlineData("900000,1,2,0.5,abc,1", "not a number: 'abc' in column close")]
    [InlineData("900000,1,2,,1.5,1", "not a number: '' in column low")]
    [InlineData("1e3,1,2,0.5,1.5,1", "not a number: '1e3' in column timestamp_ms")]
    [InlineData("900000,NaN,2,0.5,1.5,1", "not a number: 'NaN' in column open")]
    [InlineData("900000,1,Infinity,0.5,1.5,1", "not a number: 'Infinity' in column high")]
    [InlineData("900000,1,100,101,100,1", "high 100 is below low 101")]
    [InlineData("900000,1,2,0.5,1.5,-3", "negative volume -3")]
    [InlineData("900000,-1,2,0.5,1.5,1", "negative open -1")]
    [InlineData("-60000,1,2,0.5,1.5,1", "negative timestamp_ms -60000")]
    [InlineData("900000,1,2,0,1.5,1", "low is zero")]
    [InlineData("900000,3,2,0.5,1.5,1", "open 3 is outside low 0.5 .. high 2")]
    [InlineData("900000,1,2,0.5,2.5,1", "close 2.5 is outside low 0.5 .. high 2")]
    public void Read_MalformedRow_FailsNamingFileLineAndReason(string badRow, string detail)
    {
        // Header on line 1, good rows on lines 2..16, the bad row on line 17.
        using var file = TempCandleFile.WithRows(TempCandleFile.MinuteRows(15).Append(badRow));

        var error = ReadError(file.Path);

        Assert.Equal(17, error.LineNumber);
        Assert.Equal(detail, error.Detail);
        Assert.Equal($"data.csv line 17: {detail}", error.Message);
    }

    [Fact]
    public void Read_RowIdenticalToThePreviousOne_IsSkippedAndCounted()
    {
        var rows = TempCandleFile.MinuteRows(3).ToList();
        rows.Insert(2, rows[1]);
        rows.Insert(2, rows[1]);
        using var file = TempCandleFile.WithRows(rows);
        var reader = new CandleCsvReader(file.Path);

        Assert.Equal([0L, 60_000L, 120_000L], reader.Read().Select(c => c.OpenTimeMs));
        Assert.Equal(2, reader.Report.DuplicatesSkipped);
        Assert.Equal(5, reader.Report.RowsRead);
    }

    [Fact]
    public void Read_RepeatedOpenTimeWithOtherValues_FailsOnThatLine()
    {
        using var file = TempCandleFile.WithRows(["0,100,101,99,100.5,2", "60000,100,101,99,100.5,2", "60000,100,101,99,100.5,9"]);
        var error = ReadError(file.Path);

        Assert.Equal(4, error.LineNumber);
        Assert.Contains("repeats the previous row with different values", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OpenTimeBeforeThePreviousRow_FailsOnThatLine()
    {
        using var file = TempCandleFile.WithRows(TempCandleFile.MinuteRows(4).Append("60000,100,101,99,100.5,2"));
        var error = ReadError(file.Path);

        Assert.Equal(6, error.LineNumber);
        Assert.Contains("is before the previous row's 180000", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_StepNotAWholeNumberOfIntervals_FailsOnThatLine()
    {
        using var file = TempCandleFile.WithRows(TempCandleFile.MinuteRows(10).Append("630000,100,101,99,100.5,2"));
        var error = ReadError(file.Path);

        Assert.Equal(12, error.LineNumber);
        Assert.Contains("90000 ms after the previous candle, not a whole number of 1m intervals", error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", 1, "the file is empty")]
    [InlineData("time,open,high,low,close,volume\n0,1,1,1,1,1\n", 1, "expected the header")]
    [InlineData("timestamp_ms;open;high;low;close;volume\n", 1, "expected the header")]
    public void Read_MissingOrWrongHeader_FailsOnLineOne(string text, long line, string detail)
    {
        using var file = new TempCandleFile(text);
        var error = ReadError(file.Path);

        Assert.Equal(line, error.LineNumber);
        Assert.StartsWith(detail, error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HeaderOnly_YieldsNothingAndCompletes()
    {
        using var file = new TempCandleFile(TempCandleFile.Header + "\n");
        var reader = new CandleCsvReader(file.Path);

        Assert.Empty(reader.Read());
        Assert.True(reader.Report.Completed);
        Assert.Null(reader.Report.Series.Interval);
    }

    [Fact]
    public void Read_CorruptGzip_FailsWithCandleDataException()
    {
        using var good = TempCandleFile.WithRows(TempCandleFile.MinuteRows(50_000), gzip: true);
        var bytes = File.ReadAllBytes(good.Path);
        for (var i = 100; i < bytes.Length; i += 97) bytes[i] ^= 0x5a;
        File.WriteAllBytes(good.Path, bytes);

        var error = ReadError(good.Path);
        Assert.Equal(good.Path, error.FilePath);
    }

    [Fact]
    public void Read_FromAndTo_YieldsTheHalfOpenRangeAndStopsAtTo()
    {
        using var file = TempCandleFile.WithRows(TempCandleFile.MinuteRows(100).Append("not,a,row"));
        var options = new CandleCsvReadOptions
        {
            From = DateTimeOffset.FromUnixTimeMilliseconds(10 * 60_000),
            To = DateTimeOffset.FromUnixTimeMilliseconds(20 * 60_000),
        };
        var reader = new CandleCsvReader(file.Path, options);

        // The broken last row is never reached: the read ends at the first row at or after To.
        var minutes = reader.Read().Select(c => c.OpenTimeMs / 60_000).ToArray();

        Assert.Equal(Enumerable.Range(10, 10).Select(m => (long)m), minutes);
        Assert.Equal(11, reader.Report.RowsOutsideRange);
        Assert.True(reader.Report.Completed);
        Assert.Equal(10 * 60_000, reader.Report.Series.FirstOpenTimeMs);
    }

    [Fact]
    public void Read_Gaps_AreReportedWithStartEndAndCount()
    {
        var rows = TempCandleFile.MinuteRows(10)
            .Concat(TempCandleFile.MinuteRows(5, firstMinute: 13))
            .Concat(TempCandleFile.MinuteRows(5, firstMinute: 19));
        using var file = TempCandleFile.WithRows(rows);
        var reader = new CandleCsvReader(file.Path);

        Assert.Equal(20, reader.Read().Count());
        var series = reader.Report.Series;
        Assert.Equal(TimeSpan.FromMinutes(1), series.Interval);
        Assert.True(reader.Report.IntervalInferred);
        Assert.Equal([new CandleGap(10 * 60_000, 12 * 60_000, 3), new CandleGap(18 * 60_000, 18 * 60_000, 1)], series.Gaps);
        Assert.Equal(4, series.MissingCount);
    }

    [Fact]
    public void Read_GivenInterval_IsUsedInsteadOfInferring()
    {
        // Rows every 2 minutes read as a 1m series: each step is a one-candle gap.
        using var file = TempCandleFile.WithRows(Enumerable.Range(0, 4).Select(i => $"{i * 120_000},1,1,1,1,1"));
        var reader = new CandleCsvReader(file.Path, new CandleCsvReadOptions { Interval = TimeSpan.FromMinutes(1) });

        Assert.Equal(4, reader.Read().Count());
        Assert.False(reader.Report.IntervalInferred);
        Assert.Equal(3, reader.Report.Series.Gaps.Count);
    }

    [Fact]
    public void Read_AbandonedEarly_ReportIsIncompleteAndFileIsReleased()
    {
        using var file = TempCandleFile.WithRows(TempCandleFile.MinuteRows(1_000));
        var reader = new CandleCsvReader(file.Path);

        Assert.Equal(10, reader.Read().Take(10).Count());
        Assert.False(reader.Report.Completed);
        using var exclusive = new FileStream(file.Path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
    }
}
