using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using GridTrader.Exchanges.Firi;
using GridTrader.Exchanges.Tests.Firi.Support;
using static GridTrader.Exchanges.Tests.Firi.Support.ScriptedResponse;

namespace GridTrader.Exchanges.Tests.Firi;

/// <summary>The Firi client's meter: one count and one latency per HTTP attempt, by route (ids and symbols folded) and outcome.</summary>
public sealed class FiriMetricsTests
{
    [Theory]
    [InlineData("v2/markets/BTCNOK/ticker", "/v2/markets/{market}/ticker")]
    [InlineData("v2/order/8123456789", "/v2/order/{id}")]
    [InlineData("v2/orders/123/detailed", "/v2/orders/{id}/detailed")]
    [InlineData("v2/orders", "/v2/orders")]
    [InlineData("time", "/time")]
    public void Route_RequestPath_FoldsIdsAndSymbols(string path, string route)
    {
        Assert.Equal(route, FiriMetrics.Route(path));
    }

    [Fact]
    public async Task Attempts_ServerErrorThenSuccess_AreCountedByOutcomeWithTheirLatency()
    {
        var counts = new ConcurrentBag<(long Value, Dictionary<string, object?> Tags)>();
        var durations = new ConcurrentBag<(double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == FiriMetrics.MeterName) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) => counts.Add((value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) => durations.Add((value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.Start();

        await using var h = await FiriHarness.StartAsync(o => o.MaxRetries = 0);
        h.Server.Enqueue(Json("""{"name":"Unavailable","message":"maintenance"}""", 503));
        h.Server.Enqueue(Json("[]"));
        var failed = await h.Client.GetBalancesAsync();
        var succeeded = await h.Client.GetBalancesAsync();

        Assert.False(failed.IsSuccess);
        Assert.True(succeeded.IsSuccess);
        static bool Balances(Dictionary<string, object?> tags, string outcome) =>
            (string?)tags["route"] == "/v2/balances" && (string?)tags["method"] == "GET" && (string?)tags["outcome"] == outcome;
        Assert.Contains(counts, c => c.Value == 1 && Balances(c.Tags, "servererror"));
        Assert.Contains(counts, c => c.Value == 1 && Balances(c.Tags, FiriMetrics.Ok));
        Assert.Contains(durations, d => d.Value >= 0 && (string?)d.Tags["route"] == "/v2/balances" && !d.Tags.ContainsKey("outcome"));
    }
}
