using GridTrader.Core.MarketData;
using GridTrader.Exchanges.MarketData;
using GridTrader.Tests.Shared;

namespace GridTrader.Exchanges.Tests.MarketData;

public sealed class CandleCacheTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gridtrader-cache-").FullName;
    private readonly CandleCache _cache;

    public CandleCacheTests() => _cache = new CandleCache(Path.Combine(_dir, "cache"));

    private static string Week => TestRepository.SampleData("BTCUSDT-5m-2023-03-20_26.csv.gz");

    [Fact]
    public async Task Load_SecondTime_ReadsTheCacheBitForBitAsParsed()
    {
        var first = CandleFileLoader.Load(Week, _cache);
        await first.CacheWrite!;

        var second = CandleFileLoader.Load(Week, _cache);

        Assert.Equal(CandleFileOrigin.Parsed, first.Origin);
        Assert.Equal(CandleFileOrigin.Cache, second.Origin);
        Assert.Null(second.CacheWrite);
        Assert.Equal(first.File.Candles.Length, second.File.Candles.Length);
        for (var i = 0; i < first.File.Candles.Length; i++) AssertSameBits(first.File.Candles[i], second.File.Candles[i]);
        Assert.Equal(TimeSpan.FromMinutes(5), second.File.Interval);
        Assert.Equal(first.File.RowsRead, second.File.RowsRead);
        Assert.Equal(first.File.SourceSha256, second.File.SourceSha256);
        Assert.Equal(_cache.PathFor(second.File.SourceSha256), second.CachePath);
    }

    [Fact]
    public async Task Load_CachedFile_KeepsTheDecimalsScaleAsInTheCsv()
    {
        using var csv = TempCandleFile.WithRows(["0,100.50,101.000,99,100.5,2.00000000", "60000,100,101,99,100.5,2"]);
        await CandleFileLoader.Load(csv.Path, _cache).CacheWrite!;

        var cached = CandleFileLoader.Load(csv.Path, _cache);

        Assert.Equal(CandleFileOrigin.Cache, cached.Origin);
        Assert.Equal("100.50", cached.File.Candles[0].Open.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("2.00000000", cached.File.Candles[0].Volume.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(1, "truncated")]
    [InlineData(100, "truncated")]
    [InlineData(60_000, "truncated")]
    public async Task Load_TruncatedCache_IsIgnoredAndRebuilt(int cutBytes, string reason)
    {
        var path = await CachedAsync();
        using (var f = new FileStream(path, FileMode.Open)) f.SetLength(Math.Max(0, f.Length - cutBytes));

        var load = CandleFileLoader.Load(Week, _cache);
        await load.CacheWrite!;

        Assert.Equal(CandleFileOrigin.Parsed, load.Origin);
        Assert.Contains(reason, load.CacheInvalidReason, StringComparison.Ordinal);
        Assert.Equal(CandleFileOrigin.Cache, CandleFileLoader.Load(Week, _cache).Origin);
    }

    [Fact]
    public async Task Load_CacheOfAnotherFile_IsIgnored()
    {
        using var other = TempCandleFile.WithRows(TempCandleFile.MinuteRows(10), gzip: true);
        var otherCache = _cache.PathFor((await LoadedAsync(other.Path)).SourceSha256);
        var weekCache = _cache.PathFor((await LoadedAsync(Week)).SourceSha256);
        File.Copy(otherCache, weekCache, overwrite: true);

        var load = CandleFileLoader.Load(Week, _cache);

        Assert.Equal(CandleFileOrigin.Parsed, load.Origin);
        Assert.Equal("made from another source file", load.CacheInvalidReason);
        Assert.Equal(7 * 288 - 16, load.File.Candles.Length);
        await load.CacheWrite!;
    }

    [Theory]
    [InlineData(0, "not a candle cache file")]
    [InlineData(8, "format version")]
    [InlineData(64, "truncated")]
    [InlineData(5000, "checksum")]
    public async Task Load_CacheWithAChangedByte_IsIgnored(int offset, string reason)
    {
        var path = await CachedAsync();
        var bytes = File.ReadAllBytes(path);
        bytes[offset] ^= 0x5A;
        File.WriteAllBytes(path, bytes);

        var load = CandleFileLoader.Load(Week, _cache);

        Assert.Equal(CandleFileOrigin.Parsed, load.Origin);
        Assert.Contains(reason, load.CacheInvalidReason, StringComparison.Ordinal);
        await load.CacheWrite!;
    }

    [Fact]
    public async Task Load_CachePathTakenByADirectory_Throws()
    {
        var sha = (await LoadedAsync(Week)).SourceSha256;
        File.Delete(_cache.PathFor(sha));
        Directory.CreateDirectory(_cache.PathFor(sha));

        var ex = Assert.Throws<CandleCacheException>(() => CandleFileLoader.Load(Week, _cache));
        Assert.Contains("cannot read the candle cache", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_LeavesNoTemporaryFile()
    {
        await CachedAsync();

        Assert.Single(Directory.GetFiles(_cache.Directory));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("2023-03-24T10:00:00Z", null)]
    [InlineData(null, "2023-03-22T00:00:00Z")]
    [InlineData("2023-03-24T12:00:00Z", "2023-03-24T14:02:00Z")]
    [InlineData("2030-01-01T00:00:00Z", null)]
    public void Range_GivesWhatTheCsvReaderYieldsForTheSameRange(string? from, string? to)
    {
        var (f, t) = (from is null ? (DateTimeOffset?)null : DateTimeOffset.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
            to is null ? (DateTimeOffset?)null : DateTimeOffset.Parse(to, System.Globalization.CultureInfo.InvariantCulture));
        var reader = new CandleCsvReader(Week, new CandleCsvReadOptions { From = f, To = t, Interval = TimeSpan.FromMinutes(5) });
        var expected = reader.Read().ToArray();

        var (candles, series) = CandleFileLoader.Load(Week, cache: null).File.Range(f, t);

        Assert.Equal(expected, candles);
        Assert.Equal(reader.Report.Series.Count, series.Count);
        Assert.Equal(reader.Report.Series.Gaps, series.Gaps);
    }

    [Fact]
    public void DefaultDirectory_FollowsTheEnvironment()
    {
        Assert.Equal("/x/cache", CandleCache.DefaultDirectory(n => n == "GRIDTRADER_CACHE_DIR" ? "/x/cache" : null));
        Assert.Equal(Path.Combine("/xdg", "gridtrader", "candles"), CandleCache.DefaultDirectory(n => n == "XDG_CACHE_HOME" ? "/xdg" : null));
    }

    private async Task<string> CachedAsync() => _cache.PathFor((await LoadedAsync(Week)).SourceSha256);

    private async Task<CandleFile> LoadedAsync(string path)
    {
        var load = CandleFileLoader.Load(path, _cache);
        if (load.CacheWrite is { } write) await write;
        return load.File;
    }

    private static void AssertSameBits(Candle expected, Candle actual)
    {
        Assert.Equal(expected.OpenTimeMs, actual.OpenTimeMs);
        foreach (var (e, a) in new[] { (expected.Open, actual.Open), (expected.High, actual.High), (expected.Low, actual.Low),
                     (expected.Close, actual.Close), (expected.Volume, actual.Volume) })
            Assert.Equal(decimal.GetBits(e), decimal.GetBits(a));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
