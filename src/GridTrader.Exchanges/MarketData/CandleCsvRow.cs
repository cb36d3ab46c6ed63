using System.Buffers.Text;
using System.Globalization;
using System.Text;
using GridTrader.Core.MarketData;

namespace GridTrader.Exchanges.MarketData;

/// <summary>
/// The row format <c>timestamp_ms,open,high,low,close,volume</c>: the header, and parsing of one
/// data line straight from UTF-8 bytes (invariant culture, no string per field).
/// </summary>
internal static class CandleCsvRow
{
    public const string Header = "timestamp_ms,open,high,low,close,volume";

    private const int ColumnCount = 6;
    private static readonly string[] Columns = Header.Split(',');
    private static readonly byte[] HeaderBytes = Encoding.UTF8.GetBytes(Header);
    private static readonly long MaxOpenTimeMs = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    /// <summary>True for the exact header, after an optional UTF-8 byte order mark.</summary>
    public static bool IsHeader(ReadOnlySpan<byte> line) =>
        (line.StartsWith("\uFEFF"u8) ? line[3..] : line).SequenceEqual(HeaderBytes);

    /// <summary>Parses and checks one data line; on failure <paramref name="error"/> says why, for the user.</summary>
    public static bool TryParse(ReadOnlySpan<byte> line, out Candle candle, out string? error)
    {
        candle = default;
        Span<decimal> prices = stackalloc decimal[ColumnCount - 1];
        var rest = line;
        long openTimeMs = 0;
        for (var column = 0; column < ColumnCount; column++)
        {
            var comma = rest.IndexOf((byte)',');
            var last = column == ColumnCount - 1;
            if (last != (comma < 0))
            {
                error = $"expected {ColumnCount} columns, found {line.Count((byte)',') + 1}";
                return false;
            }

            var field = last ? rest : rest[..comma];
            rest = last ? default : rest[(comma + 1)..];
            var parsed = column == 0
                ? Utf8Parser.TryParse(field, out openTimeMs, out var consumed) && consumed == field.Length
                : TryParseDecimal(field, out prices[column - 1]);
            if (!parsed)
            {
                error = $"not a number: '{Quote(field)}' in column {Columns[column]}";
                return false;
            }
        }

        candle = new Candle(openTimeMs, prices[0], prices[1], prices[2], prices[3], prices[4]);
        error = Check(candle);
        return error is null;
    }

    /// <summary>
    /// Parses a decimal. Plain numbers (digits with at most one point, at most 19 digits: every
    /// price and volume in practice) are assembled directly, keeping their scale as
    /// <see cref="decimal.Parse(string, IFormatProvider)"/> does; anything else (signs, exponents,
    /// longer numbers) goes through <see cref="Utf8Parser"/>.
    /// </summary>
    internal static bool TryParseDecimal(ReadOnlySpan<byte> field, out decimal value)
    {
        const int maxDigits = 19; // 10^19 − 1 fits in a ulong
        ulong mantissa = 0;
        var digits = 0;
        var scale = -1;
        foreach (var b in field)
        {
            var digit = (uint)(b - '0');
            if (digit <= 9 && digits < maxDigits)
            {
                mantissa = (mantissa * 10) + digit;
                digits++;
                if (scale >= 0) scale++;
            }
            else if (b == '.' && scale < 0)
            {
                scale = 0;
            }
            else
            {
                return Utf8Parser.TryParse(field, out value, out var consumed) && consumed == field.Length;
            }
        }

        if (digits == 0) return Utf8Parser.TryParse(field, out value, out var used) && used == field.Length;
        value = new decimal((int)mantissa, (int)(mantissa >> 32), 0, isNegative: false, (byte)Math.Max(scale, 0));
        return true;
    }

    private static string? Check(Candle c)
    {
        // The common case in one pass; the reasons below are only worked out for a bad row.
        if (c.IsValid && c.OpenTimeMs >= 0 && c.OpenTimeMs <= MaxOpenTimeMs) return null;

        var invariant = CultureInfo.InvariantCulture;
        if (c.OpenTimeMs < 0) return string.Create(invariant, $"negative timestamp_ms {c.OpenTimeMs}");
        if (c.OpenTimeMs > MaxOpenTimeMs) return string.Create(invariant, $"timestamp_ms {c.OpenTimeMs} is beyond year 9999");
        if (c.Open < 0) return string.Create(invariant, $"negative open {c.Open}");
        if (c.High < 0) return string.Create(invariant, $"negative high {c.High}");
        if (c.Low < 0) return string.Create(invariant, $"negative low {c.Low}");
        if (c.Close < 0) return string.Create(invariant, $"negative close {c.Close}");
        if (c.Volume < 0) return string.Create(invariant, $"negative volume {c.Volume}");
        if (c.Low == 0) return "low is zero";
        if (c.High < c.Low) return string.Create(invariant, $"high {c.High} is below low {c.Low}");
        if (c.Open > c.High || c.Open < c.Low) return string.Create(invariant, $"open {c.Open} is outside low {c.Low} .. high {c.High}");
        if (c.Close > c.High || c.Close < c.Low) return string.Create(invariant, $"close {c.Close} is outside low {c.Low} .. high {c.High}");
        return null;
    }

    /// <summary>A field or line for an error message: decoded, and cut after 40 characters.</summary>
    public static string Quote(ReadOnlySpan<byte> field)
    {
        const int shown = 40;
        var text = Encoding.UTF8.GetString(field.Length > shown ? field[..shown] : field);
        return field.Length > shown ? text + "…" : text;
    }
}
