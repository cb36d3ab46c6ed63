using System.Globalization;
using GridTrader.Core.Accounting;
using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;
using GridTrader.Engine.Trading;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Logging;

namespace GridTrader.Notifications;

/// <summary>
/// Turns what the operator must hear about (fills, notable risk rejections, risk events such as the circuit breaker and
/// the kill-switch, a stopped grid, a halted bot, reconciliation findings, exchange errors) into short messages on the
/// <see cref="NotificationOutbox"/>. Never blocks and never throws: the dispatcher does the sending.
/// </summary>
public sealed class NotificationObserver(NotificationOutbox queue, TimeProvider time, SecretRedactor? redactor = null) : IEngineObserver
{
    /// <summary>The same rejection or exchange error (same market and code) is told at most once in this window; repeats are counted.</summary>
    public static readonly TimeSpan RepeatWindow = TimeSpan.FromMinutes(10);

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly SecretRedactor _redactor = redactor ?? SecretRedactor.None;
    private readonly Dictionary<string, Repeat> _repeats = new(StringComparer.Ordinal);

    public void OnFill(Fill fill, decimal realizedPnl)
    {
        var text = $"{fill.Market} {Side(fill.Side)} {Number(fill.Amount)} {fill.BaseCurrency} @ {Number(fill.Price)} filled, fee {Number(fill.Fee)} {fill.FeeCurrency}";
        if (realizedPnl != 0) text += $", realized P&L {realizedPnl.ToString("+0.00;-0.00", Invariant)} {fill.QuoteCurrency}";
        Enqueue(text);
    }

    public void OnPlacementRejected(PlaceOrderAction action, RiskDecision decision)
    {
        if (!NotableRejections.IsNotable(decision)) return;
        EnqueueUnlessRepeated($"risk|{action.Market}|{decision.Code}",
            $"{action.Market} {Side(action.Side)} {Number(action.Amount)} @ {Number(action.Price)} rejected: {decision.Code}: {decision.Message}");
    }

    public void OnExchangeError(string operation, string market, ExchangeError failure) =>
        EnqueueUnlessRepeated($"exchange|{operation}|{market}|{failure.Kind}", $"Exchange error during {operation} on {market}: {failure}");

    public void OnRiskEvent(RiskEvent e)
    {
        var market = e.Market ?? EngineLogObserver.AllMarkets;
        var what = e.Name switch
        {
            RiskEvent.KillEngaged => "KILL-SWITCH ENGAGED",
            RiskEvent.KillReleased => "Kill-switch released",
            RiskEvent.CircuitTripped => "CIRCUIT BREAKER TRIPPED",
            RiskEvent.CircuitReset => "Circuit breaker reset",
            RiskEvent.DrawdownTripped => "DRAWDOWN STOP TRIPPED",
            RiskEvent.MarketPaused => "Market paused",
            RiskEvent.MarketResumed => "Market resumed",
            RiskEvent.BotPaused => "Bot paused",
            RiskEvent.BotResumed => "Bot resumed",
            _ => e.Name,
        };
        Enqueue($"{what} ({market}): {e.Message}");
    }

    /// <summary>A grid stopped by its stop-loss, take-profit or loss limit, or resumed: told once each.</summary>
    public void OnNotice(StrategyNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (notice.Name == StrategyNotice.GridStopped) Enqueue($"GRID STOPPED ({notice.Market}): {notice.Message}");
        else if (notice.Name == StrategyNotice.GridResumed) Enqueue($"Grid resumed ({notice.Market}): {notice.Message}");
    }

    public void OnBotState(BotStateTransition transition)
    {
        if (transition.To == BotState.Halted) Enqueue($"BOT HALTED (was {transition.From}): {transition.Reason}");
    }

    /// <summary>A finding of reconciliation; a fill's execution price is not one (the fill's own notice carries it).</summary>
    public void OnReconciliation(string market, string kind, string message)
    {
        if (kind != "execution-price") Enqueue($"Reconciliation on {market}, {kind}: {message}");
    }

    private void EnqueueUnlessRepeated(string key, string text)
    {
        var now = time.GetUtcNow();
        int suppressed;
        lock (_repeats)
        {
            if (_repeats.TryGetValue(key, out var last) && now - last.Told < RepeatWindow)
            {
                _repeats[key] = last with { Suppressed = last.Suppressed + 1 };
                return;
            }

            suppressed = last.Suppressed;
            _repeats[key] = new Repeat(now, 0);
        }

        Enqueue(suppressed > 0 ? $"{text} (and {suppressed} more like it since the last message)" : text, now);
    }

    private void Enqueue(string text, DateTimeOffset? at = null) =>
        queue.TryWrite(new Notification(at ?? time.GetUtcNow(), _redactor.Redact(text)));

    private static string Side(Core.Markets.Side side) => side == Core.Markets.Side.Buy ? "buy" : "sell";

    private static string Number(decimal value) => value.ToString("0.##########", Invariant);

    private readonly record struct Repeat(DateTimeOffset Told, int Suppressed);
}
