using GridTrader.Core.MarketData;
using GridTrader.Core.Risk;
using GridTrader.Engine.Live;
using GridTrader.Engine.Tests.Trading;
using GridTrader.Exchanges.Simulation;
using Microsoft.Extensions.Time.Testing;

namespace GridTrader.Engine.Tests.Live;

/// <summary>
/// The loop's own duties, stepped on a fake clock against the in-memory exchange and a real SQLite file (see
/// <see cref="LiveHarness"/>: buys rest at 955,000, 970,000 and 985,000).
/// </summary>
public sealed class LiveEngineTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Step_ReplayFinished_SettlesWithALastSyncThenReturnsFalse()
    {
        var feed = new ScriptedFeed();
        await using var h = new LiveHarness { Candles = feed };
        await h.StartAsync();
        await h.StepAsync(); // one regular turn: the next order poll is due a poll interval from now
        Assert.Equal(3, h.OpenOnExchange().Count);
        h.MoveTo(984_000m); // the replay's last candle fills the buy at 985,000
        feed.Completed = true;

        // The clock does not move, so no regular order poll is due this turn: only the closing sync can see the fill.
        var more = await h.Engine!.StepAsync();

        Assert.False(more);
        var fill = Assert.Single(await h.Store.LoadFillsAsync());
        Assert.Equal(985_000m, fill.Price);
        Assert.True(h.Engine.Snapshot!.ReplayCompleted);
        Assert.Equal([970_000m, 955_000m], h.Engine.Snapshot.OpenOrders.Select(o => o.Price)); // settled, nothing new placed
    }

    [Fact]
    public async Task Step_FeedStillRunning_ReturnsTrue()
    {
        await using var h = new LiveHarness { Candles = new ScriptedFeed() };
        await h.StartAsync();

        Assert.True(await h.Engine!.StepAsync());
        Assert.False(h.Engine.Snapshot!.ReplayCompleted);
    }

    [Fact]
    public async Task Step_ClosedCandles_AreStoredAndFedOnceEach()
    {
        var feed = new ScriptedFeed();
        await using var h = new LiveHarness { Candles = feed };
        await h.StartAsync();
        var start = h.Time.GetUtcNow().ToUnixTimeMilliseconds();
        var first = Flat(start, 1_000_000m);
        var second = Flat(start + 60_000, 1_001_000m);
        var strategy = h.Engine!.Core!.Market(LiveHarness.Symbol)!.Strategy;
        var seen = strategy.CandleCount;

        feed.Next.Enqueue(first);
        feed.Next.Enqueue(second);
        await h.StepAsync();
        feed.Next.Enqueue(second); // a feed that repeats itself
        feed.Next.Enqueue(first);
        await h.StepAsync();

        Assert.Equal(seen + 2, strategy.CandleCount);
        Assert.Equal([first, second], await h.Store.LoadCandlesAsync(LiveHarness.Symbol, Minute));
    }

    [Fact]
    public async Task Stop_CommandQueuedButNotYetExecuted_CompletesWithEngineStopped()
    {
        await using var h = new LiveHarness();
        await h.StartAsync();
        var pending = h.Engine!.SendAsync(new PauseCommand(null, "too late"));

        await h.Engine.StopAsync();

        Assert.True(pending.IsCompletedSuccessfully);
        Assert.Equal("engine stopped", await pending);
        Assert.False(h.Engine.Core!.Risk.GloballyPaused); // it never ran
        Assert.Equal(BotState.Stopped, h.Engine.Snapshot!.State);
    }

    [Fact]
    public async Task Stop_CommandSentAfterwards_FailsAtOnceInsteadOfWaiting()
    {
        await using var h = new LiveHarness();
        await h.StartAsync();
        await h.Engine!.StopAsync();

        var late = h.Engine.SendAsync(new ResumeCommand("after the stop"));

        Assert.True(late.IsFaulted);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => late);
        Assert.Contains("not accepting commands", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Step_BeforeStart_Throws()
    {
        var time = new FakeTimeProvider(TradingRig.Start);
        var engine = new LiveEngine(new SimulatedExchange([], new Dictionary<string, decimal>(), time), new RecordingStore(), new NoCandleStore(),
            new ScriptedFeed(), time, new LiveEngineOptions(), [], new RiskSettings(), new RecordingObserver(), "test");

        await Assert.ThrowsAsync<InvalidOperationException>(() => engine.StepAsync());
    }

    private static Candle Flat(long openMs, decimal price) => new(openMs, price, price, price, price, 1m);

    /// <summary>A candle feed the test fills, and finishes when it says so.</summary>
    private sealed class ScriptedFeed : ICandleFeed
    {
        public Queue<Candle> Next { get; } = new();

        public bool Completed { get; set; }

        public ValueTask<IReadOnlyList<Candle>> PollAsync(string market, TimeSpan interval, CancellationToken ct = default)
        {
            var list = new List<Candle>();
            while (Next.TryDequeue(out var c)) list.Add(c);
            return ValueTask.FromResult<IReadOnlyList<Candle>>(list);
        }
    }

    private sealed class NoCandleStore : Core.Persistence.ICandleStore
    {
        public ValueTask SaveCandlesAsync(string market, TimeSpan interval, IEnumerable<Candle> candles, string source, CancellationToken ct = default) => default;

        public ValueTask<IReadOnlyDictionary<string, long>> CountCandlesBySourceAsync(string market, TimeSpan interval, DateTimeOffset? from = null,
            CancellationToken ct = default) => ValueTask.FromResult<IReadOnlyDictionary<string, long>>(new Dictionary<string, long>());

        public ValueTask<IReadOnlyList<Candle>> LoadCandlesAsync(string market, TimeSpan interval, DateTimeOffset? from = null, int? limit = null,
            CancellationToken ct = default) => ValueTask.FromResult<IReadOnlyList<Candle>>([]);
    }
}
