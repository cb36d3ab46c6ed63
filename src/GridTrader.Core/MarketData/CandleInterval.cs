using System.Globalization;

namespace GridTrader.Core.MarketData;

/// <summary>Parses and formats candle intervals such as <c>1m</c>, <c>5m</c>, <c>1h</c>, <c>4h</c>, <c>1d</c>.</summary>
public static class CandleInterval
{
    public static bool TryParse(string? text, out TimeSpan interval)
    {
        interval = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length < 2) return false;
        var unit = char.ToLowerInvariant(text[^1]);
        if (!int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
            return false;
        interval = unit switch
        {
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            'd' => TimeSpan.FromDays(n),
            _ => default,
        };
        return interval > TimeSpan.Zero;
    }

    /// <summary>How many leading open times <see cref="Infer"/> is usually given.</summary>
    public const int InferenceSampleSize = 64;

    /// <summary>
    /// The most common positive step between consecutive open times (on a tie, the shorter one),
    /// or null when there are fewer than two distinct times. A gap or two among the first rows
    /// therefore does not change the answer.
    /// </summary>
    public static TimeSpan? Infer(IReadOnlyList<long> openTimesMs)
    {
        var counts = new Dictionary<long, int>();
        for (var i = 1; i < openTimesMs.Count; i++)
        {
            var step = openTimesMs[i] - openTimesMs[i - 1];
            if (step > 0) counts[step] = counts.GetValueOrDefault(step) + 1;
        }

        if (counts.Count == 0) return null;
        var mostCommon = counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).First().Key;
        return TimeSpan.FromMilliseconds(mostCommon);
    }

    public static string Format(TimeSpan interval) =>
        interval.TotalDays >= 1 && interval.TotalDays % 1 == 0 ? $"{(int)interval.TotalDays}d"
        : interval.TotalHours >= 1 && interval.TotalHours % 1 == 0 ? $"{(int)interval.TotalHours}h"
        : $"{(int)interval.TotalMinutes}m";
}
