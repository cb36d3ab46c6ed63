using System.Text.Json;
using GridTrader.Csv;

namespace GridTrader.Logging.Export;

/// <summary>
/// Writes log records as a JSON array (<c>time</c>, <c>level</c>, <c>event</c>, <c>market</c>, <c>message</c>,
/// <c>exception</c> when present, and every other property under <c>properties</c>) or as CSV (<see cref="CsvWriter"/>) with the columns in
/// <see cref="CsvColumns"/>. Streams: nothing is held in memory but the current record.
/// </summary>
public static class LogExportWriter
{
    /// <summary>CSV header; after the fixed columns come the common properties (<c>grid_level</c> is the grid line, <c>Level</c> in the log).</summary>
    public static readonly IReadOnlyList<string> CsvColumns =
        ["time", "level", "event", "market", "message", "order_id", "side", "price", "amount", "grid_level", "reason"];

    private static readonly string[] CsvProperties = ["OrderId", "Side", "Price", "Amount", "Level", "Reason"];

    /// <summary>Writes the records; returns how many were written.</summary>
    public static int Write(IEnumerable<LogRecord> records, LogExportFormat format, Stream output) =>
        format == LogExportFormat.Csv ? WriteCsv(records, output) : WriteJson(records, output);

    private static int WriteJson(IEnumerable<LogRecord> records, Stream output)
    {
        var count = 0;
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false });
        json.WriteStartArray();
        foreach (var r in records)
        {
            json.WriteStartObject();
            json.WriteString("time", r.TimeText);
            json.WriteString("level", r.Level);
            json.WriteString("event", r.Event);
            json.WriteString("market", r.Market);
            json.WriteString("message", r.Message);
            if (r.Exception is not null) json.WriteString("exception", r.Exception);
            json.WriteStartObject("properties");
            foreach (var p in r.Properties) p.WriteTo(json);
            json.WriteEndObject();
            json.WriteEndObject();
            count++;
            // Keep memory flat on large exports.
            if (json.BytesPending > 64 * 1024) json.Flush();
        }

        json.WriteEndArray();
        json.Flush();
        output.WriteByte((byte)'\n');
        return count;
    }

    private static int WriteCsv(IEnumerable<LogRecord> records, Stream output)
    {
        var count = 0;
        using var csv = CsvWriter.ToStream(output, leaveOpen: true);
        csv.WriteRow([.. CsvColumns]);
        var cells = new string?[CsvColumns.Count];
        foreach (var r in records)
        {
            cells[0] = r.TimeText;
            cells[1] = r.Level;
            cells[2] = r.Event;
            cells[3] = r.Market;
            cells[4] = r.Message;
            for (var i = 0; i < CsvProperties.Length; i++) cells[5 + i] = r.Property(CsvProperties[i]);
            csv.WriteRow(cells);
            count++;
        }

        return count;
    }
}
