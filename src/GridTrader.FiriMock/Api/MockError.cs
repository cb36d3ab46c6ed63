using System.Globalization;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Exchanges.Firi.Wire;

namespace GridTrader.FiriMock.Api;

/// <summary>
/// An error answer: status plus Firi's <c>{"name","message"}</c> body. Names and texts are the ones
/// docs/firi-api.md lists ("Errors", "The mock"); auth failures are 401, the status assumed there.
/// </summary>
internal sealed record MockError(int Status, string Name, string Message)
{
    public static readonly MockError NotAuthenticated = new(401, "NotAuthenticated", "Not authenticated");
    public static readonly MockError ApiKeyNotFound = new(401, "ApiKeyNotFound", "Access key not found");
    public static readonly MockError ExpiredSignature = new(401, "ExpiredSignature", "Expired signature");
    public static readonly MockError FutureSignature = new(401, "ExpiredSignature", "Signature timestamp is too far in the future");
    public static readonly MockError SecurityLevelTooLow = new(401, "SecurityLevelTooLow", "The user's security level is too low");
    public static readonly MockError MarketNotFound = new(404, "MarketNotFound", "Market not found");
    public static readonly MockError OrderNotFound = new(404, "OrderNotFound", "The specified order does not exist or has been canceled");
    public static readonly MockError RouteNotFound = new(404, "NotFound", "Not found");
    public static readonly MockError InsufficientFunds = new(400, "InsufficientFunds", "Insufficient funds");
    public static readonly MockError TooManyRequests = new(429, "TooManyRequests", "Too many requests");
    public static readonly MockError ServiceUnavailable = new(503, "ServiceUnavailable", "Service temporarily unavailable");

    public static MockError InvalidSignature(string why) =>
        new(401, "InvalidSignature", $"Invalid signature ({why}). PS! Timestamp and validity has to be strings");

    public static MockError BadRequest(string message) => new(400, "BadRequest", message);

    public FiriErrorDto ToDto() => new(Name, Message);

    /// <summary>
    /// The Firi error for a refusal of the matching engine. The engine speaks SNOW's messages, which name the
    /// case; the kind alone cannot tell a too-precise price from a too-small amount.
    /// </summary>
    public static MockError FromEngine(ExchangeError error, MockError notFound)
    {
        var message = error.Message;
        return error.Kind switch
        {
            ExchangeErrorKind.InsufficientFunds => InsufficientFunds,
            ExchangeErrorKind.NotFound => notFound,
            ExchangeErrorKind.InvalidRequest when Starts(message, "Too many decimal places in price") =>
                new(400, "TooHighPriceAccuracy", message),
            ExchangeErrorKind.InvalidRequest when Starts(message, "Too many decimal places in amount") =>
                new(400, "TooHighVolumeAccuracy", message),
            ExchangeErrorKind.InvalidRequest when Starts(message, "Amount is invalid") => new(400, "InvalidAmount", message),
            ExchangeErrorKind.InvalidRequest => BadRequest(message),
            _ => new(500, "InternalServerError", string.Create(CultureInfo.InvariantCulture, $"{error.Kind}: {message}")),
        };
    }

    private static bool Starts(string text, string prefix) => text.StartsWith(prefix, StringComparison.Ordinal);
}
