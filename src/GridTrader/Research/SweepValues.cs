using System.Globalization;

namespace GridTrader.Research;

/// <summary>Parses the value options of a sweep: one value, a list <c>14,28,56</c>, or an inclusive range <c>FROM:TO:STEP</c>.</summary>
internal static class SweepValues
{
    public const int MaxValues = 100_000;

    /// <summary>The values, or null with <paramref name="error"/> saying why (naming the option).</summary>
    public static List<decimal>? Parse(string text, string option, out string? error)
    {
        error = null;
        var values = new List<decimal>();
        if (text.Contains(',', StringComparison.Ordinal))
        {
            foreach (var part in text.Split(','))
            {
                if (!TryNumber(part, out var v))
                {
                    error = $"{option} '{text}' is not a list of numbers such as 14,28,56.";
                    return null;
                }

                values.Add(v);
            }

            return values.Distinct().Order().ToList();
        }

        var parts = text.Split(':');
        var numbers = new decimal[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!TryNumber(parts[i], out numbers[i]))
            {
                error = $"{option} '{text}' is not FROM:TO:STEP (numbers such as 1.2:4.0:0.05), a list (14,28,56) or one number.";
                return null;
            }
        }

        if (parts.Length == 1) return [numbers[0]];
        if (parts.Length != 3 || numbers[2] <= 0 || numbers[1] < numbers[0])
        {
            error = $"{option} '{text}' must be FROM:TO:STEP with FROM ≤ TO and a positive STEP.";
            return null;
        }

        for (var v = numbers[0]; v <= numbers[1]; v += numbers[2])
        {
            values.Add(v);
            if (values.Count > MaxValues)
            {
                error = $"{option} '{text}' gives more than {MaxValues} values.";
                return null;
            }
        }

        return values;
    }

    private static bool TryNumber(string text, out decimal value) =>
        decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out value);
}
