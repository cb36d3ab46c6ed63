using GridTrader.Core.Orders;
using GridTrader.Exchanges.Abstractions;

namespace GridTrader.Engine.Tests.Live;

/// <summary>
/// An exchange decorator that fails the way networks and exchanges do — lost create answers, 5xx on reads, refused
/// credentials — and counts calls. Refused credentials apply to the private endpoints only, as on Firi.
/// </summary>
internal sealed class FaultyExchange(IExchange inner) : DelegatingExchange(inner)
{
    private readonly Lock _gate = new();
    private int _loseCreateAnswers;
    private int _dropCreatesBeforeSending;
    private int _failBalanceReads;

    public int PlaceCalls { get; private set; }

    /// <summary>Calls of private endpoints (balances, orders), whatever their answer.</summary>
    public int PrivateCalls { get; private set; }

    /// <summary>While set, every private endpoint answers with this error (a revoked key, a key without rights).</summary>
    public ExchangeError? RefuseCredentials { get; set; }

    /// <summary>The next <paramref name="n"/> creates reach the exchange, but their answer is lost.</summary>
    public void LoseCreateAnswers(int n)
    {
        lock (_gate) _loseCreateAnswers = n;
    }

    /// <summary>The next <paramref name="n"/> creates never reach the exchange and their outcome is unknown.</summary>
    public void DropCreatesBeforeSending(int n)
    {
        lock (_gate) _dropCreatesBeforeSending = n;
    }

    /// <summary>The next <paramref name="n"/> balance reads answer HTTP 503 (an HTML page, as Firi's proxy sends).</summary>
    public void FailBalanceReads(int n)
    {
        lock (_gate) _failBalanceReads = n;
    }

    public override ValueTask<ExchangeResult<IReadOnlyList<Balance>>> GetBalancesAsync(CancellationToken ct = default)
    {
        PrivateCalls++;
        if (RefuseCredentials is { } refused) return new(ExchangeResult<IReadOnlyList<Balance>>.Failure(refused));
        if (Take(ref _failBalanceReads))
            return new(ExchangeResult<IReadOnlyList<Balance>>.Failure(ExchangeErrorKind.ServerError, "HTML error page (injected)", 503));
        return Inner.GetBalancesAsync(ct);
    }

    public override async ValueTask<ExchangeResult<long>> PlaceOrderAsync(OrderRequest request, CancellationToken ct = default)
    {
        PlaceCalls++;
        PrivateCalls++;
        if (RefuseCredentials is { } refused) return ExchangeResult<long>.Failure(refused);
        if (Take(ref _dropCreatesBeforeSending))
            return ExchangeResult<long>.Failure(ExchangeErrorKind.OutcomeUnknown, "connection dropped (injected)");
        var result = await Inner.PlaceOrderAsync(request, ct);
        if (Take(ref _loseCreateAnswers))
            return ExchangeResult<long>.Failure(ExchangeErrorKind.OutcomeUnknown, "answer lost (injected)");
        return result;
    }

    public override ValueTask<ExchangeResult<IReadOnlyList<ExchangeOrder>>> GetOpenOrdersAsync(string? market, CancellationToken ct = default)
    {
        PrivateCalls++;
        return RefuseCredentials is { } refused
            ? new(ExchangeResult<IReadOnlyList<ExchangeOrder>>.Failure(refused))
            : Inner.GetOpenOrdersAsync(market, ct);
    }

    public override ValueTask<ExchangeResult<ExchangeOrder>> GetOrderAsync(long orderId, CancellationToken ct = default)
    {
        PrivateCalls++;
        return RefuseCredentials is { } refused ? new(ExchangeResult<ExchangeOrder>.Failure(refused)) : Inner.GetOrderAsync(orderId, ct);
    }

    public override ValueTask<ExchangeResult<CancelResult>> CancelOrderAsync(long orderId, string market, CancellationToken ct = default)
    {
        PrivateCalls++;
        return RefuseCredentials is { } refused ? new(ExchangeResult<CancelResult>.Failure(refused)) : Inner.CancelOrderAsync(orderId, market, ct);
    }

    private bool Take(ref int counter)
    {
        lock (_gate)
        {
            if (counter <= 0) return false;
            counter--;
            return true;
        }
    }
}
