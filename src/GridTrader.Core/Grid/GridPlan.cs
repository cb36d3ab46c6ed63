using GridTrader.Core.Markets;

namespace GridTrader.Core.Grid;

/// <summary>
/// One buy/sell pair of the grid: coins bought at <see cref="BuyPrice"/> are sold at <see cref="SellPrice"/>.
/// In the classic grid the sell of cell i rests on line i+1, the line the buy of cell i+1 uses.
/// </summary>
public sealed record GridCell(int Index, int BuyLevel, int SellLevel, decimal BuyPrice, decimal SellPrice, decimal Amount)
{
    /// <summary>Quote profit of one full round trip after a fee of <paramref name="feeRate"/> on both sides (fees in quote).</summary>
    public decimal NetProfit(decimal feeRate) => Amount * (SellPrice - BuyPrice) - feeRate * Amount * (BuyPrice + SellPrice);

    /// <summary>Net profit in percent of the capital the buy ties up.</summary>
    public decimal NetProfitPct(decimal feeRate) =>
        BuyPrice <= 0 ? 0 : (SellPrice * (1 - feeRate) - BuyPrice * (1 + feeRate)) / (BuyPrice * (1 + feeRate)) * 100m;
}

/// <summary>An order the grid would place when it starts.</summary>
public sealed record PlannedOrder(int Level, int Cell, Side Side, decimal Price, decimal Amount)
{
    public decimal Value => Price * Amount;
}

/// <summary>A complete grid around a reference price: every line, cell and starting order, with its economics.</summary>
public sealed record GridPlan
{
    public required string Market { get; init; }
    public required decimal ReferencePrice { get; init; }

    /// <summary>Spacing actually used, in percent of the reference price (after the ATR clamp).</summary>
    public required decimal SpacingPct { get; init; }

    /// <summary>Spacing before clamping (ATR mode), for display.</summary>
    public required decimal RawSpacingPct { get; init; }

    /// <summary>
    /// Line prices, ascending, all on the market's tick. The line at <see cref="CenterLevel"/> is the reference price
    /// (rounded up to the tick) and carries no order at the start.
    /// </summary>
    public required IReadOnlyList<decimal> Lines { get; init; }

    public required int CenterLevel { get; init; }
    public required IReadOnlyList<GridCell> Cells { get; init; }

    /// <summary>Base held per cell at the start (from existing inventory), aligned with <see cref="Cells"/>.</summary>
    public required IReadOnlyList<decimal> InitialHeld { get; init; }

    public required IReadOnlyList<PlannedOrder> Orders { get; init; }
    public required decimal FeeRate { get; init; }
    public required decimal CapitalQuote { get; init; }
    public required IReadOnlyList<string> Warnings { get; init; }

    public decimal LowerBound => Lines[0];
    public decimal UpperBound => Lines[^1];

    /// <summary>Mean net profit of one round trip over the cells, in quote currency.</summary>
    public decimal NetProfitPerRoundTrip => Cells.Count == 0 ? 0 : Cells.Average(c => c.NetProfit(FeeRate));

    /// <summary>Mean net profit of one round trip in percent.</summary>
    public decimal NetProfitPerRoundTripPct => Cells.Count == 0 ? 0 : Cells.Average(c => c.NetProfitPct(FeeRate));

    public decimal QuoteNeeded => Orders.Where(o => o.Side == Side.Buy).Sum(o => o.Value * (1 + FeeRate));

    public decimal BaseNeeded => Orders.Where(o => o.Side == Side.Sell).Sum(o => o.Amount);
}
