namespace GridTrader.Core.Risk;

/// <summary>
/// Risk limits. Fractions are 0–1, percentages are 0–100. Defaults follow the original bot where it was
/// sound (20% per market, 80% total, 30% ATR circuit breaker, 100 NOK minimum order) and fix it where it was not.
/// </summary>
public sealed record RiskSettings
{
    /// <summary>Position plus open buys of one market, as a fraction of equity.</summary>
    public decimal MaxCapitalPerMarket { get; init; } = 0.20m;

    /// <summary>Position plus open buys of all markets, as a fraction of equity.</summary>
    public decimal MaxTotalExposure { get; init; } = 0.80m;

    /// <summary>
    /// Largest bid-ask spread, in percent of the bid, at which new orders are placed. (The original named this
    /// <c>min_spread_pct</c> and used it as a maximum; its 0.05% would block every order on Firi's NOK books.)
    /// </summary>
    public decimal MaxSpreadPct { get; init; } = 1.0m;

    /// <summary>How far (percent) a buy may be above, or a sell below, the last price. Guards against marketable mistakes.</summary>
    public decimal MaxSlippagePct { get; init; } = 0.5m;

    /// <summary>Smallest order value in quote currency (original: 100 NOK).</summary>
    public decimal MinOrderValue { get; init; } = 100m;

    /// <summary>Largest order value in quote currency; 0 disables the limit.</summary>
    public decimal MaxOrderValue { get; init; } = 50_000m;

    /// <summary>ATR rising by more than this fraction from one closed candle to the next trips the market's circuit breaker.</summary>
    public decimal CircuitBreakerAtrJump { get; init; } = 0.30m;

    /// <summary>The breaker closes after this many closed candles without another jump.</summary>
    public int CircuitBreakerCooldownCandles { get; init; } = 5;

    /// <summary>Equity this far (percent) below its persisted peak stops new buys; 0 disables.</summary>
    public decimal MaxDrawdownPct { get; init; } = 25m;

    /// <summary>When true no real order is ever sent: the engine is wired to a paper exchange.</summary>
    public bool DryRun { get; init; } = true;
}
