using GridTrader.Core.Accounting;
using GridTrader.Core.Grid;
using GridTrader.Core.MarketData;
using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Core.Strategy;
using Microsoft.Extensions.Time.Testing;

namespace GridTrader.Core.Tests.TestSupport;

/// <summary>
/// The smallest engine a <see cref="GridStrategy"/> can run against: placements become tracked orders (the engine's
/// book enforces one live order per level), fills and closes are fed back from exchange-style cumulative snapshots,
/// and cancels stay live until <see cref="ConfirmCancels"/>, as they would on the exchange.
/// </summary>
internal sealed class StrategyHarness
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    // Firi order ids exceed 32 bits.
    private long _nextExchangeId = 5_000_000_000;

    private readonly Func<GridStrategy> _newStrategy;

    public StrategyHarness(GridSettings settings, decimal capital = 4000m, decimal initialBase = 0m, MarketInfo? market = null,
        FeeModel? fees = null)
    {
        Time = new FakeTimeProvider(TestMarkets.Start);
        Market = market ?? TestMarkets.Coarse();
        Fees = fees ?? FeeModel.Firi;
        _newStrategy = () => new GridStrategy(Market, settings, capital, Fees, Time, initialBase);
        Strategy = _newStrategy();
    }

    public GridStrategy Strategy { get; private set; }
    public FakeTimeProvider Time { get; }
    public MarketInfo Market { get; }
    public FeeModel Fees { get; }
    public OrderTracker Tracker { get; } = new();

    /// <summary>Placements to refuse (as risk or the exchange would), each answered with <see cref="RejectCooldown"/>.</summary>
    public Func<PlaceOrderAction, bool> RejectWhen { get; set; } = _ => false;

    public TimeSpan RejectCooldown { get; set; } = TimeSpan.FromMinutes(5);
    public List<PlaceOrderAction> Rejected { get; } = [];

    /// <summary>Base the fills delivered (after a fee taken in base) minus base they sold.</summary>
    public decimal NetBaseFilled { get; private set; }

    /// <summary>Live orders, highest level first (the order the strategy reconciles in).</summary>
    public IReadOnlyList<TrackedOrder> Live => Tracker.Live.OrderByDescending(o => o.Level).ToList();

    public TrackedOrder LiveAt(int level) =>
        Tracker.LiveAt(Market.Symbol, level) ?? throw new Xunit.Sdk.XunitException($"No live order on level {level}.");

    /// <summary>A candle that opens, trades and closes at one price.</summary>
    public IReadOnlyList<StrategyAction> Close(decimal price) => Candle(price, price, price, price);

    public IReadOnlyList<StrategyAction> Candle(decimal open, decimal high, decimal low, decimal close) =>
        Execute(Strategy.OnCandle(NextCandle(open, high, low, close)));

    /// <summary>A historical candle: indicators only.</summary>
    public void WarmUp(decimal open, decimal high, decimal low, decimal close) => Strategy.WarmUp(NextCandle(open, high, low, close));

    public IReadOnlyList<StrategyAction> Evaluate() => Execute(Strategy.Evaluate());

    /// <summary>Carries out the strategy's actions in order and returns a copy of them (the strategy reuses its buffer).</summary>
    public IReadOnlyList<StrategyAction> Execute(IReadOnlyList<StrategyAction> actions)
    {
        var batch = actions.ToList();
        var now = Time.GetUtcNow();
        foreach (var action in batch)
        {
            switch (action)
            {
                case PlaceOrderAction place when RejectWhen(place):
                    Rejected.Add(place);
                    Strategy.OnPlacementRejected(place, RejectCooldown);
                    break;
                case PlaceOrderAction place:
                    if (Tracker.LiveAt(place.Market, place.Level) is { } existing)
                        throw new Xunit.Sdk.XunitException($"Placement {place} on a level that already carries {existing}.");
                    var order = Tracker.CreateIntent(place.Market, place.Side, place.Price, place.Amount, place.Level, place.Cell,
                        place.Epoch, now, timeToLive: null);
                    order.MarkSubmitting(now);
                    order.MarkAccepted(_nextExchangeId++, now);
                    Tracker.Updated(order);
                    Strategy.OnOrderCreated(order.Id, place.Side, place.Level, place.Cell);
                    break;
                case CancelOrderAction cancel:
                    if (!Tracker.TryGet(cancel.OrderId, out var target))
                        throw new Xunit.Sdk.XunitException($"Cancel of unknown order {cancel.OrderId}.");
                    target.RequestCancel(cancel.Reason, now);
                    break;
            }
        }

        return batch;
    }

    /// <summary>
    /// A restart: a new strategy restored from the old one's snapshot, with the live orders re-registered from the
    /// order book (indicators start empty, as they would before the stored candles are replayed).
    /// </summary>
    public void Restart()
    {
        var state = Strategy.Snapshot();
        Strategy = _newStrategy();
        Strategy.Restore(state);
        foreach (var order in Tracker.Live) Strategy.OnOrderCreated(order.Id, order.Side, order.Level, order.Cell, order.Price);
    }

    /// <summary>The exchange matched <paramref name="amount"/> more of the order.</summary>
    public void Fill(TrackedOrder order, decimal amount)
    {
        var matched = order.Filled + amount;
        Apply(order, matched, order.Amount - matched, 0m);
    }

    public void FillCompletely(TrackedOrder order) => Fill(order, order.Amount - order.Filled);

    /// <summary>The exchange confirms a requested cancel: the order closes with what it had matched.</summary>
    public void ConfirmCancel(TrackedOrder order) => Apply(order, order.Filled, 0m, order.Amount - order.Filled);

    /// <summary>The exchange confirms every requested cancel.</summary>
    public void ConfirmCancels()
    {
        foreach (var order in Tracker.Live.Where(o => o.CancelReason is not null).ToList()) ConfirmCancel(order);
    }

    private void Apply(TrackedOrder order, decimal matched, decimal remaining, decimal cancelled)
    {
        foreach (var e in order.ApplySnapshot(matched, remaining, cancelled, Time.GetUtcNow()))
        {
            if (e is not OrderFilled fill) continue;
            Strategy.OnFill(order.Id, fill.Side, fill.Cell, fill.Amount, fill.Price);
            NetBaseFilled += fill.Side == Side.Buy ? Fees.NetBaseReceived(Side.Buy, fill.Amount) : -fill.Amount;
        }

        if (!order.IsFinal) return;
        Tracker.Updated(order);
        Strategy.OnOrderClosed(order.Id);
    }

    private Candle NextCandle(decimal open, decimal high, decimal low, decimal close)
    {
        var candle = new Candle(Time.GetUtcNow().ToUnixTimeMilliseconds(), open, high, low, close, 1m);
        Time.Advance(Interval);
        return candle;
    }
}

internal static class StrategyActionExtensions
{
    public static List<PlaceOrderAction> Placements(this IEnumerable<StrategyAction> actions) => actions.OfType<PlaceOrderAction>().ToList();

    public static List<CancelOrderAction> Cancels(this IEnumerable<StrategyAction> actions) => actions.OfType<CancelOrderAction>().ToList();

    public static List<string> NoticeNames(this IEnumerable<StrategyAction> actions) =>
        actions.OfType<StrategyNotice>().Select(n => n.Name).ToList();
}
