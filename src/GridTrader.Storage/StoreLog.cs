using Microsoft.Extensions.Logging;

namespace GridTrader.Storage;

internal static partial class StoreLog
{
    [LoggerMessage(EventId = 3001, EventName = "store.created", Level = LogLevel.Information,
        Message = "Created GridTrader database {Path}")]
    public static partial void DatabaseCreated(ILogger logger, string path);

    [LoggerMessage(EventId = 3002, EventName = "store.migrated", Level = LogLevel.Information,
        Message = "Applied schema migration {Version}: {Description}")]
    public static partial void MigrationApplied(ILogger logger, int version, string description);

    [LoggerMessage(EventId = 3003, EventName = "store.fill-duplicate", Level = LogLevel.Debug,
        Message = "Fill of order {OrderId} at cumulative {Cumulative} is already stored; kept the stored one")]
    public static partial void DuplicateFillIgnored(ILogger logger, long orderId, string cumulative);
}
