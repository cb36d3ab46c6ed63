using System.Text;
using System.Text.Json;
using GridTrader.Cli;
using GridTrader.Core.Accounting;
using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;
using GridTrader.Integration.Tests.Support;
using GridTrader.Logging;
using GridTrader.Logging.Export;

namespace GridTrader.Integration.Tests.Logging;

public sealed class LogExportTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string LogDir => Path.Combine(_dir.Path, "logs");

    public void Dispose() => _dir.Dispose();

    /// <summary>Two days of hand-written lines, with two malformed ones and a blank one.</summary>
    private void WriteSyntheticLogs()
    {
        Directory.CreateDirectory(LogDir);
        File.WriteAllLines(Path.Combine(LogDir, "gridtrader-20250701.jsonl"),
        [
            """{"@t":"2025-07-01T10:00:00.0000000Z","@m":"Order 1 on BTCNOK placed","EventName":"order.placed","Market":"BTCNOK","OrderId":1,"Side":"Buy","Price":650000.50,"Amount":0.0015,"Level":3}""",
            """{"@t":"2025-07-01T11:00:00.0000000Z","@m":"Fill on ETHNOK, \"quoted\"","EventName":"fill","Market":"ETHNOK","OrderId":2,"Side":"Sell","Price":30000,"Amount":0.1,"Level":1,"RealizedPnl":12.5}""",
            """{"@t":"2025-07-01T12:00:00.0000000Z","@m":"Risk rejected","@l":"Warning","EventName":"risk.rejected","Market":"BTCNOK","Reason":"insufficient-balance"}""",
            "not json at all",
            "",
            """{"@t":"2025-07-01T12""",
        ]);
        File.WriteAllLines(Path.Combine(LogDir, "gridtrader-20250702.jsonl"),
        [
            """{"@t":"2025-07-02T09:00:00.0000000Z","@m":"Order 3 on BTCNOK cancelled","EventName":"order.cancelled","Market":"BTCNOK","OrderId":3}""",
            """{"@t":"2025-07-02T09:30:00.0000000Z","@m":"Kill-switch engaged","@l":"Error","EventName":"kill.engaged","Market":"*","Reason":"manual"}""",
        ]);
    }

    private List<LogRecord> Read(LogFilter filter) => [.. new LogFileReader(LogDir).Read(filter)];

    [Fact]
    public void LogFileReader_MalformedLines_AreSkippedAndCounted()
    {
        WriteSyntheticLogs();
        var reader = new LogFileReader(LogDir);

        var records = reader.Read(new LogFilter()).ToList();

        Assert.Equal(5, records.Count);
        Assert.Equal(2, reader.MalformedLines);
        Assert.Equal(records.OrderBy(r => r.Time).Select(r => r.Time), records.Select(r => r.Time));
    }

    [Fact]
    public void LogFilter_EventPrefix_SelectsEveryEventWithThePrefix()
    {
        WriteSyntheticLogs();

        Assert.Equal(["order.placed", "order.cancelled"], Read(new LogFilter(Event: "order.*")).Select(r => r.Event));
        Assert.Equal(["fill"], Read(new LogFilter(Event: "fill")).Select(r => r.Event));
        // A family name is the name and its dotted children; it is not a partial word.
        Assert.Equal(["order.placed", "order.cancelled"], Read(new LogFilter(Event: "order")).Select(r => r.Event));
        Assert.Empty(Read(new LogFilter(Event: "orde")));
        Assert.Equal(["risk.rejected", "kill.engaged"], Read(new LogFilter(MinLevel: "warn")).Select(r => r.Event));
    }

    [Fact]
    public void LogFilter_TimeRangeAndMarket_FromInclusiveToExclusive()
    {
        WriteSyntheticLogs();
        var from = new DateTimeOffset(2025, 7, 1, 11, 0, 0, TimeSpan.Zero);
        var to = new DateTimeOffset(2025, 7, 2, 9, 30, 0, TimeSpan.Zero);

        Assert.Equal(["fill", "risk.rejected", "order.cancelled"], Read(new LogFilter(from, to)).Select(r => r.Event));
        Assert.Equal(["risk.rejected", "order.cancelled"], Read(new LogFilter(from, to, Market: "btcnok")).Select(r => r.Event));
    }

    [Fact]
    public void LogExport_Csv_WritesFixedColumnsThenCommonProperties()
    {
        WriteSyntheticLogs();
        using var output = new MemoryStream();
        using var error = new StringWriter();

        var written = LogExport.Run(new LogExportRequest(LogDir, new LogFilter(Market: "ETHNOK"), LogExportFormat.Csv, null), output, error);

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1, written);
        Assert.Equal("time,level,event,market,message,order_id,side,price,amount,grid_level,reason", lines[0]);
        Assert.Equal("2025-07-01T11:00:00.0000000Z,Information,fill,ETHNOK,\"Fill on ETHNOK, \"\"quoted\"\"\",2,Sell,30000,0.1,1,", lines[1]);
        Assert.Equal("skipped 2 malformed line(s)", error.ToString().Trim());
    }

    [Fact]
    public void LogExport_Json_WritesAnArrayWithPropertiesKeptExact()
    {
        WriteSyntheticLogs();
        using var output = new MemoryStream();

        LogExport.Run(new LogExportRequest(LogDir, new LogFilter(Event: "order.placed"), LogExportFormat.Json, null), output, TextWriter.Null);

        using var json = JsonDocument.Parse(output.ToArray());
        var record = Assert.Single(json.RootElement.EnumerateArray().ToList());
        Assert.Equal("order.placed", record.GetProperty("event").GetString());
        Assert.Equal("Information", record.GetProperty("level").GetString());
        Assert.Equal("BTCNOK", record.GetProperty("market").GetString());
        Assert.Equal("650000.50", record.GetProperty("properties").GetProperty("Price").GetRawText());
    }

    [Fact]
    public void LogsCommand_RealLogFiltered_WritesTheOutputFile()
    {
        var secrets = SecretRedactionTests.TestSecrets;
        // A paper run's logs: <data-dir>/paper/logs.
        using (var setup = LoggingSetup.Create(Path.Combine(_dir.Path, "paper"), secrets.Values(), new LoggingSetupOptions { ConsoleLevel = null }))
        {
            var observer = new EngineLogObserver(setup.LoggerFactory.CreateLogger("engine"));
            var order = new TrackedOrder(5, "BTCNOK", Side.Buy, 650_000m, 0.001m, 2, 1, 1, DateTimeOffset.UnixEpoch, null);
            observer.OnOrderEvent(order, order.MarkSubmitting(DateTimeOffset.UnixEpoch));
            observer.OnOrderEvent(order, order.MarkAccepted(99, DateTimeOffset.UnixEpoch));
            observer.OnFill(new Fill(5, "BTCNOK", "BTC", "NOK", Side.Buy, 650_000m, 0.001m, 3.25m, "NOK", DateTimeOffset.UnixEpoch, 2), 0m);
            observer.OnRiskEvent(new RiskEvent(RiskEvent.KillEngaged, null, "manual", DateTimeOffset.UnixEpoch));
            observer.OnNotice(new StrategyNotice("ETHNOK", StrategyNotice.GridPlanned, "10 levels"));
        }

        var file = Path.Combine(_dir.Path, "orders.csv");
        var code = GridTraderCli.Create().Parse(["logs", "export", "--data-dir", _dir.Path, "--mode", "paper", "--event", "order.*", "--market", "BTCNOK",
            "--from", DateTimeOffset.UtcNow.AddHours(-1).ToString("O"), "--format", "csv", "--output", file]).Invoke();

        Assert.Equal(0, code);
        var lines = File.ReadAllLines(file);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("time,level,event,market,message,", lines[0], StringComparison.Ordinal);
        Assert.Equal(",Debug,order.submitting,BTCNOK,\"Order 5 on BTCNOK being submitted: Buy 0.001 @ 650000, level 2. \",5,Buy,650000,0.001,2,",
            lines[1][lines[1].IndexOf(',', StringComparison.Ordinal)..]);
        Assert.Contains(",Information,order.placed,BTCNOK,", lines[2], StringComparison.Ordinal);
        Assert.False(File.Exists(file + ".tmp"));
    }

    [Theory]
    [InlineData("--from", "yesterday")]
    [InlineData("--to", "07/01/2025")]
    [InlineData("--format", "xml")]
    public void LogsCommand_BadArgument_ExitsWithCode2(string option, string value)
    {
        Directory.CreateDirectory(LogDir);

        var code = GridTraderCli.Create().Parse(["logs", "export", "--data-dir", _dir.Path, option, value]).Invoke();

        Assert.Equal(CommonOptions.ExitInvalidInput, code);
    }

    [Fact]
    public void LogsCommand_MissingLogDirectory_ExitsWithCode2()
    {
        var code = GridTraderCli.Create().Parse(["logs", "export", "--data-dir", Path.Combine(_dir.Path, "nowhere")]).Invoke();

        Assert.Equal(CommonOptions.ExitInvalidInput, code);
    }

    [Fact]
    public void LogsCommand_FromAfterTo_ExitsWithCode2()
    {
        Directory.CreateDirectory(LogDir);

        var code = GridTraderCli.Create().Parse(["logs", "export", "--data-dir", _dir.Path, "--from", "2025-07-02", "--to", "2025-07-01"]).Invoke();

        Assert.Equal(CommonOptions.ExitInvalidInput, code);
    }
}
