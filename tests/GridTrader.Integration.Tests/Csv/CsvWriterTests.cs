using System.Text;
using GridTrader.Csv;
using GridTrader.Dashboard.Logs;
using GridTrader.Integration.Tests.Support;
using GridTrader.Logging.Export;

namespace GridTrader.Integration.Tests.Csv;

/// <summary>RFC 4180 quoting and the formula-injection guard of the one CSV writer, and that every CSV the project writes uses it.</summary>
public sealed class CsvWriterTests
{
    private static string Row(params string?[] cells)
    {
        using var text = new StringWriter();
        using (var csv = new CsvWriter(text, leaveOpen: true)) csv.WriteRow(cells);
        return text.ToString();
    }

    [Fact]
    public void WriteRow_PlainCells_AreJoinedByCommasAndEndInCrLf()
    {
        Assert.Equal("a,b,,c\r\n", Row("a", "b", null, "c"));
        Assert.Equal("\r\n", Row());
    }

    [Theory]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    [InlineData("\"", "\"\"\"\"")]
    public void Cell_CommaQuoteOrLineBreak_IsQuotedWithInnerQuotesDoubled(string text, string expected)
    {
        Assert.Equal(expected, CsvWriter.Cell(text));
    }

    [Theory]
    [InlineData("=SUM(A1:A9)", "'=SUM(A1:A9)")]
    [InlineData("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(1)", "'@SUM(1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [InlineData("=a,b", "\"'=a,b\"")]
    [InlineData("-", "'-")]
    [InlineData("-e5", "'-e5")]
    [InlineData("+.", "'+.")]
    public void Cell_FormulaStart_GetsALeadingApostrophe(string text, string expected)
    {
        Assert.Equal(expected, CsvWriter.Cell(text));
    }

    [Theory]
    [InlineData("-12.5")]
    [InlineData("+3")]
    [InlineData("-0.00000001")]
    [InlineData("1E-05")]
    [InlineData("-4.2e+3")]
    [InlineData("-7.")]
    [InlineData("650000.50")]
    [InlineData("a=1")]
    [InlineData("order 5 placed; -1 level")]
    public void Cell_PlainNumberOrNoFormulaStart_StaysAsItIs(string text)
    {
        Assert.Equal(text, CsvWriter.Cell(text));
    }

    [Fact]
    public void Write_TrickyCells_ReadBackExactlyByAnRfc4180Reader()
    {
        string?[] cells = ["plain", "a,b", "q\"uote", "line\r\nbreak", "", "-3.5", "=1+1", "@x", " spaced "];

        var parsed = Rfc4180.Parse(CsvWriter.Write(["c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9"], [cells]));

        Assert.Equal(2, parsed.Count);
        Assert.Equal(["plain", "a,b", "q\"uote", "line\r\nbreak", "", "-3.5", "'=1+1", "'@x", " spaced "], parsed[1]);
    }

    [Fact]
    public void NumberAndTime_AreInvariantWithoutGroupingOrLocalTime()
    {
        Assert.Equal("1234567.89", CsvWriter.Number(1234567.89m));
        Assert.Equal("-0.00000001", CsvWriter.Number(-0.00000001m));
        Assert.Equal("4294967297", CsvWriter.Number(4294967297L));
        Assert.Equal("2025-07-01T10:30:00.123Z", CsvWriter.Time(new DateTimeOffset(2025, 7, 1, 12, 30, 0, 123, TimeSpan.FromHours(2))));
    }

    [Fact]
    public void LogsExport_Csv_DefusesFormulasAndQuotes()
    {
        using var dir = new TempDirectory();
        var logs = Directory.CreateDirectory(Path.Combine(dir.Path, "logs")).FullName;
        File.WriteAllText(Path.Combine(logs, "gridtrader-20250701.jsonl"),
            """{"@t":"2025-07-01T10:00:00.0000000Z","@m":"=HYPERLINK(\"http://evil\",\"x\")","EventName":"risk.rejected","Market":"@BTCNOK","Reason":"-1+1","Price":-12.5}""" + "\n");
        using var output = new MemoryStream();

        LogExport.Run(new LogExportRequest(logs, new LogFilter(), LogExportFormat.Csv, null), output, TextWriter.Null);

        var rows = Rfc4180.Parse(Encoding.UTF8.GetString(output.ToArray()));
        var row = rows[1];
        Assert.Equal("'=HYPERLINK(\"http://evil\",\"x\")", row[4]);
        Assert.Equal("'@BTCNOK", row[3]);
        Assert.Equal("-12.5", row[7]);
        Assert.Equal("'-1+1", row[10]);
    }

    [Fact]
    public void DashboardLogCsv_DefusesFormulasAndQuotes()
    {
        var t = new DateTimeOffset(2025, 7, 1, 12, 30, 0, TimeSpan.Zero);

        var csv = LogCsv.Write([new LogEntry(1, t, "Warning", "risk.rejected", "+BTCNOK", "=cap, \"total\" exceeded")]);

        Assert.Equal("time,level,event,market,message\r\n2025-07-01T12:30:00.000Z,Warning,risk.rejected,'+BTCNOK,\"'=cap, \"\"total\"\" exceeded\"\r\n", csv);
    }

    /// <summary>A strict RFC 4180 reader for checking what the writer wrote.</summary>
    private static class Rfc4180
    {
        public static List<List<string>> Parse(string text)
        {
            var rows = new List<List<string>>();
            var row = new List<string>();
            var cell = new StringBuilder();
            var i = 0;
            while (i < text.Length)
            {
                if (text[i] == '"')
                {
                    i++;
                    while (true)
                    {
                        if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i += 2; }
                        else if (text[i] == '"') { i++; break; }
                        else cell.Append(text[i++]);
                    }
                }
                else if (text[i] == ',') { row.Add(cell.ToString()); cell.Clear(); i++; }
                else if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    row.Add(cell.ToString());
                    cell.Clear();
                    rows.Add(row);
                    row = [];
                    i += 2;
                }
                else
                {
                    Assert.NotEqual('\n', text[i]); // a bare line break outside quotes is not RFC 4180
                    cell.Append(text[i++]);
                }
            }

            Assert.Empty(row); // every row ends in CRLF
            return rows;
        }
    }
}
