using System.Globalization;
using System.Text;
using GridTrader.Core.Accounting;
using GridTrader.Core.Markets;
using GridTrader.Csv;

namespace GridTrader.Trades;

/// <summary>How <c>trades export</c> writes the fills.</summary>
internal enum TradeExportFormat
{
    /// <summary>One row per fill: <see cref="TradeExport.CsvColumns"/>.</summary>
    Csv,

    /// <summary>Kryptosekken's generic import: <see cref="TradeExport.KryptosekkenColumns"/>, one <c>Handel</c> per fill.</summary>
    Kryptosekken,
}

/// <summary>
/// The bot's trade records for one calendar year (UTC): every fill as CSV or in Kryptosekken's import format, and a
/// summary of the year's realized gains and losses in NOK by FIFO, labelled as covering the bot's own trades only.
/// </summary>
internal static class TradeExport
{
    public static readonly string[] CsvColumns =
        ["time", "market", "side", "price", "amount", "fee", "fee_currency", "nok_value", "fee_nok", "order_id", "level"];

    public static readonly string[] KryptosekkenColumns =
        ["Tidspunkt", "Type", "Inn", "Inn-Valuta", "Ut", "Ut-Valuta", "Gebyr", "Gebyr-Valuta", "Marked", "Notat"];

    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Writes the fills of the year (<paramref name="fills"/> may start earlier; they are filtered here).</summary>
    public static int WriteFills(TextWriter output, IEnumerable<Fill> fills, int year, TradeExportFormat format, string marketplace)
    {
        var (from, to) = YearBounds(year);
        using var csv = new CsvWriter(output, leaveOpen: true);
        csv.WriteRow(format == TradeExportFormat.Csv ? CsvColumns : KryptosekkenColumns);
        var count = 0;
        foreach (var f in fills.Where(f => f.Time >= from && f.Time < to))
        {
            count++;
            var value = f.Price * f.Amount;
            var buy = f.Side == Side.Buy;
            if (format == TradeExportFormat.Csv)
            {
                var nok = FifoGains.IsNok(f);
                csv.WriteRow(f.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", C), f.Market, buy ? "buy" : "sell", Num(f.Price), Num(f.Amount),
                    Num(f.Fee), f.FeeCurrency, nok ? Kroner(value) : "", nok ? Kroner(FeeInNok(f)) : "", f.OrderId.ToString(C), f.Level.ToString(C));
            }
            else
            {
                // A buy brings the coin in and sends kroner out; a sell the other way. The fee is its own column.
                var (inAmount, inCurrency, outAmount, outCurrency) = buy
                    ? (f.Amount, f.BaseCurrency, value, f.QuoteCurrency)
                    : (value, f.QuoteCurrency, f.Amount, f.BaseCurrency);
                csv.WriteRow(f.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", C), "Handel", Num(inAmount), inCurrency.ToUpperInvariant(), Num(outAmount),
                    outCurrency.ToUpperInvariant(), Num(f.Fee), f.FeeCurrency.ToUpperInvariant(), marketplace,
                    $"GridTrader {f.Market} {(buy ? "buy" : "sell")} order {f.OrderId.ToString(C)} level {f.Level.ToString(C)}");
            }
        }

        return count;
    }

    /// <summary>The yearly summary, for people: FIFO gains and losses in NOK per asset, with what it does not cover.</summary>
    public static string Summary(IReadOnlyList<Fill> fills, int year, string mode, string database)
    {
        var (from, to) = YearBounds(year);
        var gains = FifoGains.Compute(fills, from, to);
        var inYear = fills.Count(f => f.Time >= from && f.Time < to);
        var notNok = fills.Count(f => f.Time >= from && f.Time < to && !FifoGains.IsNok(f));
        var text = new StringBuilder();
        text.Append(C, $"GridTrader realized gains and losses {year} (UTC), in NOK by FIFO: THIS BOT'S OWN TRADES ONLY\n");
        text.Append(C, $"Mode {mode}, database {database}; {inYear} fill(s) in {year}.\n");
        text.Append("Trades made outside this bot, transfers, and coins held before it are not included: this is not a complete tax statement.\n");
        text.Append("Costs include buy fees, proceeds are net of sell fees.\n");
        if (gains.Count == 0)
        {
            text.Append(C, $"No sell in {year}.\n");
        }
        else
        {
            text.Append(C, $"{"asset",-8}{"sells",7}{"proceeds",16}{"cost",16}{"gains",14}{"losses",14}{"net",14}\n");
            foreach (var g in gains)
                text.Append(C, $"{g.Asset,-8}{g.Sells,7}{Kroner(g.Proceeds),16}{Kroner(g.Cost),16}{Kroner(g.Gains),14}{Kroner(g.Losses),14}{Kroner(g.Net),14}\n");
            text.Append(C, $"{"total",-8}{gains.Sum(g => g.Sells),7}{Kroner(gains.Sum(g => g.Proceeds)),16}{Kroner(gains.Sum(g => g.Cost)),16}");
            text.Append(C, $"{Kroner(gains.Sum(g => g.Gains)),14}{Kroner(gains.Sum(g => g.Losses)),14}{Kroner(gains.Sum(g => g.Net)),14}\n");
            foreach (var g in gains.Where(g => g.UnmatchedAmount > 0))
            {
                text.Append(C, $"{g.Asset}: {Num(g.UnmatchedAmount)} sold without a purchase recorded by the bot (proceeds {Kroner(g.UnmatchedProceeds)} NOK); ");
                text.Append("left out above, as its cost is unknown here.\n");
            }
        }

        if (notNok > 0) text.Append(C, $"{notNok} fill(s) in markets not quoted in NOK are listed without NOK values and left out of the summary.\n");
        return text.ToString();
    }

    /// <summary>[1 January, 1 January next year) in UTC.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) YearBounds(int year) =>
        (new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(year + 1, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private static decimal FeeInNok(Fill f) =>
        f.FeeCurrency.Equals(f.QuoteCurrency, StringComparison.OrdinalIgnoreCase) ? f.Fee
        : f.FeeCurrency.Equals(f.BaseCurrency, StringComparison.OrdinalIgnoreCase) ? f.Fee * f.Price
        : 0m;

    /// <summary>An exact amount, without trailing zeros or an exponent.</summary>
    internal static string Num(decimal value) => value.ToString("0.############################", C);

    /// <summary>Kroner to the øre.</summary>
    internal static string Kroner(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero).ToString("0.00", C);
}
