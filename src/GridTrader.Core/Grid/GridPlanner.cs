using GridTrader.Core.Markets;

namespace GridTrader.Core.Grid;

/// <summary>Turns settings, a price, an ATR and capital into a <see cref="GridPlan"/>. Pure and deterministic.</summary>
public static class GridPlanner
{
    /// <summary>Spacing in percent for the settings at a price; ATR mode needs <paramref name="atr"/> (absolute, quote units).</summary>
    public static (decimal Raw, decimal Clamped, string? Error) ResolveSpacingPct(GridSettings settings, decimal referencePrice, decimal? atr)
    {
        if (settings.SpacingMode == SpacingMode.FixedPercent)
            return (settings.SpacingPct, settings.SpacingPct, null);
        if (atr is not { } a || a <= 0)
            return (0, 0, "ATR spacing needs a positive ATR value (the indicator is still warming up, or --atr is missing).");
        var raw = settings.AtrMultiplier * a / referencePrice * 100m;
        var clamped = Math.Clamp(raw, settings.MinSpacingPct, settings.MaxSpacingPct);
        return (raw, clamped, null);
    }

    /// <summary>
    /// Plans a grid. <paramref name="capitalQuote"/> is the quote capital allocated to the market; it is split
    /// evenly over the cells. <paramref name="baseInventory"/> is base already held for this grid; it is
    /// assigned to the cells above the price, nearest first, and offered as sells.
    /// </summary>
    public static GridPlanResult Plan(GridSettings settings, MarketInfo market, decimal referencePrice, decimal? atr,
        decimal capitalQuote, decimal baseInventory = 0m)
    {
        var errors = new List<string>();
        var warnings = new List<string>();
        if (referencePrice <= 0) errors.Add($"Reference price must be positive (got {referencePrice}).");
        if (capitalQuote <= 0) errors.Add($"Capital must be positive (got {capitalQuote}).");
        if (baseInventory < 0) errors.Add($"Base inventory cannot be negative (got {baseInventory}).");
        if (settings.Levels < 2) errors.Add($"A grid needs at least 2 levels (got {settings.Levels}).");
        if (settings.FeeRate is < 0 or >= 0.5m) errors.Add($"Fee rate must be in [0, 0.5) (got {settings.FeeRate}).");
        if (errors.Count > 0) return new GridPlanResult(null, errors);

        var (raw, spacing, spacingError) = ResolveSpacingPct(settings, referencePrice, atr);
        if (spacingError is not null) return GridPlanResult.Fail(spacingError);
        if (spacing <= 0) return GridPlanResult.Fail($"Spacing must be positive (got {spacing}%).");
        if (raw != spacing)
            warnings.Add($"ATR spacing {raw:0.###}% clamped to {spacing:0.###}% (bounds {settings.MinSpacingPct}%–{settings.MaxSpacingPct}%).");

        if (FeeFloor.Of(settings).Shortfall(spacing) is { } shortfall)
        {
            var message = $"Spacing {shortfall}. Widen the spacing or set AllowUnprofitableSpacing to override.";
            if (!settings.AllowUnprofitableSpacing) return GridPlanResult.Fail(message);
            warnings.Add("Override: " + message);
        }

        var buys = (settings.Levels + 1) / 2;
        var lineCount = settings.Levels + 1;
        var fraction = spacing / 100m;
        var step = referencePrice * fraction;
        if (settings.Geometry == LevelGeometry.Arithmetic && buys * step >= referencePrice)
            return GridPlanResult.Fail($"{buys} buy levels at {spacing:0.###}% spacing reach zero or below; use fewer levels, a smaller spacing or geometric levels.");

        var lines = new decimal[lineCount];
        for (var k = 0; k < lineCount; k++)
        {
            var offset = k - buys;
            var exact = settings.Geometry == LevelGeometry.Arithmetic
                ? referencePrice + offset * step
                : referencePrice * Pow(1 + fraction, offset);
            // The centre line is quantised too: it is the exit of the cell below it and the buy of the cell above it,
            // so a reference off the tick (a mid price) would otherwise become an order price the exchange refuses.
            // It rounds up, like the sells above it, so it never drops below the price and draws a buy at the start.
            lines[k] = market.RoundPrice(exact, offset < 0 ? Side.Buy : Side.Sell);
        }

        for (var k = 1; k < lineCount; k++)
        {
            if (lines[k] <= lines[k - 1])
                return GridPlanResult.Fail($"Spacing {spacing:0.####}% is smaller than the price tick {market.PriceTick} at {referencePrice}: lines collapse.");
        }

        if (lines[0] <= 0) return GridPlanResult.Fail("The lowest grid line is not above zero.");

        var quotePerCell = capitalQuote / settings.Levels;
        var cells = new GridCell[settings.Levels];
        var held = new decimal[settings.Levels];
        var orders = new List<PlannedOrder>();
        var inventory = baseInventory;
        for (var i = 0; i < settings.Levels; i++)
        {
            var buyPrice = lines[i];
            var sellLevel = i + 1;
            var sellPrice = settings.ExitPolicy == ExitPolicy.NextLevel
                ? lines[i + 1]
                : market.RoundPrice(settings.Geometry == LevelGeometry.Arithmetic
                    ? buyPrice + settings.TakeProfitMultiplier * step
                    : buyPrice * (1 + settings.TakeProfitMultiplier * fraction), Side.Sell);
            var amount = market.RoundAmount(quotePerCell / (buyPrice * (1 + settings.FeeRate)));
            cells[i] = new GridCell(i, i, sellLevel, buyPrice, sellPrice, amount);
            if (!market.MeetsMinimum(buyPrice, amount))
            {
                errors.Add($"Capital {capitalQuote} split over {settings.Levels} levels gives {amount} {market.BaseCurrency} at {buyPrice}, " +
                           $"below the market minimum ({market.MinAmount} {market.BaseCurrency}, {market.MinOrderValue} {market.QuoteCurrency}). " +
                           "Allocate more capital or use fewer levels.");
                break;
            }

            if (i < buys)
            {
                orders.Add(new PlannedOrder(i, i, Side.Buy, buyPrice, amount));
            }
        }

        if (errors.Count > 0) return new GridPlanResult(null, errors);

        // The floor above is in percent of the reference price. In an arithmetic grid the same step is a smaller share
        // of the higher buy prices, so cells far above the price can lose on every round trip while the nominal
        // spacing passes: check each cell's own economics too.
        var losing = cells.Where(c => c.NetProfit(settings.FeeRate) <= 0).ToList();
        if (losing.Count > 0)
        {
            var message = $"{losing.Count} of {settings.Levels} cells (buying at {losing[0].BuyPrice} to {losing[^1].BuyPrice}) would earn nothing " +
                          "or lose money on every round trip after fees: the step is too small a share of their price. " +
                          "Use geometric levels, fewer levels or a wider spacing, or set AllowUnprofitableSpacing to override.";
            if (!settings.AllowUnprofitableSpacing) return GridPlanResult.Fail(message);
            warnings.Add("Override: " + message);
        }

        // Existing coins are offered on the cells just above the price first.
        for (var i = buys; i < settings.Levels && inventory > 0; i++)
        {
            var take = Math.Min(cells[i].Amount, inventory);
            held[i] = take;
            inventory -= take;
            var sellAmount = market.RoundAmount(take);
            if (market.MeetsMinimum(cells[i].SellPrice, sellAmount))
                orders.Add(new PlannedOrder(cells[i].SellLevel, i, Side.Sell, cells[i].SellPrice, sellAmount));
        }

        if (inventory > 0 && settings.Levels > buys)
        {
            held[^1] += inventory;
            warnings.Add($"{inventory} {market.BaseCurrency} exceeds what the sell levels hold; it is kept on the top level.");
        }

        if (baseInventory == 0 && settings.Levels > buys)
            warnings.Add($"No {market.BaseCurrency} held: the {settings.Levels - buys} sell levels fill in as buys complete.");

        return new GridPlanResult(new GridPlan
        {
            Market = market.Symbol,
            ReferencePrice = referencePrice,
            SpacingPct = spacing,
            RawSpacingPct = raw,
            Lines = lines,
            CenterLevel = buys,
            Cells = cells,
            InitialHeld = held,
            Orders = orders,
            FeeRate = settings.FeeRate,
            CapitalQuote = capitalQuote,
            Warnings = warnings,
        }, []);
    }

    private static decimal Pow(decimal x, int n)
    {
        var result = 1m;
        var b = n < 0 ? 1m / x : x;
        for (var k = Math.Abs(n); k > 0; k--) result *= b;
        return result;
    }
}
