using System.Globalization;
using System.Text;

namespace GridTrader.Soak;

/// <summary>Figures the book check records when the books agree.</summary>
internal sealed class SoakFigures
{
    public int Orders { get; set; }
    public int Fills { get; set; }
    public int TakerTrades { get; set; }
}

/// <summary>What a soak did and found.</summary>
public sealed class SoakReport
{
    public int Kills { get; set; }
    public Dictionary<string, int> KillsByMoment { get; } = new(StringComparer.Ordinal);
    public int Checks { get; set; }
    public int Halts { get; set; }
    public List<string> Problems { get; } = [];
    public List<double> SettleSeconds { get; } = [];
    public IReadOnlyDictionary<string, long> FaultsInjected { get; set; } = new Dictionary<string, long>();
    public long OrdersCreated { get; set; }
    public int BotOrders { get; set; }
    public int Fills { get; set; }
    public int TakerTrades { get; set; }
    public int Adopted { get; set; }
    public int NotPlaced { get; set; }
    public TimeSpan Elapsed { get; set; }

    public bool Passed => Problems.Count == 0;

    public double SettlePercentile(double p)
    {
        if (SettleSeconds.Count == 0) return 0;
        var sorted = SettleSeconds.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"{Kills} SIGKILLs ({string.Join(", ", KillsByMoment.OrderBy(k => k.Key).Select(k => $"{k.Value} {k.Key}"))}) in {Elapsed.TotalMinutes:0.0} min; {Checks} checks; {Problems.Count} problems.");
        text.AppendLine(c, $"Settle after restart: p50 {SettlePercentile(50):0.0} s, p99 {SettlePercentile(99):0.0} s, max {(SettleSeconds.Count == 0 ? 0 : SettleSeconds.Max()):0.0} s.");
        text.AppendLine(c, $"Faults injected: {string.Join(", ", FaultsInjected.OrderBy(f => f.Key).Select(f => $"{f.Value} {f.Key}"))}; credential refusals halted the bot {Halts} times.");
        text.AppendLine(c, $"Orders: {OrdersCreated} created on the exchange, {BotOrders} in the bot's books ({Adopted} lost answers found and adopted, {NotPlaced} declared not placed); {Fills} fills, {TakerTrades} taker trades.");
        text.Append(Problems.Count == 0 ? "No duplicate, no lost or double fill, no stuck phase." : "Problems:\n  " + string.Join("\n  ", Problems));
        return text.ToString();
    }
}
