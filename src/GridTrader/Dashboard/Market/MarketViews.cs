using GridTrader.Core.Accounting;
using GridTrader.Core.MarketData;
using GridTrader.Engine.Live;

namespace GridTrader.Dashboard.Market;

/// <summary><c>GET /api/markets</c>: every market of the engine snapshot, grid lines included.</summary>
internal sealed record MarketsDocument(DateTimeOffset Time, string State, IReadOnlyList<MarketView> Markets);

/// <summary>One market as the Market tab shows it.</summary>
internal sealed record MarketView(
    string Symbol,
    string CandleInterval,
    decimal LastPrice,
    decimal Bid,
    decimal Ask,
    string Phase,
    int Epoch,
    string Trend,
    double Atr,
    double AtrMean,
    bool VolatilitySpike,
    bool CircuitBreaker,
    bool Paused,
    long WarmupRemaining,
    IReadOnlyList<decimal> GridLines,
    decimal SpacingPct,
    int OpenOrders,
    decimal Position,
    decimal Exposure,
    decimal CapitalCap,
    decimal RealizedPnl,
    decimal Fees,
    decimal UnrealizedPnl,
    int RoundTrips,
    string? LastPlanError,
    string? StopReason)
{
    /// <summary>The grid's budget in both units: quote capital of the grid in place and its share of equity.</summary>
    public MarketBudgetView? Budget { get; init; }

    public decimal GridProfit { get; init; }

    public int GridPairs { get; init; }

    /// <summary>Where the candle history came from: candles per source, and why it is short when it is.</summary>
    public HistoryView? History { get; init; }

    public static MarketView From(MarketSnapshot m, TimeSpan interval, decimal equity = 0m) => new(
        m.Symbol, Core.MarketData.CandleInterval.Format(interval), m.LastPrice, m.Bid, m.Ask, m.Phase.ToString(), m.Epoch,
        m.Trend.ToString().ToUpperInvariant(), m.Atr, m.AtrMean, m.VolatilitySpike, m.CircuitBreakerOpen, m.Paused, m.WarmupRemaining,
        m.GridLines, m.SpacingPct, m.OpenOrders, m.Position, Amounts.Round(m.Exposure), Amounts.Round(m.CapitalCap), Amounts.Round(m.RealizedPnl),
        Amounts.Round(m.Fees), Amounts.Round(m.UnrealizedPnl), m.RoundTrips, m.LastPlanError, m.StopReason)
    {
        Budget = MarketBudgetView.From(m, equity),
        GridProfit = Amounts.Round(m.GridProfit),
        GridPairs = m.GridPairs,
        History = HistoryView.From(m.History),
    };
}

/// <summary>
/// A market's budget as people think of it, in both units: the configured fraction or fixed sum, the capital of the grid
/// in place and of its next plan (they differ when grid profit compounds), each also as a share of equity, and the
/// per-market cap in quote currency and percent.
/// </summary>
internal sealed record MarketBudgetView(
    decimal? ConfiguredFraction,
    decimal? ConfiguredNok,
    bool CompoundGridProfit,
    decimal Capital,
    decimal CapitalPct,
    decimal NextCapital,
    decimal Cap,
    decimal CapPct)
{
    public static MarketBudgetView From(MarketSnapshot m, decimal equity) => new(
        m.BudgetFraction, m.BudgetNok, m.CompoundGridProfit, Amounts.Round(m.Capital), Percent(m.Capital, equity), Amounts.Round(m.NextCapital),
        Amounts.Round(m.CapitalCap), Percent(m.CapitalCap, equity));

    private static decimal Percent(decimal part, decimal equity) => Math.Round(CapitalAllocator.FractionOf(part, equity) * 100m, 2);
}

/// <summary><c>GET /api/candles</c>: closed candles of one market, oldest first.</summary>
internal sealed record CandlesDocument(string Market, string Interval, IReadOnlyList<CandleView> Candles);

/// <summary>A candle; <see cref="Time"/> is its open time in Unix seconds (what charts take), <see cref="OpenTime"/> the same in ISO 8601.</summary>
internal sealed record CandleView(long Time, DateTimeOffset OpenTime, decimal Open, decimal High, decimal Low, decimal Close, decimal Volume)
{
    public static CandleView From(Candle c) => new(c.OpenTimeMs / 1000, c.OpenTime, c.Open, c.High, c.Low, c.Close, c.Volume);
}

/// <summary><c>GET /api/fills</c>: stored fills, oldest first.</summary>
internal sealed record FillsDocument(IReadOnlyList<FillRow> Fills);

internal sealed record FillRow(long OrderId, string Market, string Side, decimal Price, decimal Amount, decimal Fee, string FeeCurrency, int Level,
    DateTimeOffset Time)
{
    public static FillRow From(Fill f) => new(f.OrderId, f.Market, f.Side == Core.Markets.Side.Buy ? "buy" : "sell", f.Price, f.Amount, f.Fee,
        f.FeeCurrency, f.Level, f.Time);
}
