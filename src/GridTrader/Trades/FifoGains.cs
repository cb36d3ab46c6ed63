using GridTrader.Core.Accounting;
using GridTrader.Core.Markets;

namespace GridTrader.Trades;

/// <summary>One asset's realized result in a year: every sell in the year matched against the oldest purchases first.</summary>
internal sealed record AssetGains(string Asset, int Sells, decimal Proceeds, decimal Cost, decimal Gains, decimal Losses, decimal UnmatchedAmount,
    decimal UnmatchedProceeds)
{
    public decimal Net => Gains - Losses;
}

/// <summary>
/// Realized gains and losses in NOK by FIFO (first in, first out: what the Norwegian tax administration recommends), per
/// asset, from the bot's own fills. Buys add lots at their cost including the fee; each sell consumes the oldest lots,
/// and its gain is the proceeds net of the fee less the cost of the lots it consumed. A fee charged in the coin shrinks
/// the lot on a buy and is sold along with the amount on a sell, as the ledger books it. Coins sold without a recorded
/// purchase (bought before the bot, or elsewhere) have no known cost: they are reported apart, not guessed. Only markets
/// quoted in NOK count; every fill before the year is replayed so the lots are right at its start.
/// </summary>
internal static class FifoGains
{
    public const string Nok = "NOK";

    /// <summary>Gains of the sells in [<paramref name="from"/>, <paramref name="to"/>) from <paramref name="fills"/> in time order.</summary>
    public static IReadOnlyList<AssetGains> Compute(IEnumerable<Fill> fills, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(fills);
        var lots = new Dictionary<string, LinkedList<(decimal Amount, decimal Cost)>>(StringComparer.OrdinalIgnoreCase);
        var results = new SortedDictionary<string, AssetGains>(StringComparer.Ordinal);
        foreach (var fill in fills)
        {
            if (fill.Time >= to) break;
            if (!IsNok(fill)) continue;
            var asset = fill.BaseCurrency.ToUpperInvariant();
            if (!lots.TryGetValue(asset, out var book)) lots[asset] = book = new LinkedList<(decimal, decimal)>();
            var value = fill.Price * fill.Amount;
            var feeInQuote = fill.FeeCurrency.Equals(fill.QuoteCurrency, StringComparison.OrdinalIgnoreCase);
            var feeInBase = fill.FeeCurrency.Equals(fill.BaseCurrency, StringComparison.OrdinalIgnoreCase);
            if (fill.Side == Side.Buy)
            {
                var amount = feeInBase ? fill.Amount - fill.Fee : fill.Amount;
                var cost = feeInQuote ? value + fill.Fee : value;
                if (amount > 0) book.AddLast((amount, cost));
                continue;
            }

            var proceeds = feeInQuote ? value - fill.Fee : value;
            var sold = feeInBase ? fill.Amount + fill.Fee : fill.Amount;
            var (matched, matchedCost) = Consume(book, sold);
            if (fill.Time < from) continue;
            var matchedProceeds = sold > 0 ? proceeds * matched / sold : 0m;
            var gain = matchedProceeds - matchedCost;
            var r = results.TryGetValue(asset, out var existing) ? existing : new AssetGains(asset, 0, 0, 0, 0, 0, 0, 0);
            results[asset] = r with
            {
                Sells = r.Sells + 1,
                Proceeds = r.Proceeds + matchedProceeds,
                Cost = r.Cost + matchedCost,
                Gains = r.Gains + Math.Max(gain, 0m),
                Losses = r.Losses + Math.Max(-gain, 0m),
                UnmatchedAmount = r.UnmatchedAmount + (sold - matched),
                UnmatchedProceeds = r.UnmatchedProceeds + (proceeds - matchedProceeds),
            };
        }

        return [.. results.Values];
    }

    /// <summary>True when the fill's market is quoted in NOK, so its values are NOK values.</summary>
    public static bool IsNok(Fill fill) => fill.QuoteCurrency.Equals(Nok, StringComparison.OrdinalIgnoreCase);

    /// <summary>Takes up to <paramref name="amount"/> from the oldest lots; returns how much it found and what that cost.</summary>
    private static (decimal Matched, decimal Cost) Consume(LinkedList<(decimal Amount, decimal Cost)> book, decimal amount)
    {
        decimal matched = 0m, cost = 0m;
        while (amount > 0 && book.First is { } node)
        {
            var lot = node.Value;
            if (lot.Amount <= amount)
            {
                matched += lot.Amount;
                cost += lot.Cost;
                amount -= lot.Amount;
                book.RemoveFirst();
            }
            else
            {
                var part = lot.Cost * amount / lot.Amount;
                matched += amount;
                cost += part;
                node.Value = (lot.Amount - amount, lot.Cost - part);
                amount = 0;
            }
        }

        return (matched, cost);
    }
}
