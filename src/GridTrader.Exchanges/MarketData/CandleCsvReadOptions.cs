namespace GridTrader.Exchanges.MarketData;

/// <summary>What <see cref="CandleCsvReader"/> yields and how it checks the series.</summary>
public sealed record CandleCsvReadOptions
{
    /// <summary>First open time to yield (inclusive); earlier rows are still checked, then skipped.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Open time to stop at (exclusive); reading ends at the first row at or after it.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>The candle interval; null infers it from the file's first rows.</summary>
    public TimeSpan? Interval { get; init; }
}
