namespace GridTrader.Exchanges.Abstractions;

/// <summary>Expected remote failures, as values. Exceptions are converted at the HTTP edge.</summary>
public enum ExchangeErrorKind
{
    /// <summary>Not enough available balance for the order.</summary>
    InsufficientFunds,
    /// <summary>The request was malformed or violated a market rule (precision, minimum size, bad price).</summary>
    InvalidRequest,
    /// <summary>The HMAC signature did not match.</summary>
    InvalidSignature,
    /// <summary>The signature's timestamp + validity had passed (clock skew or a slow request).</summary>
    ExpiredSignature,
    /// <summary>The API key's security level does not allow this endpoint.</summary>
    SecurityLevelTooLow,
    /// <summary>Unknown key, missing credentials or otherwise not authenticated.</summary>
    Unauthorized,
    /// <summary>Order or market not found.</summary>
    NotFound,
    /// <summary>HTTP 429; <see cref="ExchangeError.RetryAfter"/> carries the server's hint when it gave one.</summary>
    RateLimited,
    /// <summary>HTTP 5xx (body may be HTML).</summary>
    ServerError,
    /// <summary>The request timed out before any answer.</summary>
    Timeout,
    /// <summary>Connection refused or reset before the request could have been processed.</summary>
    Network,
    /// <summary>A state-changing request may have reached the exchange but its answer was lost; reconcile before acting.</summary>
    OutcomeUnknown,
    /// <summary>The answer could not be understood (not JSON, wrong shape, bad numbers).</summary>
    InvalidResponse,
    /// <summary>The operation is not available on this exchange or in this mode (e.g. private calls in paper mode).</summary>
    NotSupported,
    /// <summary>The caller cancelled the operation.</summary>
    Cancelled,
}
