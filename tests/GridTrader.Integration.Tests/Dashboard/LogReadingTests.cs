using GridTrader.Dashboard.Logs;
using GridTrader.Logging.Export;

namespace GridTrader.Integration.Tests.Dashboard;

public sealed class LogReadingTests : IDisposable
{
    private readonly DirectoryInfo _logs = Directory.CreateTempSubdirectory("gridtrader-logs-");

    public void Dispose() => _logs.Delete(recursive: true);

    private static string Line(string time, string eventName, string message, string? market = "BTCNOK", string? level = null) =>
        "{\"@t\":\"" + time + "\",\"@m\":\"" + message + "\"" + (level is null ? "" : ",\"@l\":\"" + level + "\"") +
        ",\"EventName\":\"" + eventName + "\"" + (market is null ? "" : ",\"Market\":\"" + market + "\"") + "}\n";

    [Fact]
    public void Read_LinesAppendedAndNewerFile_ReturnsEachCompleteEntryOnce()
    {
        var first = Path.Combine(_logs.FullName, "gridtrader-20250701.jsonl");
        File.WriteAllText(first, Line("2025-07-01T00:00:01Z", "grid.planned", "Grid #0") + "not json\n" +
            Line("2025-07-01T00:00:02Z", "order.placed", "#1 placed").TrimEnd('\n')); // the bot is still writing this one
        var tail = new LogFileTail(_logs.FullName, capacity: 100);

        var firstRead = tail.Read(0);
        File.AppendAllText(first, "\n" + Line("2025-07-01T00:00:03Z", "fill", "Buy filled"));
        File.WriteAllText(Path.Combine(_logs.FullName, "gridtrader-20250702.jsonl"),
            Line("2025-07-02T00:00:00Z", "risk.rejected", "cap", level: "Warning"));
        var secondRead = tail.Read(firstRead[^1].Seq);

        Assert.Equal(["grid.planned"], firstRead.Select(e => e.Event));
        Assert.Equal(["order.placed", "fill", "risk.rejected"], secondRead.Select(e => e.Event));
        Assert.Equal("Warning", secondRead[^1].Level);
    }

    [Fact]
    public void TryParse_CompactJsonVariants_TakesEventMessageLevelAndException()
    {
        var fromEventId = CompactJsonLine.TryParse(
            "{\"@t\":\"2025-07-01T00:00:00.123+02:00\",\"@mt\":\"Order {Id} failed\",\"@l\":\"Error\",\"@x\":\"System.IO.IOException: disk\\n   at X\",\"EventId\":{\"Id\":1300,\"Name\":\"exchange.error\"}}", 7);
        var noTime = CompactJsonLine.TryParse("{\"@m\":\"no time\"}", 8);

        Assert.NotNull(fromEventId);
        Assert.Equal(7, fromEventId.Seq);
        Assert.Equal(new DateTimeOffset(2025, 6, 30, 22, 0, 0, 123, TimeSpan.Zero), fromEventId.Time);
        Assert.Equal("exchange.error", fromEventId.Event);
        Assert.Equal("Error", fromEventId.Level);
        Assert.Equal("Order {Id} failed — System.IO.IOException: disk", fromEventId.Message);
        Assert.Null(fromEventId.Market);
        Assert.Null(noTime);
    }

    [Theory]
    [InlineData(null, "order", null, new[] { 1L, 2L })]
    [InlineData("warn", null, null, new[] { 3L })]
    [InlineData(null, "risk.rejected", "ethnok", new long[0])]
    [InlineData("Information", null, "BTCNOK", new[] { 1L, 3L })]
    public void Filter_LevelEventPrefixAndMarket_SelectsMatchingEntries(string? level, string? eventName, string? market, long[] expected)
    {
        var t = new DateTimeOffset(2025, 7, 1, 0, 0, 0, TimeSpan.Zero);
        LogEntry[] entries =
        [
            new(1, t, "Information", "order.placed", "BTCNOK", ""),
            new(2, t, "Debug", "order.submitting", "ETHNOK", ""),
            new(3, t, "Warning", "risk.rejected", "BTCNOK", ""),
            new(4, t, "Information", "orderbook", null, ""),
        ];
        var filter = new LogFilter(Event: eventName, Market: market, MinLevel: level);

        Assert.Equal(expected, entries.Where(e => filter.Matches(e)).Select(e => e.Seq));
    }
}
