using GridTrader.Core.Orders;
using GridTrader.Exchanges.Abstractions;

namespace GridTrader.Engine.Tests.Live;

/// <summary>An exchange decorator that loses create answers the way networks do, and counts calls.</summary>
internal sealed class FaultyExchange(IExchange inner) : DelegatingExchange(inner)
{
    private readonly Lock _gate = new();
    private int _loseCreateAnswers;
    private int _dropCreatesBeforeSending;

    public int PlaceCalls { get; private set; }

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

    public override async ValueTask<ExchangeResult<long>> PlaceOrderAsync(OrderRequest request, CancellationToken ct = default)
    {
        PlaceCalls++;
        if (Take(ref _dropCreatesBeforeSending))
            return ExchangeResult<long>.Failure(ExchangeErrorKind.OutcomeUnknown, "connection dropped (injected)");
        var result = await Inner.PlaceOrderAsync(request, ct);
        if (Take(ref _loseCreateAnswers))
            return ExchangeResult<long>.Failure(ExchangeErrorKind.OutcomeUnknown, "answer lost (injected)");
        return result;
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
