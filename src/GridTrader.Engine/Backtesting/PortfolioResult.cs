namespace GridTrader.Engine.Backtesting;

/// <summary>
/// Figures of a portfolio backtest: the account's totals (in the shape of a single run, its market named
/// <c>BTCNOK+ETHNOK</c>), one result per market, and how close the run came to the total exposure cap.
/// </summary>
public sealed record PortfolioResult
{
    /// <summary>
    /// The whole account: summed trading figures, the account's equity, drawdown and curve. Its curve's
    /// <see cref="EquityPoint.Price"/> is the total exposure at that close (a portfolio has no one price).
    /// </summary>
    public required BacktestResult Total { get; init; }

    /// <summary>Per market, in the order given: its round trips, P&amp;L, fees, capital, buy-and-hold and activity.</summary>
    public required IReadOnlyList<BacktestResult> Markets { get; init; }

    /// <summary>The cap in force: <see cref="Core.Risk.RiskSettings.MaxTotalExposure"/> (fraction of equity).</summary>
    public required decimal MaxTotalExposure { get; init; }

    /// <summary>The largest total exposure seen at a close, in quote currency.</summary>
    public required decimal PeakExposure { get; init; }

    /// <summary>The largest total exposure at a close as a fraction of that close's equity (price moves may carry it past the cap).</summary>
    public required decimal PeakExposureFraction { get; init; }

    /// <summary>
    /// The largest total exposure as a fraction of equity right after a buy was placed: the figure the cap binds (every buy
    /// is checked against it before it is sent).
    /// </summary>
    public required decimal PeakExposureFractionAtPlacement { get; init; }
}
