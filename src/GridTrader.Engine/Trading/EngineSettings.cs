using GridTrader.Core.Accounting;

namespace GridTrader.Engine.Trading;

/// <summary>Runtime settings shared by backtest, paper and live.</summary>
public sealed record EngineSettings
{
    public FeeModel Fees { get; init; } = FeeModel.Firi;

    /// <summary>Orders older than this are cancelled; null disables expiry.</summary>
    public TimeSpan? OrderTimeToLive { get; init; } = TimeSpan.FromHours(24);

    /// <summary>How long a line waits after a refused placement.</summary>
    public TimeSpan RejectCooldown { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Time window around the submission in which a lost order is searched for on the exchange.</summary>
    public TimeSpan ReconcileWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>An Unknown order not found on the exchange after this long is declared not placed.</summary>
    public TimeSpan UnknownGracePeriod { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Half the bid-ask spread assumed when only a candle close is known (backtest), in percent.</summary>
    public decimal SyntheticHalfSpreadPct { get; init; } = 0.05m;
}
