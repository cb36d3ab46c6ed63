using System.Globalization;

namespace GridTrader.Core.MarketData;

/// <summary>
/// A run of missing candles: <see cref="MissingCount"/> candles whose open times run from
/// <see cref="FirstMissingMs"/> to <see cref="LastMissingMs"/>, both inclusive (Unix ms, UTC).
/// </summary>
public readonly record struct CandleGap(long FirstMissingMs, long LastMissingMs, long MissingCount)
{
    public DateTimeOffset FirstMissing => DateTimeOffset.FromUnixTimeMilliseconds(FirstMissingMs);

    public DateTimeOffset LastMissing => DateTimeOffset.FromUnixTimeMilliseconds(LastMissingMs);

    /// <summary>For example <c>2023-03-24 12:40–13:55 UTC (16 candles)</c>; the end carries its date only when it differs.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{FirstMissing:yyyy-MM-dd HH:mm}–{LastMissing.ToString(FirstMissing.Date == LastMissing.Date ? "HH:mm" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC ({MissingCount} candles)");
}
