using System.Diagnostics;
using GridTrader.Core.MarketData;
using GridTrader.Exchanges.MarketData;

namespace GridTrader.Cli;

/// <summary>
/// The candles of one run in memory: the chosen range of the data file, from the candle cache when it holds a valid
/// copy of the file, else parsed (and then cached in the background: <see cref="CacheWrite"/>).
/// </summary>
internal sealed record CandleInput(Candle[] Candles, CandleSeriesInfo Series, CandleFileOrigin Origin, double LoadMs, Task? CacheWrite,
    string? CacheInvalidReason, string SourceSha256 = "")
{
    /// <summary>"hit", "written" (parsed, cache written), or "off" (no cache), for reports.</summary>
    public string CacheState => Origin == CandleFileOrigin.Cache ? "hit" : CacheWrite is null ? "off" : "written";

    /// <summary>Loads the candles of <paramref name="inputs"/>.</summary>
    /// <exception cref="CandleDataException">The file is not a valid candle series within the range.</exception>
    /// <exception cref="CandleCacheException">A cache file exists but cannot be read.</exception>
    /// <exception cref="IOException">The data file cannot be read.</exception>
    public static CandleInput Load(BacktestInputs inputs)
    {
        var stopwatch = Stopwatch.StartNew();
        if (inputs.Cache is null) return ReadRange(inputs, stopwatch);

        CandleFileLoad load;
        try
        {
            load = CandleFileLoader.Load(inputs.DataPath, inputs.Cache);
        }
        catch (CandleDataException) when (inputs.From is not null || inputs.To is not null)
        {
            // The cache holds whole files, but a range read checks only up to its end: a bad row after --to must not fail it.
            return ReadRange(inputs, stopwatch);
        }

        var (candles, series) = load.File.Range(inputs.From, inputs.To);
        return new CandleInput(candles, series, load.Origin, stopwatch.Elapsed.TotalMilliseconds, load.CacheWrite, load.CacheInvalidReason,
            load.File.SourceSha256);
    }

    /// <summary>Waits for the background cache write; a failure to write only costs the next run its speed, so it is a warning.</summary>
    public async Task FinishCacheWriteAsync()
    {
        if (CacheWrite is null) return;
        try
        {
            await CacheWrite;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"warning: the candle cache was not written: {ex.Message}");
        }
    }

    private static CandleInput ReadRange(BacktestInputs inputs, Stopwatch stopwatch)
    {
        var probe = new CandleCsvReader(inputs.DataPath);
        var reader = new CandleCsvReader(inputs.DataPath, new CandleCsvReadOptions { From = inputs.From, To = inputs.To, Interval = probe.DetectInterval() });
        Candle[] candles = [.. reader.Read()];
        return new CandleInput(candles, reader.Report.Series, CandleFileOrigin.Parsed, stopwatch.Elapsed.TotalMilliseconds, null, null);
    }
}
