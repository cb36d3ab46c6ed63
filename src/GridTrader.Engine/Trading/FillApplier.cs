using GridTrader.Core.Accounting;
using GridTrader.Core.Orders;
using GridTrader.Core.Persistence;

namespace GridTrader.Engine.Trading;

/// <summary>
/// Turns what the exchange says about an order into order events and fills, each applied exactly once: a fill moves
/// the ledger and the strategy's holdings, and the order, its events, its fills and the grid's state commit together.
/// </summary>
public sealed class FillApplier(OrderTracker tracker, Ledger ledger, IEngineStore store, IEngineObserver observer, EngineSettings settings,
    MarketSet markets, TimeProvider time)
{
    private static readonly IReadOnlyList<Fill> NoFills = [];

    /// <summary>
    /// Where fills are priced when the exchange's snapshot gives no price (live and paper: Firi's orders show only their
    /// limit); null books them at the limit. Backtests pass the matching engine's price and need none.
    /// </summary>
    public ExecutionPrices? ExecutionPrices { get; set; }

    /// <summary>
    /// Applies the exchange's cumulative view of an order (matched, remaining, cancelled). New matched quantity becomes
    /// one fill; an impossible view (more matched than ordered, negative numbers) changes nothing and is reported.
    /// </summary>
    public async ValueTask ApplySnapshotAsync(TrackedOrder order, decimal matched, decimal remaining, decimal cancelled,
        decimal? fillPrice, decimal? fee, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        // A taker fill can beat the limit: book what was paid when the trade history tells (one read per pass with fills).
        if (fillPrice is null && ExecutionPrices is { } prices && matched > order.Filled && matched <= order.Amount && !order.IsFinal)
            fillPrice = await prices.PriceAsync(order, matched - order.Filled, ct);
        IReadOnlyList<OrderEvent> events;
        try
        {
            events = order.ApplySnapshot(matched, remaining, cancelled, time.GetUtcNow(), fillPrice);
        }
        catch (ArgumentException ex)
        {
            observer.OnReconciliation(order.Market, "invalid-snapshot", ex.Message);
            return;
        }

        if (events.Count == 0) return;
        await ApplyEventsAsync(order, events, fee, ct);
    }

    /// <summary>
    /// Records events that already happened to <paramref name="order"/>: fills among them reach the ledger and the
    /// strategy, a final state frees the order's line, and everything commits in one transaction. A fee the exchange
    /// reported for the fill among them (<paramref name="reportedFee"/>) is booked as is; null charges the fee model's.
    /// </summary>
    public async ValueTask ApplyEventsAsync(TrackedOrder order, IReadOnlyList<OrderEvent> events, decimal? reportedFee, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(events);
        tracker.Updated(order);
        var market = markets.Find(order.Market);
        List<Fill>? fills = null;
        foreach (var e in events)
        {
            if (e is OrderFilled f && market is not null)
            {
                var info = market.Info;
                var (fee, feeCurrency) = settings.Fees.FeeFor(info, f.Side, f.Price, f.Amount);
                if (reportedFee is { } rf) fee = rf;
                var fill = new Fill(order.Id, info.Symbol, info.BaseCurrency, info.QuoteCurrency, f.Side, f.Price, f.Amount, fee, feeCurrency,
                    f.Time, order.Level, order.Epoch);
                var realized = ledger.Apply(fill);
                market.Strategy.OnFill(order.Id, f.Side, order.Cell, f.Amount, f.Price);
                // A compounding budget grows with the grid profit; the strategy uses it at its next plan.
                if (f.Side == Core.Markets.Side.Sell && market.Capital is { Budget.CompoundGridProfit: true } basis)
                    market.Strategy.UpdateCapital(basis.Capital(ledger.GridPairs.ProfitOf(info.Symbol)));
                (fills ??= []).Add(fill);
                observer.OnFill(fill, realized);
            }

            observer.OnOrderEvent(order, e);
        }

        if (order.IsFinal) market?.Strategy.OnOrderClosed(order.Id);
        if (!store.IsDurable) return;
        var state = market?.Strategy.Snapshot();
        await store.CommitOrderAsync(order, events, (IReadOnlyList<Fill>?)fills ?? NoFills, state, ct);
    }

    /// <summary>
    /// Persists the order as it stands, with <paramref name="change"/> when there is one. A store that keeps nothing
    /// (backtests) is not called at all: that saves building snapshots and event lists on every order.
    /// </summary>
    public ValueTask CommitAsync(TrackedOrder order, OrderEvent? change, CancellationToken ct = default) =>
        !store.IsDurable ? default : store.CommitOrderAsync(order, change is null ? [] : [change], NoFills, null, ct);
}
