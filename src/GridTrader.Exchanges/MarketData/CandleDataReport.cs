using System.Globalization;
using GridTrader.Core.MarketData;

namespace GridTrader.Exchanges.MarketData;

/// <summary>
/// What one read of a candle file found, collected while reading: the series yielded (count,
/// range, interval, every gap), and the rows skipped on the way.
/// </summary>
public sealed class CandleDataReport
{
    internal CandleDataReport(string filePath, TimeSpan? interval, bool intervalInferred)
    {
        FilePath = filePath;
        IntervalInferred = intervalInferred;
        Tracker = new CandleSeriesTracker(interval);
    }

    public string FilePath { get; }

    /// <summary>True when the interval was inferred from the file rather than given in the options.</summary>
    public bool IntervalInferred { get; }

    /// <summary>Data rows parsed (the header not counted), including skipped ones.</summary>
    public long RowsRead { get; internal set; }

    /// <summary>Rows identical to the row before them, skipped.</summary>
    public long DuplicatesSkipped { get; internal set; }

    /// <summary>Rows outside the From/To range, skipped.</summary>
    public long RowsOutsideRange { get; internal set; }

    /// <summary>True once the read reached the end of the file or the To bound; false while running or when abandoned.</summary>
    public bool Completed { get; internal set; }

    /// <summary>The candles yielded so far: count, first and last open time, interval and gaps.</summary>
    public CandleSeriesInfo Series => Tracker.ToInfo();

    internal CandleSeriesTracker Tracker { get; }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Path.GetFileName(FilePath)}: {Series}{(IntervalInferred ? " (interval inferred)" : "")}; {RowsRead} rows read, {DuplicatesSkipped} duplicates skipped, {RowsOutsideRange} outside the range{(Completed ? "" : "; incomplete")}");
}
