using GridTrader.Core.Accounting;
using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;
using GridTrader.Engine.Trading;
using GridTrader.Exchanges.Abstractions;

namespace GridTrader.Engine.Live;

/// <summary>
/// Reserves balances for orders as they are sent (until the next poll shows the exchange's holds), flags the balances
/// stale after a fill or after an order that held funds was cancelled or expired (its hold is free again, which the last
/// poll does not know), and forwards everything to the observer it wraps.
/// </summary>
internal sealed class ReservingObserver(IEngineObserver inner, BalanceBook balances, FeeModel fees,
    Dictionary<string, MarketInfo> markets, Action fundsMoved) : IEngineObserver
{
    /// <summary>A market added at runtime: its orders reserve balances like the others'.</summary>
    public void AddMarket(MarketInfo market) => markets[market.Symbol] = market;

    public void OnOrderEvent(TrackedOrder order, OrderEvent e)
    {
        if (e is OrderStateChanged { To: OrderState.Submitting } && markets.TryGetValue(order.Market, out var market))
        {
            if (order.Side == Side.Buy) balances.Reserve(market.QuoteCurrency, order.Price * order.Amount * (1 + fees.Rate));
            else balances.Reserve(market.BaseCurrency, order.Amount);
        }
        else if (e is OrderStateChanged { To: OrderState.Cancelled or OrderState.Expired } && order.ExchangeId is not null)
        {
            fundsMoved();
        }

        inner.OnOrderEvent(order, e);
    }

    public void OnFill(Fill fill, decimal realizedPnl)
    {
        fundsMoved();
        inner.OnFill(fill, realizedPnl);
    }

    public void OnPlacementRejected(PlaceOrderAction action, RiskDecision decision) => inner.OnPlacementRejected(action, decision);

    public void OnExchangeError(string operation, string market, ExchangeError failure) => inner.OnExchangeError(operation, market, failure);

    public void OnRiskEvent(RiskEvent e) => inner.OnRiskEvent(e);

    public void OnNotice(StrategyNotice notice) => inner.OnNotice(notice);

    public void OnBotState(BotStateTransition transition) => inner.OnBotState(transition);

    public void OnReconciliation(string market, string kind, string message) => inner.OnReconciliation(market, kind, message);

    public void OnMarketChanged(string market, string change, string message) => inner.OnMarketChanged(market, change, message);
}
