using GridTrader.Exchanges.Abstractions;
using Microsoft.Extensions.Logging;

namespace GridTrader.Exchanges.Reference;

/// <summary>The reference source's log events (ids 2200–2299).</summary>
internal static partial class ReferenceLog
{
    [LoggerMessage(EventId = 2201, EventName = "reference.error", Level = LogLevel.Warning,
        Message = "Reference candles from {Source} for {Symbol} failed: {Error}")]
    public static partial void Failed(ILogger logger, string source, string symbol, ExchangeError error);
}
