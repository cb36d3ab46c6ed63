namespace GridTrader.Engine.Backtesting;

/// <summary>
/// Largest fall of equity from a previous peak, as a fraction of that peak. Per value it only compares: the lowest
/// equity since the current peak is remembered, and the division happens once per dip, when a new peak ends it (or at
/// the end). Exact: the deepest point of a dip gives its largest drawdown.
/// </summary>
internal struct DrawdownTracker(decimal initial)
{
    private decimal _peak = initial;
    private decimal _trough = initial;
    private decimal _max;

    public void Add(decimal equity)
    {
        if (equity > _peak)
        {
            CloseDip();
            _peak = equity;
            _trough = equity;
        }
        else if (equity < _trough)
        {
            _trough = equity;
        }
    }

    /// <summary>The largest drawdown so far as a fraction (0.05 = 5%), the open dip included.</summary>
    public readonly decimal Max => _peak > 0 && _trough < _peak ? Math.Max(_max, (_peak - _trough) / _peak) : _max;

    private void CloseDip()
    {
        if (_trough >= _peak || _peak <= 0) return;
        var dd = (_peak - _trough) / _peak;
        if (dd > _max) _max = dd;
    }
}
