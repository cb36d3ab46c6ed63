using GridTrader.Core.Accounting;
using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;
using GridTrader.Engine.Trading;
using GridTrader.Exchanges.Abstractions;

namespace GridTrader.Engine.Backtesting;

/// <summary>
/// The observer of a portfolio run: routes every engine event to its market's <see cref="BacktestStats"/> (so each market
/// is counted as a single run counts it), and after every buy the exchange accepted reads the account's total exposure
/// against equity, the figure the total exposure cap binds.
/// </summary>
internal sealed class PortfolioObserver(IReadOnlyDictionary<string, BacktestStats> stats) : IEngineObserver
{
    private Portfolio? _portfolio;
    private IReadOnlyList<MarketSlot> _slots = [];

    public decimal PeakFractionAtPlacement { get; private set; }

    /// <summary>Connects the trading core once it exists (it is built with this observer) and its markets are added.</summary>
    public void Attach(Portfolio portfolio, IReadOnlyList<MarketSlot> slots)
    {
        _portfolio = portfolio;
        _slots = slots;
    }

    /// <summary>True once after anything was placed, cancelled or filled in any market (the step then settles).</summary>
    public bool ConsumeActivity()
    {
        var any = false;
        foreach (var s in stats.Values) any |= s.ConsumeActivity();
        return any;
    }

    public void OnOrderEvent(TrackedOrder order, OrderEvent e)
    {
        stats[order.Market].OnOrderEvent(order, e);
        if (order.Side != Side.Buy || e is not OrderStateChanged { To: OrderState.Open } || _portfolio is not { } portfolio) return;
        var equity = portfolio.Equity();
        if (equity <= 0) return;
        var total = 0m;
        foreach (var slot in _slots) total += portfolio.Exposure(slot);
        var fraction = total / equity;
        if (fraction > PeakFractionAtPlacement) PeakFractionAtPlacement = fraction;
    }

    public void OnFill(Fill fill, decimal realizedPnl) => stats[fill.Market].OnFill(fill, realizedPnl);

    public void OnPlacementRejected(PlaceOrderAction action, RiskDecision decision) => stats[action.Market].OnPlacementRejected(action, decision);

    public void OnExchangeError(string operation, string market, ExchangeError failure)
    {
        if (stats.TryGetValue(market, out var s)) s.OnExchangeError(operation, market, failure);
    }

    public void OnNotice(StrategyNotice notice) => stats[notice.Market].OnNotice(notice);
}
