namespace GridTrader.FiriMock;

/// <summary>The mock's log events (ids 2200–2299); never keys, secrets or signatures.</summary>
internal static partial class MockLog
{
    [LoggerMessage(EventId = 2201, EventName = "mock.fault", Level = LogLevel.Debug,
        Message = "Injected {Fault} into {Method} {Path}")]
    public static partial void Fault(ILogger logger, string fault, string method, string path);

    [LoggerMessage(EventId = 2202, EventName = "mock.order_created", Level = LogLevel.Debug,
        Message = "Order {Id} created: {Side} {Amount} {Market} at {Price}")]
    public static partial void OrderCreated(ILogger logger, long id, string side, string amount, string market, string price);

    [LoggerMessage(EventId = 2203, EventName = "mock.auth_refused", Level = LogLevel.Debug,
        Message = "{Method} {Path} refused: {Name}")]
    public static partial void AuthRefused(ILogger logger, string method, string path, string name);

    [LoggerMessage(EventId = 2204, EventName = "mock.admin", Level = LogLevel.Information,
        Message = "Admin {Action}: {Detail}")]
    public static partial void Admin(ILogger logger, string action, string detail);

    [LoggerMessage(EventId = 2205, EventName = "mock.feed_failed", Level = LogLevel.Error,
        Message = "The price feed failed a step")]
    public static partial void FeedFailed(ILogger logger, Exception exception);
}
