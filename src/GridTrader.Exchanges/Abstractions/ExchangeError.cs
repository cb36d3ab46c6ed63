namespace GridTrader.Exchanges.Abstractions;

/// <summary>A failed exchange call. <see cref="Message"/> never contains credentials.</summary>
public sealed record ExchangeError(ExchangeErrorKind Kind, string Message, int? HttpStatus = null, TimeSpan? RetryAfter = null)
{
    /// <summary>True when repeating the same request later may succeed (and the request is safe to repeat).</summary>
    public bool IsTransient => Kind is ExchangeErrorKind.RateLimited or ExchangeErrorKind.ServerError
        or ExchangeErrorKind.Timeout or ExchangeErrorKind.Network;

    /// <summary>
    /// True when the exchange refused the credentials or their rights: no retry can fix it, a person must (new key,
    /// secret, or permissions). The bot halts with the reason instead of polling into the refusal.
    /// </summary>
    public bool IsAuthFailure => Kind is ExchangeErrorKind.Unauthorized or ExchangeErrorKind.InvalidSignature
        or ExchangeErrorKind.SecurityLevelTooLow;

    public override string ToString() =>
        HttpStatus is { } status ? $"{Kind} (HTTP {status}): {Message}" : $"{Kind}: {Message}";
}
