using GridTrader.Core.Orders;
using GridTrader.Exchanges.Abstractions;

namespace GridTrader.Engine.Tests.CrashSafety;

/// <summary>A dead process sends nothing: once the <see cref="CrashSwitch"/> fired, every call throws.</summary>
internal sealed class CrashingExchange(IExchange inner, CrashSwitch crash) : DelegatingExchange(inner)
{
    public override ValueTask<ExchangeResult<long>> PlaceOrderAsync(OrderRequest request, CancellationToken ct = default)
    {
        crash.ThrowIfCrashed();
        return Inner.PlaceOrderAsync(request, ct);
    }

    public override ValueTask<ExchangeResult<CancelResult>> CancelOrderAsync(long orderId, string market, CancellationToken ct = default)
    {
        crash.ThrowIfCrashed();
        return Inner.CancelOrderAsync(orderId, market, ct);
    }

    public override ValueTask<ExchangeResult<bool>> CancelAllOrdersAsync(string? market, CancellationToken ct = default)
    {
        crash.ThrowIfCrashed();
        return Inner.CancelAllOrdersAsync(market, ct);
    }

    public override ValueTask<ExchangeResult<IReadOnlyList<ExchangeOrder>>> GetOpenOrdersAsync(string? market, CancellationToken ct = default)
    {
        crash.ThrowIfCrashed();
        return Inner.GetOpenOrdersAsync(market, ct);
    }

    public override ValueTask<ExchangeResult<IReadOnlyList<Balance>>> GetBalancesAsync(CancellationToken ct = default)
    {
        crash.ThrowIfCrashed();
        return Inner.GetBalancesAsync(ct);
    }
}
