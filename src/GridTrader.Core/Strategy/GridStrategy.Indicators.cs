using GridTrader.Core.Grid;
using GridTrader.Core.MarketData;

namespace GridTrader.Core.Strategy;

/// <summary>
/// The indicators a grid reads: ATR for its spacing, the circuit breaker and the volatility spike, and the EMAs of the
/// trend filter, on the grid's candles or on longer trend candles aggregated from them. Updating them only raises
/// notices and marks the ladder for a reconcile; the per-candle path decides what to place.
/// </summary>
public sealed partial class GridStrategy
{
    /// <summary>True when every indicator the grid needs has enough history.</summary>
    public bool IsWarm => (Settings.SpacingMode != SpacingMode.Atr || _atr.IsReady) && (!Settings.TrendFilterEnabled || _slow.IsReady);

    /// <summary>Candles (of the grid's interval) still needed before the grid can be planned.</summary>
    public long WarmupRemaining => Math.Max(0,
        Math.Max(Settings.SpacingMode == SpacingMode.Atr ? _atr.WarmupPeriod - _atr.Count : 0,
            Settings.TrendFilterEnabled ? (_slow.WarmupPeriod - _slow.Count) * _trendFactor : 0));

    /// <summary>
    /// Candles of the grid's interval a warm start should feed: enough for every indicator, the spike's ATR mean and,
    /// with a longer trend interval, whole trend candles (a window may start and end inside one).
    /// </summary>
    public int HistoryNeeded => Math.Max(Settings.AtrPeriod + Settings.AtrMeanWindow + 1,
        Settings.TrendFilterEnabled ? (Settings.TrendSlowPeriod * _trendFactor) + (2 * (_trendFactor - 1)) + 1 : 0);

    /// <summary>Feeds a historical candle: indicators only, never an action (startup warm-up).</summary>
    public void WarmUp(in Candle candle) => UpdateIndicators(candle);

    private void UpdateIndicators(in Candle candle)
    {
        CandleCount++;
        if (_trendCandles is null)
        {
            UpdateTrend(candle.Close);
        }
        else
        {
            var closed = _trendCandles.Add(candle, out var first, out var second);
            if (closed > 0) UpdateTrend(first.Close);
            if (closed > 1) UpdateTrend(second.Close);
        }

        PreviousAtr = _atr.IsReady ? _atr.Value : double.NaN;
        _atr.Add(candle);
        if (_atr.IsReady)
        {
            // The spike compares today's ATR with the mean of the previous ones.
            if (!double.IsNaN(_previousAtr)) _atrMean.Add(_previousAtr);
            _previousAtr = _atr.Value;
        }

        var spike = _atrMean.IsReady && _atr.Value > _spikeMultiplier * _atrMean.Value;
        if (spike != VolatilitySpike)
        {
            VolatilitySpike = spike;
            _dirty = true;
            Notice(spike ? StrategyNotice.SpikeStarted : StrategyNotice.SpikeEnded,
                spike ? $"ATR {_atr.Value:0.####} above {Settings.VolatilitySpikeMultiplier} × its mean {_atrMean.Value:0.####}: new buys paused."
                      : $"ATR {_atr.Value:0.####} back under {Settings.VolatilitySpikeMultiplier} × its mean: buys resume.");
        }
    }

    /// <summary>A trend candle closed (every candle, or the last one of a longer trend interval): EMAs and the trend filter.</summary>
    private void UpdateTrend(decimal trendClose)
    {
        var close = (double)trendClose;
        _fast.Add(close);
        _slow.Add(close);
        if (Settings.TrendFilterEnabled && _slow.IsReady && _fast.IsReady && _trend.Update(_fast.Value, _slow.Value))
        {
            _dirty = true;
            var on = _trendCandles is null ? "" : $" on {CandleInterval.Format(_trendCandles.Target)}";
            Notice(StrategyNotice.TrendChanged, $"Trend {_trend.Current} (EMA{Settings.TrendFastPeriod} vs EMA{Settings.TrendSlowPeriod}{on} gap {_trend.GapPct:0.###}%).");
        }
    }
}
