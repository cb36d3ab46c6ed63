namespace GridTrader.Research;

/// <summary>
/// What a sweep's summary says besides the outcomes: the market, the data, the searched space and the walk-forward
/// windows. A shard file carries it, so <c>sweep merge</c> can check that its shards belong together and print the same
/// summary a single run prints.
/// </summary>
internal sealed record SweepContext(
    string Market,
    string QuoteCurrency,
    int PriceDecimals,
    string DataFile,
    string DataSha256,
    string ConfigSource,
    int Candles,
    long FromMs,
    long ToMs,
    SweepSpace Space,
    IReadOnlyList<FoldWindow> Folds)
{
    public bool IsWalkForward => Folds.Count > 1;

    /// <summary>Candles backtested by one configuration that ran (the whole data, or every window once).</summary>
    public long CandlesPerConfiguration => Candles;
}

/// <summary>Machine-dependent figures of a sweep; left out when runs are compared.</summary>
internal sealed record SweepTimings(int Parallel, double LoadMs, double ElapsedMs, string CandleCache);
