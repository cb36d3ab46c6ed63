using System.Text.Json.Serialization;
using GridTrader.Engine.Live;

namespace GridTrader.Dashboard;

/// <summary>
/// The <c>status</c> document (CLI <c>status --json</c> and <c>GET /api/status</c>): snake_case, stable field names.
/// <c>state</c> is <c>NotRunning</c> when no bot holds the data directory's lock; the state the database last recorded is
/// then in <c>last_state</c>. <c>halt_reason</c> is present whenever that state is Halted.
/// </summary>
internal sealed record StatusView(
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("mode")] string Mode,
    [property: JsonPropertyName("exchange")] string Exchange,
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("kill_switch")] bool KillSwitch,
    [property: JsonPropertyName("kill_reason")] string? KillReason,
    [property: JsonPropertyName("paused")] bool Paused,
    [property: JsonPropertyName("equity")] decimal Equity,
    [property: JsonPropertyName("peak_equity")] decimal PeakEquity,
    [property: JsonPropertyName("drawdown_pct")] decimal DrawdownPct,
    [property: JsonPropertyName("realized_pnl")] decimal RealizedPnl,
    [property: JsonPropertyName("fees")] decimal Fees,
    [property: JsonPropertyName("open_orders")] int OpenOrders,
    [property: JsonPropertyName("markets")] IReadOnlyList<MarketStatusView> Markets,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("last_state"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? LastState = null,
    [property: JsonPropertyName("halt_reason"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? HaltReason = null)
{
    /// <summary>Profit of the grid pairs (each sell matched to the buys of the line below), after both fees; beside the FIFO <see cref="RealizedPnl"/>.</summary>
    [JsonPropertyName("grid_profit")]
    public decimal GridProfit { get; init; }

    [JsonPropertyName("grid_pairs")]
    public int GridPairs { get; init; }

    /// <summary>The state of a data directory where no bot holds the lock.</summary>
    public const string NotRunning = "NotRunning";

    /// <summary>A running bot's status; the reason the engine gave with its Halted transition is shown while it is Halted.</summary>
    public static StatusView From(EngineSnapshot s, string source = "running bot") => new(
        s.State.ToString(), s.Mode, s.Exchange, s.Time, s.KillSwitchEngaged, s.KillReason, s.GloballyPaused,
        Amounts.Round(s.Equity), Amounts.Round(s.PeakEquity), Math.Round(s.DrawdownPct, 4), Amounts.Round(s.RealizedPnl), Amounts.Round(s.Fees),
        s.OpenOrders.Count,
        s.Markets.Select(m => new MarketStatusView(m.Symbol, m.LastPrice, m.Phase.ToString(), m.Trend.ToString().ToUpperInvariant(), m.OpenOrders,
            Amounts.Round(m.RealizedPnl), Amounts.Round(m.Fees), Amounts.Round(m.UnrealizedPnl), m.RoundTrips, m.Position, m.Paused,
            m.CircuitBreakerOpen, m.StopReason) { GridProfit = Amounts.Round(m.GridProfit), GridPairs = m.GridPairs, History = HistoryView.From(m.History) }).ToList(),
        source, HaltReason: s.State == Core.Risk.BotState.Halted ? s.HaltReason ?? s.KillReason : null)
    {
        GridProfit = Amounts.Round(s.GridProfit),
        GridPairs = s.GridPairs,
    };
}

internal sealed record MarketStatusView(
    [property: JsonPropertyName("symbol")] string Symbol,
    [property: JsonPropertyName("last_price")] decimal LastPrice,
    [property: JsonPropertyName("phase")] string Phase,
    [property: JsonPropertyName("trend")] string Trend,
    [property: JsonPropertyName("open_orders")] int OpenOrders,
    [property: JsonPropertyName("realized_pnl")] decimal RealizedPnl,
    [property: JsonPropertyName("fees")] decimal Fees,
    [property: JsonPropertyName("unrealized_pnl")] decimal UnrealizedPnl,
    [property: JsonPropertyName("round_trips")] int RoundTrips,
    [property: JsonPropertyName("position")] decimal Position,
    [property: JsonPropertyName("paused")] bool Paused,
    [property: JsonPropertyName("circuit_breaker")] bool CircuitBreaker,
    [property: JsonPropertyName("stop_reason")] string? StopReason)
{
    [JsonPropertyName("grid_profit")]
    public decimal GridProfit { get; init; }

    [JsonPropertyName("grid_pairs")]
    public int GridPairs { get; init; }

    /// <summary>Where the market's candle history came from (null when not known).</summary>
    [JsonPropertyName("history")]
    public HistoryView? History { get; init; }
}
