namespace GridTrader.Exchanges.Abstractions;

/// <summary>A failed exchange call. <see cref="Message"/> never contains credentials.</summary>
public sealed record ExchangeError(ExchangeErrorKind Kind, string Message, int? HttpStatus = null, TimeSpan? RetryAfter = null)
{
    /// <summary>True when repeating the same request later may succeed (and the request is safe to repeat).</summary>
    public bool IsTransient => Kind is ExchangeErrorKind.RateLimited or ExchangeErrorKind.ServerError
        or ExchangeErrorKind.Timeout or ExchangeErrorKind.Network;

    public override string ToString() =>
        HttpStatus is { } status ? $"{Kind} (HTTP {status}): {Message}" : $"{Kind}: {Message}";
}
