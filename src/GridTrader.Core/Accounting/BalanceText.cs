using System.Globalization;

namespace GridTrader.Core.Accounting;

/// <summary>Balances as text (<c>NOK=100000;BTC=0.5</c>): the format of the recorded starting balances and of <c>--balance</c>.</summary>
public static class BalanceText
{
    public static string Format(IReadOnlyDictionary<string, decimal> balances) =>
        string.Join(';', balances.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => $"{kv.Key}={kv.Value.ToString(CultureInfo.InvariantCulture)}"));

    /// <summary>Parses <c>CUR=amount</c> pairs separated by <c>;</c> or <c>,</c>; throws <see cref="FormatException"/> with the bad part.</summary>
    public static Dictionary<string, decimal> Parse(string text)
    {
        var result = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in text.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !decimal.TryParse(part[(eq + 1)..], NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) || amount < 0)
                throw new FormatException($"'{part}' is not CURRENCY=amount with a non-negative amount.");
            result[part[..eq].Trim().ToUpperInvariant()] = amount;
        }

        return result;
    }
}
