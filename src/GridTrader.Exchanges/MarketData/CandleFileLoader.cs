namespace GridTrader.Exchanges.MarketData;

/// <summary>How a <see cref="CandleFile"/> was obtained.</summary>
public enum CandleFileOrigin
{
    /// <summary>Read from the cache.</summary>
    Cache,

    /// <summary>Parsed from the CSV file (no cache, or none valid yet).</summary>
    Parsed,
}

/// <summary>
/// A loaded candle file. When it was parsed and a cache is in use, <see cref="CacheWrite"/> writes the cache in the
/// background (so the first run's backtest need not wait for it); await it before the process ends.
/// </summary>
public sealed record CandleFileLoad(CandleFile File, CandleFileOrigin Origin, string? CachePath, string? CacheInvalidReason, Task? CacheWrite);

/// <summary>Loads a whole candle file, from the <see cref="CandleCache"/> when it holds a valid copy, else by parsing it.</summary>
public static class CandleFileLoader
{
    /// <summary>
    /// Loads <paramref name="path"/>: the cached copy when valid, otherwise the parsed file (then also written to the cache
    /// in the background). Without a cache, only parses.
    /// </summary>
    /// <exception cref="CandleDataException">The file is not a valid candle series.</exception>
    /// <exception cref="IOException">The source or an existing cache file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The source or an existing cache file may not be read.</exception>
    public static CandleFileLoad Load(string path, CandleCache? cache)
    {
        if (cache is null) return new CandleFileLoad(Parse(path, sha256: "", length: new FileInfo(path).Length), CandleFileOrigin.Parsed, null, null, null);

        var sha = CandleCache.HashFile(path, out var length);
        var lookup = cache.Find(path, sha, length);
        if (lookup.File is { } cached)
        {
            CandleCsvReader.RequireSupported(path, cached.Interval);
            return new CandleFileLoad(cached, CandleFileOrigin.Cache, lookup.Path, null, null);
        }

        var parsed = Parse(path, sha, length);
        var write = Task.Run(() => cache.Write(parsed));
        return new CandleFileLoad(parsed, CandleFileOrigin.Parsed, lookup.Path, lookup.InvalidReason, write);
    }

    /// <summary>Parses every row of the file, checked against the interval inferred from its first rows.</summary>
    public static CandleFile Parse(string path, string sha256, long length)
    {
        var interval = new CandleCsvReader(path).DetectInterval();
        var reader = new CandleCsvReader(path, new CandleCsvReadOptions { Interval = interval });
        // 5m data is ~40 bytes a row gzipped: start near the final size so the list rarely regrows.
        var candles = new List<Core.MarketData.Candle>((int)Math.Clamp(length / 16, 1024, 1 << 24));
        candles.AddRange(reader.Read());
        var report = reader.Report;
        return new CandleFile(path, sha256, length, [.. candles], interval, report.RowsRead, report.DuplicatesSkipped);
    }
}
