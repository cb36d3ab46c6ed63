using GridTrader.Core.Accounting;
using GridTrader.Core.Grid;
using GridTrader.Core.Markets;
using GridTrader.Core.Risk;

namespace GridTrader.Engine.Backtesting;

/// <summary>Everything a backtest needs besides the candles.</summary>
public sealed record BacktestOptions
{
    public required MarketInfo Market { get; init; }
    public GridSettings Grid { get; init; } = new();

    /// <summary>Risk limits. Dry-run is irrelevant here: the exchange is simulated.</summary>
    public RiskSettings Risk { get; init; } = new();

    public FeeModel Fees { get; init; } = FeeModel.Firi;

    /// <summary>Quote currency in the account at the start.</summary>
    public decimal InitialQuote { get; init; } = 100_000m;

    /// <summary>Base currency in the account at the start (offered on the grid's sell side).</summary>
    public decimal InitialBase { get; init; }

    /// <summary>Share of starting equity allocated to the grid (used when <see cref="Budget"/> is null).</summary>
    public decimal CapitalFraction { get; init; } = 0.2m;

    /// <summary>The market's budget (a share or a fixed sum, optionally compounding); null means <see cref="CapitalFraction"/>.</summary>
    public MarketBudget? Budget { get; init; }

    /// <summary>Multiplies every price of the input (e.g. USD → NOK); percent results do not depend on it.</summary>
    public decimal PriceMultiplier { get; init; } = 1m;

    /// <summary>When a resting order fills (see <see cref="Core.Markets.FillModel"/>); trade-through unless told otherwise.</summary>
    public FillModel FillModel { get; init; } = FillModel.TradeThrough;

    /// <summary>Share of each candle's volume the bot's orders may take together, in (0, 1]; used by <see cref="FillModel.VolumeShare"/> only.</summary>
    public decimal VolumeShare { get; init; } = 0.1m;

    public TimeSpan? OrderTimeToLive { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Bar length; inferred from the first two candles when null.</summary>
    public TimeSpan? CandleInterval { get; init; }

    /// <summary>
    /// The EMA trend's interval (4h on 1h or 5m data): the strategy aggregates the backtest's own candles into trend
    /// candles. Null, or not longer than the data's interval: the trend uses every candle.
    /// </summary>
    public TimeSpan? TrendInterval { get; init; }

    /// <summary>Keep every fill in the result (for reports); off for sweeps.</summary>
    public bool CollectFills { get; init; } = true;

    /// <summary>Most points kept in the equity curve (older points are thinned evenly).</summary>
    public int MaxEquityPoints { get; init; } = 2048;
}
