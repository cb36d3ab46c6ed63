using System.Globalization;
using System.Text;

namespace GridTrader.Dashboard.Logs;

/// <summary>Writes log entries as CSV (time, level, event, market, message; RFC 4180 quoting).</summary>
internal static class LogCsv
{
    public const string Header = "time,level,event,market,message";

    public static string Write(IEnumerable<LogEntry> entries)
    {
        var csv = new StringBuilder(Header).Append("\r\n");
        foreach (var e in entries)
        {
            csv.Append(e.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)).Append(',')
                .Append(Field(e.Level)).Append(',').Append(Field(e.Event)).Append(',').Append(Field(e.Market ?? "")).Append(',')
                .Append(Field(e.Message)).Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Field(string value)
    {
        // A leading = + - @ would be run as a formula by spreadsheet programs.
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@') value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
