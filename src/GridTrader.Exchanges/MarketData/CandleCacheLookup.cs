namespace GridTrader.Exchanges.MarketData;

/// <summary>What <see cref="CandleCache.Find"/> found at <see cref="Path"/>.</summary>
public sealed record CandleCacheLookup(string Path, CandleFile? File, string? InvalidReason)
{
    public bool IsHit => File is not null;

    public static CandleCacheLookup Hit(string path, CandleFile file) => new(path, file, null);

    public static CandleCacheLookup Missing(string path) => new(path, null, null);

    public static CandleCacheLookup Invalid(string path, string reason) => new(path, null, reason);
}
