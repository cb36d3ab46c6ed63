using System.Globalization;
using GridTrader.Core.Accounting;
using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;
using GridTrader.Engine.Trading;
using GridTrader.Exchanges.Abstractions;
using Serilog.Events;

namespace GridTrader.Terminal;

/// <summary>One line of the live panel: when it happened and what, in a few words.</summary>
internal sealed record PanelLine(DateTimeOffset Time, string Text);

/// <summary>
/// What the live panel shows beside the engine snapshot: each market's last event (fills, breaker, refusals, notices,
/// reconciliation findings, runtime changes) from the engine observer, and the last few console warnings after
/// <see cref="Logging.RepeatFoldingSink"/> folded them (the log sink the panel replaces). Called from the engine loop and
/// the logger; read by the panel's refresh, so every access is under one lock.
/// </summary>
internal sealed class PanelFeed(TimeProvider time) : IEngineObserver, Serilog.Core.ILogEventSink
{
    /// <summary>Warnings the panel keeps; older ones are in the JSON log.</summary>
    public const int WarningCount = 4;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, PanelLine> _last = new(StringComparer.OrdinalIgnoreCase);
    private readonly Queue<PanelLine> _warnings = new();

    /// <summary>The clock of events that carry no time of their own (the engine's: virtual in a replay).</summary>
    public TimeProvider Clock { get; set; } = time;

    public PanelLine? LastEventOf(string market)
    {
        lock (_lock) return _last.GetValueOrDefault(market);
    }

    public IReadOnlyList<PanelLine> Warnings
    {
        get
        {
            lock (_lock) return [.. _warnings];
        }
    }

    public void OnFill(Fill fill, decimal realizedPnl)
    {
        ArgumentNullException.ThrowIfNull(fill);
        var verb = fill.Side == Core.Markets.Side.Buy ? "bought" : "sold";
        Record(fill.Market, fill.Time, FormattableString.Invariant($"{verb} {fill.Amount:0.########} at {fill.Price:#,0.##}"));
    }

    public void OnRiskEvent(RiskEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Market is { } market) Record(market, e.Time, e.Name);
    }

    public void OnPlacementRejected(PlaceOrderAction action, RiskDecision decision)
    {
        ArgumentNullException.ThrowIfNull(action);
        var reason = decision.Reason?.ToString() ?? "refused";
        Record(action.Market, Clock.GetUtcNow(), $"{action.Side.ToString().ToLowerInvariant()} refused: {reason}");
    }

    public void OnNotice(StrategyNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        Record(notice.Market, Clock.GetUtcNow(), notice.Name);
    }

    public void OnExchangeError(string operation, string market, ExchangeError failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (market != "*") Record(market, Clock.GetUtcNow(), $"{operation} failed: {failure.Kind}");
    }

    public void OnReconciliation(string market, string kind, string message) => Record(market, Clock.GetUtcNow(), $"reconciled: {kind}");

    public void OnMarketChanged(string market, string change, string message) => Record(market, Clock.GetUtcNow(), change);

    /// <summary>A console event (already folded): warnings and worse are kept, the rest is the JSON log's.</summary>
    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        if (logEvent.Level < LogEventLevel.Warning) return;
        var line = new PanelLine(logEvent.Timestamp, logEvent.RenderMessage(CultureInfo.InvariantCulture));
        lock (_lock)
        {
            _warnings.Enqueue(line);
            while (_warnings.Count > WarningCount) _warnings.Dequeue();
        }
    }

    private void Record(string market, DateTimeOffset when, string text)
    {
        lock (_lock) _last[market] = new PanelLine(when, text);
    }
}
