using GridTrader.Core.Accounting;
using GridTrader.Core.MarketData;
using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Core.Persistence;
using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;
using GridTrader.Exchanges.Abstractions;

namespace GridTrader.Engine.Trading;

/// <summary>
/// The loop body shared by backtest, paper and live: market events go to the strategies, and what they decide goes to
/// the <see cref="OrderExecutor"/>. The parts it wires together each own one responsibility: <see cref="Orders"/>
/// (placing and cancelling), <see cref="Fills"/> (applying what the exchange reports), <see cref="Reconciler"/>
/// (agreeing with the exchange), <see cref="Portfolio"/> (equity, exposure, risk context) and <see cref="Control"/>
/// (bot state, kill-switch, pauses). Single-threaded: one caller at a time.
/// </summary>
public sealed class TradingCore
{
    private readonly MarketSet _markets = new();
    private readonly TimeProvider _time;

    public TradingCore(IExchange exchange, IAccountView account, RiskManager risk, OrderTracker tracker, Ledger ledger,
        IEngineStore store, IEngineObserver observer, EngineSettings settings, TimeProvider time, BotStateRecorder? states = null)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(account);
        Risk = risk ?? throw new ArgumentNullException(nameof(risk));
        Tracker = tracker ?? throw new ArgumentNullException(nameof(tracker));
        Ledger = ledger ?? throw new ArgumentNullException(nameof(ledger));
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(observer);
        Settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _time = time ?? throw new ArgumentNullException(nameof(time));

        var halt = new HaltSignal();
        Portfolio = new Portfolio(account, tracker, _markets, settings, time);
        Fills = new FillApplier(tracker, ledger, store, observer, settings, _markets, time);
        Orders = new OrderExecutor(exchange, risk, tracker, store, observer, settings, _markets, Portfolio, Fills, halt, time);
        Reconciler = new Reconciler(exchange, tracker, observer, settings, Fills, Orders, time);
        Control = new BotControl(states ?? new BotStateRecorder(risk, store, observer, time), _markets, Orders, halt);
    }

    public RiskManager Risk { get; }
    public OrderTracker Tracker { get; }
    public Ledger Ledger { get; }
    public EngineSettings Settings { get; }
    public Portfolio Portfolio { get; }
    public FillApplier Fills { get; }
    public OrderExecutor Orders { get; }
    public Reconciler Reconciler { get; }
    public BotControl Control { get; }
    public IReadOnlyList<MarketSlot> Markets => _markets.All;

    public MarketSlot AddMarket(MarketInfo info, GridStrategy strategy, CapitalBasis? capital = null) => _markets.Add(info, strategy, capital);

    public MarketSlot? Market(string symbol) => _markets.Find(symbol);

    /// <summary>Stops trading a market whose orders are settled (cancelled, filled or released); false when it was not traded.</summary>
    public bool RemoveMarket(string symbol)
    {
        if (Tracker.LiveIn(symbol).Any()) throw new InvalidOperationException($"{symbol} still has live orders; settle them before removing the market.");
        return _markets.Remove(symbol);
    }

    // The event methods below run once per candle or poll. Most of the time nothing follows from the event, so each
    // decides synchronously and only enters an async method when there is something to execute or persist: a
    // backtest then pays for no state machine on a quiet candle.

    /// <summary>A candle of <paramref name="market"/> closed.</summary>
    public ValueTask OnCandleAsync(MarketSlot market, Candle candle, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(market);
        var strategy = market.Strategy;
        var actions = strategy.OnCandle(candle);
        var breaker = Risk.OnVolatility(market.Symbol, strategy.Atr, strategy.PreviousAtr, _time.GetUtcNow());
        if (breaker is null && actions.Count == 0) return strategy.Settings.LossLimit is null ? default : CheckLossLimitAsync(market, ct);
        return AfterCandleAsync(market, actions, breaker, ct);
    }

    /// <summary>
    /// Stops a market whose loss — realized plus unrealized at its last price, in the quote currency — reached its
    /// <see cref="Core.Grid.GridSettings.LossLimit"/>.
    /// </summary>
    private ValueTask CheckLossLimitAsync(MarketSlot market, CancellationToken ct)
    {
        var strategy = market.Strategy;
        if (strategy.Settings.LossLimit is not { } limit || strategy.Phase == GridPhase.Stopped) return default;
        // Counted from the last resume: the loss a person accepted by resuming does not stop the new grid again.
        var pnl = PnlOf(market) - strategy.LossBaseline;
        if (pnl > -limit) return default;
        var since = strategy.LossBaseline == 0m ? "" : " since it was resumed";
        var actions = strategy.Stop(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"loss limit: the market's P&L{since} {pnl:0.##} {market.Info.QuoteCurrency} reached -{limit}"));
        return actions.Count > 0 ? Orders.ExecuteAsync(market, actions, ct) : default;
    }

    /// <summary>The market's P&amp;L in its quote currency: realized, plus unrealized at its last price.</summary>
    internal decimal PnlOf(MarketSlot market) =>
        Ledger.RealizedPnlOf(market.Symbol) + Ledger.UnrealizedPnl(market.Symbol, market.LastPrice);

    private async ValueTask AfterCandleAsync(MarketSlot market, IReadOnlyList<StrategyAction> actions, RiskEvent? breaker, CancellationToken ct)
    {
        if (breaker is not null)
        {
            await Control.ApplyRiskEventAsync(breaker, ct);
            market.Strategy.Invalidate();
        }

        if (actions.Count > 0) await Orders.ExecuteAsync(market, actions, ct);
        await CheckLossLimitAsync(market, ct);
    }

    /// <summary>A fresh ticker of <paramref name="market"/>.</summary>
    public async ValueTask OnTickerAsync(MarketSlot market, Ticker ticker, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(market);
        market.LastTicker = ticker;
        var actions = market.Strategy.OnTicker(ticker);
        if (actions.Count > 0) await Orders.ExecuteAsync(market, actions, ct);
        await CheckLossLimitAsync(market, ct);
    }

    /// <summary>Resumes a stopped grid (a person's decision): it plans anew around the price with the coins it holds.</summary>
    public async ValueTask ResumeGridAsync(MarketSlot market, string reason, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(market);
        var actions = market.Strategy.Resume(reason, PnlOf(market));
        if (actions.Count > 0) await Orders.ExecuteAsync(market, actions, ct);
    }

    /// <summary>Rebuilds a market's grid around the current price (operator action).</summary>
    public async ValueTask RecenterAsync(MarketSlot market, string reason, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(market);
        var actions = market.Strategy.Recenter(reason);
        if (actions.Count > 0) await Orders.ExecuteAsync(market, actions, ct);
    }

    /// <summary>Lets the strategy act on what changed since its last evaluation (after fills or closes).</summary>
    public ValueTask EvaluateAsync(MarketSlot market, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(market);
        var actions = market.Strategy.Evaluate();
        return actions.Count > 0 ? Orders.ExecuteAsync(market, actions, ct) : default;
    }

    /// <summary>Feeds equity to the drawdown stop.</summary>
    public ValueTask OnEquityAsync(decimal equity, CancellationToken ct = default)
    {
        var change = Risk.OnEquity(equity, _time.GetUtcNow());
        return change is null ? default : Control.ApplyRiskEventAsync(change, ct);
    }
}
