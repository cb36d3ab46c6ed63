namespace GridTrader.Core.Markets;

/// <summary>
/// When the simulated exchange (backtest, simulated run, paper) fills a resting limit order. A candle's range or a
/// trade print merely reaching the limit is the most common way grid backtests overstate profit: in a real book the
/// orders queued ahead at that price are served first, so only a price that trades through the limit proves a fill.
/// </summary>
public enum FillModel
{
    /// <summary>Fills when the price reaches the limit (a buy at P when the price is ≤ P). Optimistic; kept for comparison.</summary>
    Touch,

    /// <summary>
    /// Fills only when the price trades through the limit by at least one tick of the market (a buy at P needs a price
    /// ≤ P − tick, a sell at P a price ≥ P + tick). The default.
    /// </summary>
    TradeThrough,

    /// <summary>
    /// <see cref="TradeThrough"/>, and the account's resting orders together take at most a set share of the volume
    /// that traded (a candle's, or a print's); an order that gets less fills partially and keeps resting.
    /// </summary>
    VolumeShare,
}

/// <summary>The names of <see cref="FillModel"/> on the command line and in reports (<c>touch</c>, <c>trade-through</c>, <c>volume-share</c>).</summary>
public static class FillModelNames
{
    public const string Touch = "touch";
    public const string TradeThrough = "trade-through";
    public const string VolumeShare = "volume-share";

    /// <summary>Every name, in the order of the enum.</summary>
    public static IReadOnlyList<string> All { get; } = [Touch, TradeThrough, VolumeShare];

    public static string Name(this FillModel model) => model switch
    {
        FillModel.Touch => Touch,
        FillModel.TradeThrough => TradeThrough,
        FillModel.VolumeShare => VolumeShare,
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, "Unknown fill model."),
    };

    /// <summary>Parses a name (case-insensitive); false for anything else.</summary>
    public static bool TryParse(string? name, out FillModel model)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (!string.Equals(All[i], name?.Trim(), StringComparison.OrdinalIgnoreCase)) continue;
            model = (FillModel)i;
            return true;
        }

        model = default;
        return false;
    }
}
