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

    /// <summary>
    /// ATR rising by more than this fraction from one closed candle to the next trips the market's circuit breaker. Null
    /// (the default) takes the default of each market's candle interval (<see cref="DefaultAtrJumpFor"/>).
    /// </summary>
    public decimal? CircuitBreakerAtrJump { get; init; }

    /// <summary>
    /// The breaker's one-candle ATR jump per candle interval, when none is configured. An ATR(14) rises by 30 % when one
    /// candle's range is about five times the usual one, which on hourly BTC candles happens about once a month and on
    /// one-minute candles several times a day; these values keep the breaker about as rare on every interval (trips per
    /// month of BTC data: 1m 4.8, 3m 1.9, 5m 0.8, 15m 0.9, 30m 1.1, 1h 1.4 — data/BTCUSDT-1m-2025-07, data/BTCUSDT-5m-2024).
    /// </summary>
    public static readonly IReadOnlyList<(TimeSpan Interval, decimal Jump)> DefaultAtrJumps =
    [
        (TimeSpan.FromMinutes(1), 1.5m),
        (TimeSpan.FromMinutes(3), 1.0m),
        (TimeSpan.FromMinutes(5), 0.75m),
        (TimeSpan.FromMinutes(15), 0.5m),
        (TimeSpan.FromMinutes(30), 0.4m),
        (TimeSpan.FromHours(1), 0.3m),
    ];

    /// <summary>The default jump of <paramref name="interval"/>: the entry of the longest listed interval not longer than it (0.3 from 1h up).</summary>
    public static decimal DefaultAtrJumpFor(TimeSpan interval)
    {
        var jump = DefaultAtrJumps[0].Jump;
        foreach (var (listed, value) in DefaultAtrJumps)
        {
            if (listed <= interval) jump = value;
        }

        return jump;
    }

    /// <summary>The jump that trips the breaker of a market with <paramref name="interval"/> candles: the configured one, or its interval's default.</summary>
    public decimal AtrJumpFor(TimeSpan interval) => CircuitBreakerAtrJump ?? DefaultAtrJumpFor(interval);

    /// <summary>The breaker closes after this many closed candles without another jump.</summary>
    public int CircuitBreakerCooldownCandles { get; init; } = 5;

    /// <summary>Equity this far (percent) below its persisted peak stops new buys; 0 disables.</summary>
    public decimal MaxDrawdownPct { get; init; } = 25m;

    /// <summary>When true no real order is ever sent: the engine is wired to a paper exchange.</summary>
    public bool DryRun { get; init; } = true;
}
