using GridTrader.Core.Accounting;
using GridTrader.Core.Orders;
using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;
using GridTrader.Engine.Trading;
using GridTrader.Exchanges.Abstractions;

namespace GridTrader.Engine.Backtesting;

/// <summary>Counts what the engine did in a backtest; keeps fills (when asked) and notices for the report.</summary>
internal sealed class BacktestStats(bool collectFills) : IEngineObserver
{
    /// <summary>Notices kept for the result; later ones are only counted.</summary>
    public const int MaxNotices = 10_000;

    private readonly Dictionary<string, int> _rejections = new(StringComparer.Ordinal);
    private bool _activity;
    private bool _ordersChanged = true;

    public int OrdersPlaced { get; private set; }
    public int FillCount { get; private set; }
    public int Rejections { get; private set; }
    public int Rebuilds { get; private set; }
    public int NoticeCount { get; private set; }
    public IReadOnlyDictionary<string, int> RejectionsByReason => _rejections;
    public List<Fill> Fills { get; } = [];
    public List<StrategyNotice> Notices { get; } = [];

    /// <summary>True once after the engine placed or cancelled something (the candle then settles).</summary>
    public bool ConsumeActivity()
    {
        var a = _activity;
        _activity = false;
        return a;
    }

    /// <summary>
    /// True once after an order event or a fill: the open buys or the base held may have changed, so the report's
    /// sample of the capital in use reads them again (on a quiet candle it does not).
    /// </summary>
    public bool ConsumeOrderChange()
    {
        var c = _ordersChanged;
        _ordersChanged = false;
        return c;
    }

    public void OnOrderEvent(TrackedOrder order, OrderEvent e)
    {
        if (e is OrderStateChanged { To: OrderState.Open }) OrdersPlaced++;
        _activity = true;
        _ordersChanged = true;
    }

    public void OnFill(Fill fill, decimal realizedPnl)
    {
        FillCount++;
        _ordersChanged = true;
        if (collectFills) Fills.Add(fill);
    }

    public void OnPlacementRejected(PlaceOrderAction action, RiskDecision decision)
    {
        Rejections++;
        var code = decision.Code;
        _rejections[code] = _rejections.GetValueOrDefault(code) + 1;
    }

    public void OnExchangeError(string operation, string market, ExchangeError failure)
    {
        Rejections++;
        var key = $"exchange-{failure.Kind}";
        _rejections[key] = _rejections.GetValueOrDefault(key) + 1;
    }

    public void OnNotice(StrategyNotice notice)
    {
        NoticeCount++;
        if (notice.Name == StrategyNotice.Recentering) Rebuilds++;
        if (Notices.Count < MaxNotices) Notices.Add(notice);
    }
}
