using System.Globalization;

namespace GridTrader.Exchanges.Firi.Wire;

/// <summary>
/// Firi's number and time text, in one place for the client and the mock: invariant culture, no
/// exponent, fixed decimals on write; tolerant of 16 fractional digits on read.
/// </summary>
internal static class FiriFormat
{
    /// <summary>Firi's timestamp form: ISO-8601 UTC with milliseconds and <c>Z</c>.</summary>
    public const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>Writes <paramref name="value"/> with exactly <paramref name="decimals"/> fractional digits.</summary>
    public static string FormatDecimal(decimal value, int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, 28);
        return value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>True when <paramref name="value"/> needs no more than <paramref name="decimals"/> fractional digits.</summary>
    public static bool FitsDecimals(decimal value, int decimals) => decimal.Round(value, decimals) == value;

    public static string FormatTime(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static bool TryParseDecimal(string? text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    public static bool TryParseTime(string? text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    /// <summary>Parses a required decimal field; a missing or malformed value is a <see cref="FormatException"/> naming the field.</summary>
    public static decimal ParseDecimal(string? text, string field) =>
        TryParseDecimal(text, out var value) ? value : throw Malformed(field, text);

    /// <summary>Parses a required time field; a missing or malformed value is a <see cref="FormatException"/> naming the field.</summary>
    public static DateTimeOffset ParseTime(string? text, string field) =>
        TryParseTime(text, out var time) ? time : throw Malformed(field, text);

    // The value itself is left out: whatever a server echoes back stays out of errors and logs.
    public static FormatException Malformed(string field, string? text) =>
        new(text is null ? $"Field '{field}' is missing." : $"Field '{field}' has an unreadable value ({text.Length} chars).");
}
