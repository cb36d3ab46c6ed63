using System.Globalization;

namespace GridTrader.Storage.Sql;

/// <summary>
/// How values are spelled in the database. Decimals are invariant text (exact, scale kept; never REAL). Instants are
/// UTC ISO-8601 text with seven fractional digits: exact to the tick and, being fixed-width, ordered as text.
/// Candle open times stay the Unix-millisecond integer that identifies a bar.
/// </summary>
internal static class SqlText
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
    private const NumberStyles DecimalStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    public static string Decimal(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static decimal ParseDecimal(string text) => decimal.Parse(text, DecimalStyle, CultureInfo.InvariantCulture);

    /// <summary>
    /// One spelling per amount (trailing zeros removed), for values used as keys: 1.50 and 1.5 are the same fill.
    /// </summary>
    public static string CanonicalDecimal(decimal value)
    {
        while (value.Scale > 0)
        {
            var shorter = decimal.Round(value, value.Scale - 1);
            if (shorter != value) break;
            value = shorter;
        }

        return Decimal(value);
    }

    public static string Time(DateTimeOffset value) => value.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static object TimeOrNull(DateTimeOffset? value) => value is { } v ? Time(v) : DBNull.Value;

    public static DateTimeOffset ParseTime(string text) =>
        new(DateTime.ParseExact(text, TimeFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal), TimeSpan.Zero);

    public static string Enum<T>(T value) where T : struct, System.Enum => value.ToString();

    public static T ParseEnum<T>(string text) where T : struct, System.Enum =>
        System.Enum.TryParse<T>(text, ignoreCase: false, out var value) && System.Enum.IsDefined(value)
            ? value
            : throw new InvalidDataException($"Unknown {typeof(T).Name} '{text}' in the database.");
}
