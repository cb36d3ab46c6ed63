namespace GridTrader.Storage;

/// <summary>
/// The data directory cannot be used as it is: not a GridTrader database, a schema from a newer version, or another
/// instance holding the lock. The message says what to do; nothing on disk was changed.
/// </summary>
public sealed class StoreException : Exception
{
    public StoreException()
    {
    }

    public StoreException(string message) : base(message)
    {
    }

    public StoreException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
