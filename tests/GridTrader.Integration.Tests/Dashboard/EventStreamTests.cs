using System.Globalization;

namespace GridTrader.Integration.Tests.Dashboard;

/// <summary><c>GET /api/stream</c> against a running bot: what it pushes, and resuming with <c>Last-Event-ID</c>.</summary>
[Collection(DashboardCollection.Name)]
public sealed class EventStreamTests(RunningBot running) : IClassFixture<RunningBot>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private DashboardBot Bot => running.Bot;

    [Fact]
    public async Task Stream_Connect_PushesReadyThenSnapshotsAndEngineEvents()
    {
        await using var stream = await SseClient.ConnectAsync(Bot.Http);

        var ready = await stream.NextAsync(Patience);
        Assert.Equal("ready", ready.Name);
        Assert.Equal(ready.Json.GetProperty("seq").GetInt64().ToString(CultureInfo.InvariantCulture), ready.Id);

        var snapshot = await stream.NextAsync("snapshot", Patience);
        Assert.Equal("Running", snapshot.Json.GetProperty("state").GetString());
        Assert.Equal("BTCNOK", snapshot.Json.GetProperty("markets")[0].GetProperty("symbol").GetString());

        var engine = await stream.NextAsync("engine", Patience);
        var seq = engine.Json.GetProperty("seq").GetInt64();
        Assert.Equal(seq.ToString(CultureInfo.InvariantCulture), engine.Id);
        Assert.True(seq > long.Parse(ready.Id!, CultureInfo.InvariantCulture));
        Assert.False(string.IsNullOrEmpty(engine.Json.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Stream_ReconnectWithLastEventId_ResendsExactlyWhatWasMissed()
    {
        long seen;
        await using (var first = await SseClient.ConnectAsync(Bot.Http))
        {
            seen = long.Parse((await first.NextAsync("engine", Patience)).Id!, CultureInfo.InvariantCulture);
        }

        // While disconnected the bot goes on: several events happen that this client has not seen.
        await Poll.UntilAsync(() => Task.FromResult(Bot.Runtime.Events.LastSeq >= seen + 5), Patience, "the bot produced no further events");

        await using var resumed = await SseClient.ConnectAsync(Bot.Http, lastEventId: seen.ToString(CultureInfo.InvariantCulture));
        var ids = new List<long>();
        while (ids.Count < 5)
        {
            var e = await resumed.NextAsync(Patience);
            Assert.NotEqual("ready", e.Name);
            if (e.Name == "engine") ids.Add(long.Parse(e.Id!, CultureInfo.InvariantCulture));
        }

        Assert.Equal(Enumerable.Range(1, 5).Select(i => seen + i), ids);
    }
}
