using GridTrader.Engine.Live;

namespace GridTrader.Dashboard.Pnl;

/// <summary>
/// One point of the equity curve, with what buying and holding would be worth at the same moment, and the P&amp;L series
/// (realized, fees, unrealized) at that moment.
/// </summary>
internal sealed record EquityPoint(DateTimeOffset Time, decimal Equity, decimal BuyAndHold, decimal RealizedPnl = 0m, decimal Fees = 0m,
    decimal UnrealizedPnl = 0m);

/// <summary>The first snapshot the history saw: the start of the curve and of the buy-and-hold comparison.</summary>
internal sealed record EquityBaseline(DateTimeOffset Time, decimal Equity, IReadOnlyDictionary<string, decimal> Prices);

/// <summary>
/// The equity curve, sampled from engine snapshots into a bounded list. When the list is full every other point is
/// dropped and the spacing between points doubles, so the whole run stays visible at a coarser resolution and memory
/// stays bounded however long the bot runs. Buy and hold puts the first observed equity into the markets in equal
/// parts at their first observed prices, paying the fee once. After a restart the stored history is put back with
/// <see cref="Seed"/> before the first observation. Thread-safe.
/// </summary>
internal sealed class EquityHistory
{
    private readonly Lock _lock = new();
    private readonly List<EquityPoint> _points = [];
    private readonly int _capacity;
    private readonly decimal _feeRate;
    private TimeSpan _spacing = TimeSpan.Zero;
    private EquityBaseline? _baseline;
    private EquityPoint? _latest;

    public EquityHistory(int capacity, decimal feeRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 4);
        _capacity = capacity;
        _feeRate = feeRate;
    }

    public EquityBaseline? Baseline
    {
        get
        {
            lock (_lock) return _baseline;
        }
    }

    /// <summary>
    /// Records the snapshot: as a new point when it is at least the current spacing after the last one (engine time),
    /// otherwise as the curve's provisional end.
    /// </summary>
    public void Observe(EngineSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        // Before the first prices arrive equity is not yet meaningful.
        if (snapshot.Equity <= 0 || snapshot.Markets.Count == 0 || snapshot.Markets.Any(m => m.LastPrice <= 0)) return;
        lock (_lock)
        {
            _baseline ??= new EquityBaseline(snapshot.Time, snapshot.Equity,
                snapshot.Markets.ToDictionary(m => m.Symbol, m => m.LastPrice, StringComparer.OrdinalIgnoreCase));
            Add(new EquityPoint(snapshot.Time, Amounts.Round(snapshot.Equity), BuyAndHoldLocked(snapshot), Amounts.Round(snapshot.RealizedPnl),
                Amounts.Round(snapshot.Fees), Amounts.Round(snapshot.Markets.Sum(m => m.UnrealizedPnl))));
        }
    }

    /// <summary>Puts back a stored history (oldest first) and its baseline; call before the first <see cref="Observe"/>.</summary>
    public void Seed(EquityBaseline baseline, IEnumerable<EquityPoint> points)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(points);
        lock (_lock)
        {
            _baseline ??= baseline;
            foreach (var point in points.OrderBy(p => p.Time)) Add(point);
        }
    }

    /// <summary>The latest point of the curve (null before the first).</summary>
    public EquityPoint? Latest
    {
        get
        {
            lock (_lock) return _latest ?? (_points.Count > 0 ? _points[^1] : null);
        }
    }

    private void Add(EquityPoint point)
    {
        var end = _latest?.Time ?? (_points.Count > 0 ? _points[^1].Time : DateTimeOffset.MinValue);
        if (point.Time <= end) return;
        if (_points.Count > 0 && point.Time - _points[^1].Time < _spacing)
        {
            // Too close to the last kept point: remembered as the curve's current end until the next one is due.
            _latest = point;
            return;
        }

        _points.Add(point);
        _latest = null;
        if (_points.Count >= _capacity) Thin();
    }

    /// <summary>The curve so far, oldest first, ending with the latest observation.</summary>
    public IReadOnlyList<EquityPoint> Points()
    {
        lock (_lock) return _latest is { } latest ? [.. _points, latest] : [.. _points];
    }

    /// <summary>Buy-and-hold value at the snapshot's prices (null before the first observation).</summary>
    public decimal? BuyAndHold(EngineSnapshot snapshot)
    {
        lock (_lock) return _baseline is null ? null : BuyAndHoldLocked(snapshot);
    }

    private decimal BuyAndHoldLocked(EngineSnapshot snapshot)
    {
        var baseline = _baseline!;
        var ratios = snapshot.Markets
            .Where(m => baseline.Prices.TryGetValue(m.Symbol, out var p0) && p0 > 0)
            .Select(m => m.LastPrice / baseline.Prices[m.Symbol])
            .ToList();
        return ratios.Count == 0 ? baseline.Equity : Amounts.Round(baseline.Equity * (1 - _feeRate) * ratios.Average());
    }

    private void Thin()
    {
        var last = _points[^1];
        var kept = new List<EquityPoint>(_points.Count / 2 + 1);
        for (var i = 0; i < _points.Count; i += 2) kept.Add(_points[i]);
        if (kept[^1] != last) kept.Add(last);
        var span = last.Time - _points[0].Time;
        _spacing = TimeSpan.FromTicks(Math.Max(_spacing.Ticks * 2, span.Ticks / _capacity));
        _points.Clear();
        _points.AddRange(kept);
    }
}
