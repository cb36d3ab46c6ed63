using GridTrader.Core.MarketData;

namespace GridTrader.Research;

/// <summary>One walk-forward window: candles [<see cref="Start"/>, <see cref="End"/>) of the sweep's data.</summary>
internal sealed record FoldWindow(int Start, int End, long FromMs, long ToMs)
{
    public int Count => End - Start;
}

/// <summary>
/// Rolling walk-forward: the data is cut into K consecutive folds of equal candle count (the last takes the remainder).
/// Fold k (k = 1 … K−1) trains on window k−1 alone and is tested on window k, the one right after it: every window
/// but the first is tested once, each choice is made without any candle at or after its test window, and every
/// configuration runs once on each window, so a walk-forward sweep costs what a plain sweep over the same data costs.
/// </summary>
internal static class WalkForwardFolds
{
    /// <summary>The K windows, or null with the reason when the data cannot be cut into K windows of at least <paramref name="minCandles"/>.</summary>
    public static IReadOnlyList<FoldWindow>? Split(Candle[] candles, int k, int minCandles, out string? error)
    {
        error = null;
        if (k < 2)
        {
            error = $"--walk-forward must be at least 2 (one window to train on, one to test on); got {k}.";
            return null;
        }

        if (candles.Length / k < minCandles)
        {
            error = $"--walk-forward {k} leaves {candles.Length / k} candles per window of the {candles.Length}; each needs at least {minCandles} " +
                    "(twice the indicators' warm-up): use a smaller K or more data.";
            return null;
        }

        var windows = new FoldWindow[k];
        for (var i = 0; i < k; i++)
        {
            var start = (int)((long)candles.Length * i / k);
            var end = (int)((long)candles.Length * (i + 1) / k);
            windows[i] = new FoldWindow(start, end, candles[start].OpenTimeMs, candles[end - 1].OpenTimeMs);
        }

        return windows;
    }
}
