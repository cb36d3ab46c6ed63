namespace GridTrader.Engine.Backtesting;

/// <summary>
/// What a grid trader reads besides P&amp;L, for one market, from one sample per candle close: the share of candles in
/// which the account held the market's base (time in market), the largest capital in use (position at the close plus
/// open buys, the exposure the risk caps measure), and the UTC days on which the market's circuit breaker was open or
/// its grid stopped at some close.
/// </summary>
internal sealed class MarketActivity
{
    private const long DayMs = 86_400_000;

    private long _candles;
    private long _held;
    private long _breakerDay = long.MinValue;
    private long _stoppedDay = long.MinValue;

    public decimal PeakCapitalUsed { get; private set; }
    public int BreakerOpenDays { get; private set; }
    public int GridStoppedDays { get; private set; }

    /// <summary>Candles whose close found base held, in percent of all candles sampled.</summary>
    public decimal TimeInMarketPct => _candles == 0 ? 0m : _held * 100m / _candles;

    /// <param name="openMs">The candle's open time.</param>
    /// <param name="baseHeld">The market's base on the account (holds included).</param>
    /// <param name="close">The close, which values the base.</param>
    /// <param name="openBuys">Price × remaining of the market's open buys.</param>
    /// <param name="breakerOpen">The market's circuit breaker is open.</param>
    /// <param name="stopped">The market's grid is stopped (stop-loss, take-profit, loss limit).</param>
    public void Add(long openMs, decimal baseHeld, decimal close, decimal openBuys, bool breakerOpen, bool stopped)
    {
        _candles++;
        var used = openBuys;
        if (baseHeld > 0)
        {
            _held++;
            used += baseHeld * close;
        }

        if (used > PeakCapitalUsed) PeakCapitalUsed = used;
        if (!breakerOpen && !stopped) return;
        var day = openMs / DayMs;
        if (breakerOpen && day != _breakerDay)
        {
            _breakerDay = day;
            BreakerOpenDays++;
        }

        if (stopped && day != _stoppedDay)
        {
            _stoppedDay = day;
            GridStoppedDays++;
        }
    }
}
