namespace GridTrader.Exchanges.MarketData;

/// <summary>A candle cache file that exists but cannot be read (permissions, a directory in its place, an I/O error).</summary>
public sealed class CandleCacheException : IOException
{
    public CandleCacheException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    public CandleCacheException()
    {
    }

    public CandleCacheException(string message)
        : base(message)
    {
    }
}
