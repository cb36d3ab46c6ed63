using System.Globalization;
using GridTrader.Exchanges.Firi.Wire;

namespace GridTrader.Exchanges.Firi;

/// <summary>What a call does to the exchange, which decides its HTTP method and whether it may be repeated.</summary>
internal enum FiriCallKind
{
    /// <summary>GET: safe to repeat.</summary>
    Read,

    /// <summary>DELETE of orders: idempotent, safe to repeat.</summary>
    Cancel,

    /// <summary>POST of an order: never repeated; a lost answer is an unknown outcome.</summary>
    Create,
}

/// <summary>
/// One Firi request before signing: route, non-auth query and, for order creation, the body fields.
/// Each attempt signs afresh, so a retried request carries a current timestamp.
/// </summary>
internal sealed record FiriCall(FiriCallKind Kind, string Path, bool IsPrivate, string Query = "", FiriOrderCreateBody? Order = null)
{
    public HttpMethod Method => Kind switch
    {
        FiriCallKind.Read => HttpMethod.Get,
        FiriCallKind.Cancel => HttpMethod.Delete,
        _ => HttpMethod.Post,
    };

    public static FiriCall PublicRead(string path, string query = "") => new(FiriCallKind.Read, path, IsPrivate: false, query);

    public static FiriCall PrivateRead(string path, string query = "") => new(FiriCallKind.Read, path, IsPrivate: true, query);

    public static FiriCall Cancel(string path) => new(FiriCallKind.Cancel, path, IsPrivate: true);

    public static FiriCall Create(string path, FiriOrderCreateBody order) => new(FiriCallKind.Create, path, IsPrivate: true, Order: order);

    public static string CountQuery(int count) => "count=" + count.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A 2xx answer, with the local times around the attempt (for learning the server clock's offset).</summary>
internal sealed record FiriResponse(int Status, byte[] Body, DateTimeOffset SentAt, DateTimeOffset ReceivedAt);
