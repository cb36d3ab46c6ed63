using GridTrader.Core.Orders;
using GridTrader.Exchanges.Abstractions;

namespace GridTrader.Hosting;

/// <summary>Lets reads through and refuses every state-changing call: what a dry-run reconciliation runs against.</summary>
internal sealed class ReadOnlyExchange(IExchange inner) : DelegatingExchange(inner)
{
    private static readonly ExchangeError Refused = new(ExchangeErrorKind.NotSupported, "dry run: nothing is sent to the exchange");

    public List<string> Refusals { get; } = [];

    public override ValueTask<ExchangeResult<long>> PlaceOrderAsync(OrderRequest request, CancellationToken ct = default)
    {
        Refusals.Add($"would place {request.Side} {request.Amount} {request.Market} @ {request.Price}");
        return ValueTask.FromResult(ExchangeResult<long>.Failure(Refused));
    }

    public override ValueTask<ExchangeResult<CancelResult>> CancelOrderAsync(long orderId, string market, CancellationToken ct = default)
    {
        Refusals.Add($"would cancel order {orderId} ({market})");
        return ValueTask.FromResult(ExchangeResult<CancelResult>.Failure(Refused));
    }

    public override ValueTask<ExchangeResult<bool>> CancelAllOrdersAsync(string? market, CancellationToken ct = default)
    {
        Refusals.Add($"would cancel every order{(market is null ? "" : $" of {market}")}");
        return ValueTask.FromResult(ExchangeResult<bool>.Failure(Refused));
    }
}
