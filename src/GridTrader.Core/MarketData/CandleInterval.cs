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

    /// <summary>
    /// Intervals the bot trades on: whole minutes, one or more (what <see cref="TryParse"/> accepts). Indicators, candle
    /// building from trades and the replay clock all assume it.
    /// </summary>
    public static bool IsSupported(TimeSpan interval) => interval >= TimeSpan.FromMinutes(1) && interval.Ticks % TimeSpan.TicksPerMinute == 0;

    /// <summary>The largest whole unit: <c>1d</c>, <c>4h</c>, <c>5m</c>; below a minute <c>30s</c> or <c>1ms</c>, never <c>0m</c>.</summary>
    public static string Format(TimeSpan interval)
    {
        var ticks = interval.Ticks;
        if (ticks >= TimeSpan.TicksPerDay && ticks % TimeSpan.TicksPerDay == 0) return $"{ticks / TimeSpan.TicksPerDay}d";
        if (ticks >= TimeSpan.TicksPerHour && ticks % TimeSpan.TicksPerHour == 0) return $"{ticks / TimeSpan.TicksPerHour}h";
        if (ticks >= TimeSpan.TicksPerMinute && ticks % TimeSpan.TicksPerMinute == 0) return $"{ticks / TimeSpan.TicksPerMinute}m";
        if (ticks >= TimeSpan.TicksPerSecond && ticks % TimeSpan.TicksPerSecond == 0) return $"{ticks / TimeSpan.TicksPerSecond}s";
        return string.Create(CultureInfo.InvariantCulture, $"{interval.TotalMilliseconds}ms");
    }
}
