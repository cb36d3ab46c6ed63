using GridTrader.Integration.Tests.Dashboard;
using GridTrader.Integration.Tests.Support;

namespace GridTrader.Integration.Tests.Operations;

/// <summary>
/// <c>GET /metrics</c> scraped from a bot in live mode against the Firi mock after a buy fill and its sell: the answer
/// parses as Prometheus text and carries every metric operations watch, with values that match the bot.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class MetricsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Metrics_LiveBotAfterAGridPair_ParseAsPrometheusTextWithEveryFamily()
    {
        using var temp = new TempDirectory();
        await using var market = await FiriMockMarket.StartAsync();
        await using var bot = await LiveMockBot.StartAsync(market, Path.Combine(temp.Path, "data"));

        // The price dips through the top buy (985,000), then rises through the sell placed above it: one grid pair.
        await market.MoveAsync(980_000m);
        await Poll.UntilAsync(() => Task.FromResult(bot.Runtime.Events.Fills().Any(f => f.Side == "buy")), Patience, "the buy never filled");
        await Poll.UntilAsync(() => Task.FromResult(bot.Runtime.Engine.Snapshot!.OpenOrders.Any(o => o.Side == "sell")), Patience,
            "no counter-sell was placed");
        await market.MoveAsync(1_020_000m);
        await Poll.UntilAsync(() => Task.FromResult(bot.Runtime.Events.Fills().Any(f => f.Side == "sell")), Patience, "the sell never filled");

        using var response = await bot.Http.GetAsync(new Uri("/metrics", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var families = PrometheusText.Parse(text);

        string[] gauges =
        [
            "gridtrader_market_price", "gridtrader_open_orders", "gridtrader_grid_phase", "gridtrader_grid_profit", "gridtrader_market_fees",
            "gridtrader_position", "gridtrader_circuit_breaker_open", "gridtrader_bot_state", "gridtrader_kill_switch_engaged",
            "gridtrader_equity", "gridtrader_drawdown_pct", "gridtrader_firi_requests",
        ];
        string[] counters =
        [
            "gridtrader_fills_total", "gridtrader_grid_pairs_total", "gridtrader_risk_rejections_total", "gridtrader_reconciliation_runs_total",
            "gridtrader_reconciliation_findings_total",
        ];
        foreach (var name in gauges) Assert.True(families.TryGetValue(name, out var f) && f.Type == "gauge", $"{name} missing or not a gauge");
        foreach (var name in counters) Assert.True(families.TryGetValue(name, out var f) && f.Type == "counter", $"{name} missing or not a counter");
        Assert.Equal("histogram", families["gridtrader_firi_request_duration_seconds"].Type);

        double Value(string family, params (string Key, string Value)[] labels) =>
            families[family].Samples.Single(s => s.Name == family && labels.All(l => s.Labels.GetValueOrDefault(l.Key) == l.Value)).Value;

        var snapshot = bot.Runtime.Engine.Snapshot!;
        Assert.True(Value("gridtrader_fills_total", ("market", "BTCNOK"), ("side", "buy")) >= 1);
        Assert.True(Value("gridtrader_fills_total", ("market", "BTCNOK"), ("side", "sell")) >= 1);
        Assert.True(Value("gridtrader_grid_pairs_total", ("market", "BTCNOK")) >= 1);
        Assert.True(Value("gridtrader_reconciliation_runs_total") >= 1);
        Assert.Equal(0, Value("gridtrader_risk_rejections_total", ("market", "BTCNOK"), ("reason", "kill-switch")));
        Assert.Equal(1, Value("gridtrader_bot_state", ("state", "Running")));
        Assert.Equal(0, Value("gridtrader_kill_switch_engaged"));
        Assert.Equal(1, Value("gridtrader_grid_phase", ("market", "BTCNOK"), ("phase", "Active")));
        Assert.Equal(1_020_000, Value("gridtrader_market_price", ("market", "BTCNOK")), 0);
        Assert.True(Value("gridtrader_equity") > 0);
        Assert.True(Value("gridtrader_open_orders", ("market", "BTCNOK"), ("side", "buy")) >= 1);

        // Firi requests by route and outcome, and their latency, from the client's meter.
        Assert.True(Value("gridtrader_firi_requests", ("route", "/v2/markets/{market}/ticker"), ("method", "GET"), ("outcome", "ok")) >= 1);
        Assert.True(Value("gridtrader_firi_requests", ("route", "/v2/orders"), ("method", "POST"), ("outcome", "ok")) >= 3);
        var latency = families["gridtrader_firi_request_duration_seconds"].Samples;
        Assert.Contains(latency, s => s.Name.EndsWith("_bucket", StringComparison.Ordinal) && s.Labels.GetValueOrDefault("le") == "+Inf" && s.Value >= 1);
        Assert.Contains(latency, s => s.Name.EndsWith("_count", StringComparison.Ordinal) && s.Labels.GetValueOrDefault("route") == "/v2/balances");
        Assert.True(snapshot.OpenOrders.Count > 0);

        // The sample Grafana dashboard queries only what the bot exposes.
        var grafana = await File.ReadAllTextAsync(Path.Combine(GridTrader.Tests.Shared.TestRepository.Root, "deploy", "grafana", "gridtrader-dashboard.json"));
        var queried = System.Text.RegularExpressions.Regex.Matches(grafana, "gridtrader_[a-z_]+").Select(m => m.Value).Distinct().ToList();
        Assert.NotEmpty(queried);
        Assert.All(queried, name => Assert.True(families.ContainsKey(name) || families.ContainsKey(name.Replace("_bucket", "", StringComparison.Ordinal)),
            $"the Grafana dashboard queries {name}, which /metrics does not have"));
    }
}
