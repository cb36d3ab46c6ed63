using GridTrader.Exchanges.Abstractions;
using Microsoft.Extensions.Logging;

namespace GridTrader.Exchanges.Firi;

/// <summary>
/// The Firi client's log events (ids 2100–2199). Paths are logged without their query string, and no
/// event carries credentials or signatures.
/// </summary>
internal static partial class FiriLog
{
    [LoggerMessage(EventId = 2101, EventName = "firi.request", Level = LogLevel.Debug,
        Message = "Firi {Method} {Path}")]
    public static partial void Request(ILogger logger, string method, string path);

    [LoggerMessage(EventId = 2102, EventName = "firi.response", Level = LogLevel.Debug,
        Message = "Firi {Method} {Path} answered {Status} in {ElapsedMs} ms")]
    public static partial void Response(ILogger logger, string method, string path, int status, long elapsedMs);

    [LoggerMessage(EventId = 2103, EventName = "firi.retry", Level = LogLevel.Information,
        Message = "Firi {Method} {Path}: retry {Retry} in {DelayMs} ms after {Kind}")]
    public static partial void Retry(ILogger logger, string method, string path, int retry, long delayMs, ExchangeErrorKind kind);

    [LoggerMessage(EventId = 2104, EventName = "firi.error", Level = LogLevel.Warning,
        Message = "Firi {Method} {Path} failed: {Error}")]
    public static partial void Error(ILogger logger, string method, string path, ExchangeError error);

    [LoggerMessage(EventId = 2105, EventName = "firi.outcome_unknown", Level = LogLevel.Warning,
        Message = "Firi order on {Market} may or may not exist ({Error}); reconcile before placing it again")]
    public static partial void OutcomeUnknown(ILogger logger, string market, ExchangeError error);

    [LoggerMessage(EventId = 2106, EventName = "firi.clock", Level = LogLevel.Information,
        Message = "Firi clock offset learned from /time: {OffsetSeconds} s")]
    public static partial void ClockSynced(ILogger logger, double offsetSeconds);

    [LoggerMessage(EventId = 2107, EventName = "firi.clock_failed", Level = LogLevel.Warning,
        Message = "Firi clock sync failed ({Error}); signing with the local clock")]
    public static partial void ClockSyncFailed(ILogger logger, ExchangeError error);

    [LoggerMessage(EventId = 2108, EventName = "firi.paced", Level = LogLevel.Debug,
        Message = "Firi {Method} {Path} waits {DelayMs} ms for the client-side request budget")]
    public static partial void Paced(ILogger logger, string method, string path, long delayMs);

    [LoggerMessage(EventId = 2109, EventName = "firi.retry_budget", Level = LogLevel.Information,
        Message = "Firi {Method} {Path}: no retry after {Kind}, the next one ({DelayMs} ms) would exceed the retry budget")]
    public static partial void RetryBudgetExhausted(ILogger logger, string method, string path, ExchangeErrorKind kind, long delayMs);

    [LoggerMessage(EventId = 2110, EventName = "firi.order_placed", Level = LogLevel.Information,
        Message = "Firi order {OrderId} placed: {Side} {Amount} {Market} at {Price}")]
    public static partial void OrderPlaced(ILogger logger, long orderId, string side, string amount, string market, string price);
}
