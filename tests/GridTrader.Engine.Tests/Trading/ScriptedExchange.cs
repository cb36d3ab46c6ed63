using GridTrader.Core.Orders;
using GridTrader.Exchanges.Abstractions;

namespace GridTrader.Engine.Tests.Trading;

/// <summary>
/// An exchange decorator that records the calls that change orders and lets a test decide, per placement, whether it is
/// refused, answered normally, or reaches the exchange with its answer lost; <see cref="OnPlace"/> runs at the moment
/// of the call, before anything is forwarded.
/// </summary>
internal sealed class ScriptedExchange(IExchange inner) : DelegatingExchange(inner)
{
    public List<OrderRequest> PlaceCalls { get; } = [];
    public List<long> CancelCalls { get; } = [];
    public int CancelAllCalls { get; private set; }

    /// <summary>Runs when a placement is asked for, before it reaches the exchange.</summary>
    public Action<OrderRequest>? OnPlace { get; set; }

    /// <summary>An error to answer with instead of forwarding the placement; null forwards it.</summary>
    public Func<OrderRequest, ExchangeError?> Refuse { get; set; } = _ => null;

    /// <summary>True: the placement reaches the exchange, but the answer is lost (OutcomeUnknown).</summary>
    public Func<OrderRequest, bool> LoseAnswer { get; set; } = _ => false;

    public override async ValueTask<ExchangeResult<long>> PlaceOrderAsync(OrderRequest request, CancellationToken ct = default)
    {
        PlaceCalls.Add(request);
        OnPlace?.Invoke(request);
        if (Refuse(request) is { } error) return error;
        var result = await Inner.PlaceOrderAsync(request, ct);
        return LoseAnswer(request) ? ExchangeResult<long>.Failure(ExchangeErrorKind.OutcomeUnknown, "answer lost (scripted)") : result;
    }

    public override ValueTask<ExchangeResult<CancelResult>> CancelOrderAsync(long orderId, string market, CancellationToken ct = default)
    {
        CancelCalls.Add(orderId);
        return Inner.CancelOrderAsync(orderId, market, ct);
    }

    public override ValueTask<ExchangeResult<bool>> CancelAllOrdersAsync(string? market, CancellationToken ct = default)
    {
        CancelAllCalls++;
        return Inner.CancelAllOrdersAsync(market, ct);
    }
}
