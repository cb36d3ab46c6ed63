using System.Text;

namespace GridTrader.Trades;

/// <summary>
/// Writes CSV rows (RFC 4180: comma-separated, CRLF line ends, a cell with a comma, quote or line break in quotes) with
/// every cell guarded against spreadsheet formula injection: a cell that starts with <c>=</c>, <c>+</c>, <c>-</c> or
/// <c>@</c> gets a leading apostrophe, so a spreadsheet shows it as text instead of running it. Kept to this one small
/// class so the project's shared CSV writer can replace it.
/// </summary>
internal sealed class CsvCells(TextWriter writer)
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@'];
    private static readonly char[] NeedsQuotes = [',', '"', '\r', '\n'];

    public void WriteRow(params IEnumerable<string?> cells)
    {
        var line = new StringBuilder();
        var first = true;
        foreach (var cell in cells)
        {
            if (!first) line.Append(',');
            first = false;
            line.Append(Escape(cell));
        }

        writer.Write(line.Append("\r\n").ToString());
    }

    /// <summary>One cell as written: guarded, then quoted when it must be.</summary>
    public static string Escape(string? cell)
    {
        var text = cell ?? "";
        if (text.Length > 0 && Array.IndexOf(FormulaStarts, text[0]) >= 0) text = "'" + text;
        return text.IndexOfAny(NeedsQuotes) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
