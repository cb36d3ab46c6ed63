using System.Text.Json.Serialization;
using GridTrader.Engine.Live;

namespace GridTrader.Dashboard;

/// <summary>
/// Where a market's candle history came from (<c>status --json</c> and <c>GET /api/markets</c>): the candles its indicators
/// were fed, how many came from each source (<c>firi</c>, <c>reference</c>, <c>import</c>, <c>replay</c>), and why the history is
/// short when it is.
/// </summary>
internal sealed record HistoryView(
    [property: JsonPropertyName("interval")] string Interval,
    [property: JsonPropertyName("candles")] long Candles,
    [property: JsonPropertyName("needed")] int Needed,
    [property: JsonPropertyName("sources")] IReadOnlyDictionary<string, long> Sources,
    [property: JsonPropertyName("shortfall")] string? Shortfall)
{
    public static HistoryView? From(CandleHistoryReport? report) => report is null
        ? null
        : new HistoryView(Core.MarketData.CandleInterval.Format(report.Interval), report.Candles, report.Needed,
            new SortedDictionary<string, long>(report.BySource.ToDictionary(), StringComparer.Ordinal), report.Shortfall);
}
