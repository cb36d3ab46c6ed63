using System.Globalization;
using System.Text;

namespace GridTrader.Csv;

/// <summary>
/// Writes CSV the one way the project writes CSV (log exports, the dashboard's log download, backtest reports):
/// RFC 4180 (CRLF line ends; a cell holding a comma, quote or line break is quoted, inner quotes doubled), numbers and
/// times in the invariant culture, and a guard against spreadsheet formula injection: a text cell starting with
/// <c>= + - @</c>, a tab or a carriage return gets a leading apostrophe, so a spreadsheet shows it instead of running
/// it. Plain numbers (<c>-12.5</c>, <c>+3</c>, <c>1E-05</c>) stay numbers. Streams: nothing is kept but the row being
/// written.
/// </summary>
/// <example>
/// <code>
/// using var csv = CsvWriter.ToStream(stream);
/// csv.WriteRow("time", "price", "note");
/// csv.WriteRow(CsvWriter.Time(fill.Time), CsvWriter.Number(fill.Price), note);
/// </code>
/// </example>
public sealed class CsvWriter : IDisposable
{
    /// <summary>The time format of <see cref="Time"/> unless told otherwise: ISO-8601 UTC with milliseconds.</summary>
    public const string DefaultTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private readonly TextWriter _output;
    private readonly bool _leaveOpen;

    /// <summary>Writes to <paramref name="output"/>; its line ending is not used (rows always end in CRLF).</summary>
    public CsvWriter(TextWriter output, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _leaveOpen = leaveOpen;
    }

    /// <summary>A writer of UTF-8 without a byte-order mark onto <paramref name="output"/>.</summary>
    public static CsvWriter ToStream(Stream output, bool leaveOpen = false) =>
        new(new StreamWriter(output, Utf8NoBom, bufferSize: 64 * 1024, leaveOpen: leaveOpen), leaveOpen: false);

    /// <summary>Rows written so far, a header row included.</summary>
    public long Rows { get; private set; }

    /// <summary>Writes one row; each cell is text (null is an empty cell), quoted and guarded as needed.</summary>
    public void WriteRow(params ReadOnlySpan<string?> cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0) _output.Write(',');
            WriteCell(_output, cells[i]);
        }

        _output.Write("\r\n");
        Rows++;
    }

    /// <summary>One cell as it appears in the file: guarded, then quoted when needed.</summary>
    public static string Cell(string? text)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        WriteCell(writer, text);
        return writer.ToString();
    }

    /// <summary>A whole CSV text: the header, then every row.</summary>
    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, leaveOpen: true))
        {
            csv.WriteRow([.. header]);
            foreach (var row in rows) csv.WriteRow([.. row]);
        }

        return text.ToString();
    }

    /// <summary>A number in the invariant culture, as <see cref="decimal"/> prints it (no exponent, no grouping).</summary>
    public static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A whole number in the invariant culture.</summary>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A time in UTC, invariant culture; <see cref="DefaultTimeFormat"/> unless a format is given.</summary>
    public static string Time(DateTimeOffset value, string format = DefaultTimeFormat) =>
        value.UtcDateTime.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>True when a spreadsheet would read <paramref name="text"/> as a formula and it is not a plain number.</summary>
    public static bool NeedsFormulaGuard(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !IsPlainNumber(text);

    /// <summary>An optional sign, digits with at most one decimal point, an optional exponent: nothing a spreadsheet would run.</summary>
    public static bool IsPlainNumber(ReadOnlySpan<char> text)
    {
        var i = 0;
        if (i < text.Length && text[i] is '+' or '-') i++;
        var digits = 0;
        var point = false;
        for (; i < text.Length; i++)
        {
            if (char.IsAsciiDigit(text[i])) digits++;
            else if (text[i] == '.' && !point) point = true;
            else break;
        }

        if (digits == 0) return false;
        if (i == text.Length) return true;
        if (text[i] is not ('e' or 'E')) return false;
        i++;
        if (i < text.Length && text[i] is '+' or '-') i++;
        var exponentDigits = 0;
        for (; i < text.Length && char.IsAsciiDigit(text[i]); i++) exponentDigits++;
        return exponentDigits > 0 && i == text.Length;
    }

    public void Dispose()
    {
        _output.Flush();
        if (!_leaveOpen) _output.Dispose();
    }

    private static void WriteCell(TextWriter output, string? text)
    {
        if (string.IsNullOrEmpty(text)) return;
        var guard = NeedsFormulaGuard(text);
        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            if (guard) output.Write('\'');
            output.Write(text);
            return;
        }

        output.Write('"');
        if (guard) output.Write('\'');
        foreach (var c in text)
        {
            if (c == '"') output.Write('"');
            output.Write(c);
        }

        output.Write('"');
    }
}
