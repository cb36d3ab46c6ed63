namespace GridTrader.Core.Grid;

/// <summary>How grid lines are spaced.</summary>
public enum LevelGeometry
{
    /// <summary>Equal price steps: line k = P + k × step.</summary>
    Arithmetic,
    /// <summary>Equal ratios: line k = P × (1 + spacing)^k.</summary>
    Geometric,
}

/// <summary>Where the spacing comes from.</summary>
public enum SpacingMode
{
    /// <summary>A fixed percentage of the reference price.</summary>
    FixedPercent,
    /// <summary><c>k × ATR(n)</c> as a percentage of the reference price, clamped to [min, max].</summary>
    Atr,
}

/// <summary>Where a filled buy is sold.</summary>
public enum ExitPolicy
{
    /// <summary>Classic grid: a buy at line i is sold at line i+1, a sell at line j is bought back at j−1.</summary>
    NextLevel,
    /// <summary>The original bot: sell at buy price + spacing × take-profit multiplier (default 1.5).</summary>
    TakeProfit,
}

/// <summary>What to do when the price leaves the grid's band.</summary>
public enum RecenterPolicy
{
    /// <summary>Leave the grid where it is and wait for the price to come back.</summary>
    Wait,
    /// <summary>
    /// Follow the price in the directions <see cref="GridSettings.TrailUp"/> and <see cref="GridSettings.TrailDown"/> allow,
    /// within <see cref="GridSettings.TrailFloor"/> and <see cref="GridSettings.TrailCeiling"/>; wait otherwise.
    /// </summary>
    Trail,
    /// <summary>Rebuild around the new price in either direction (held coins are re-offered on the new grid, never below their cost).</summary>
    Rebuild,
}

/// <summary>
/// The effective grid configuration of one market. Defaults follow the original bot
/// (ATR(14) × 0.5 spacing, 1% trend hysteresis, spike at 1.5 × mean ATR) with a fee floor it lacked.
/// </summary>
public sealed record GridSettings
{
    /// <summary>Orders on the ladder (buys below plus sells above); the line at the price is left empty.</summary>
    public int Levels { get; init; } = 10;

    public LevelGeometry Geometry { get; init; } = LevelGeometry.Arithmetic;

    public SpacingMode SpacingMode { get; init; } = SpacingMode.Atr;

    /// <summary>Spacing in percent of price when <see cref="SpacingMode"/> is <see cref="SpacingMode.FixedPercent"/>.</summary>
    public decimal SpacingPct { get; init; } = 1.5m;

    public decimal AtrMultiplier { get; init; } = 0.5m;

    public int AtrPeriod { get; init; } = 14;

    /// <summary>Lower clamp of the spacing in percent.</summary>
    public decimal MinSpacingPct { get; init; } = 1.2m;

    /// <summary>Upper clamp of the spacing in percent.</summary>
    public decimal MaxSpacingPct { get; init; } = 5m;

    /// <summary>Fee per side as a fraction (Firi: 0.005).</summary>
    public decimal FeeRate { get; init; } = 0.005m;

    /// <summary>Required profit per round trip above fees, in percent (the <see cref="FeeFloor"/>: a round trip must move ≥ 2 × fee + margin).</summary>
    public decimal MinProfitMarginPct { get; init; } = 0.2m;

    /// <summary>Explicit override to run a spacing that loses money after fees.</summary>
    public bool AllowUnprofitableSpacing { get; init; }

    public ExitPolicy ExitPolicy { get; init; } = ExitPolicy.NextLevel;

    public decimal TakeProfitMultiplier { get; init; } = 1.5m;

    public bool TrendFilterEnabled { get; init; } = true;

    public int TrendFastPeriod { get; init; } = 20;

    public int TrendSlowPeriod { get; init; } = 50;

    /// <summary>EMA gap (percent of the slow EMA) that enters an up or down trend.</summary>
    public decimal TrendThresholdPct { get; init; } = 1m;

    /// <summary>EMA gap below which a trend is left again (hysteresis); default half the entry threshold.</summary>
    public decimal TrendExitThresholdPct { get; init; } = 0.5m;

    /// <summary>ATR above this multiple of its recent mean is a volatility spike (new buys paused).</summary>
    public decimal VolatilitySpikeMultiplier { get; init; } = 1.5m;

    /// <summary>How many recent ATR values form the mean the spike and circuit breaker compare against.</summary>
    public int AtrMeanWindow { get; init; } = 20;

    public RecenterPolicy Recenter { get; init; } = RecenterPolicy.Trail;

    /// <summary>With <see cref="RecenterPolicy.Trail"/>: when the price leaves the band upward, the grid moves up around it.</summary>
    public bool TrailUp { get; init; } = true;

    /// <summary>
    /// With <see cref="RecenterPolicy.Trail"/>: when the price leaves the band downward, the grid moves down around it. Its
    /// sells are cancelled and the coins offered again on the moved grid, never below what they cost; new buys only
    /// within the market's budget (capital less what the coins held cost).
    /// </summary>
    public bool TrailDown { get; init; }

    /// <summary>No trailing down below this price (the grid waits there); null: no floor.</summary>
    public decimal? TrailFloor { get; init; }

    /// <summary>No trailing up above this price (the grid waits there); null: no ceiling.</summary>
    public decimal? TrailCeiling { get; init; }

    /// <summary>Stop-loss for the whole grid: at or below this price the market is stopped (orders cancelled, coins sold when <see cref="SellOnStop"/>).</summary>
    public decimal? StopLossPrice { get; init; }

    /// <summary>Take-profit for the whole grid: at or above this price the market is stopped the same way.</summary>
    public decimal? TakeProfitPrice { get; init; }

    /// <summary>Stop the market when its loss (realized plus unrealized, quote currency) reaches this amount; null: no limit.</summary>
    public decimal? LossLimit { get; init; }

    /// <summary>On a stop, sell the base the grid holds with an aggressive limit order (Firi has no market orders).</summary>
    public bool SellOnStop { get; init; } = true;

    /// <summary>How far below the price (percent) that exit sell is priced, so it fills at once; keep it under Risk:MaxSlippagePct.</summary>
    public decimal ExitSlippagePct { get; init; } = 0.3m;
}
