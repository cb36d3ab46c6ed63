using GridTrader.Core.Accounting;
using GridTrader.Core.Grid;
using GridTrader.Core.MarketData;
using GridTrader.Core.Markets;
using GridTrader.Engine.Live;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Storage;
using Microsoft.Extensions.Time.Testing;

namespace GridTrader.Engine.Tests.Live;

/// <summary>
/// The warm start's history, source by source, on a real SQLite store: stored candles first, then candles built from
/// Firi's public trades, then the reference klines scaled to the market; every candle stored with its source.
/// </summary>
public sealed class CandleHistoryTests : IAsyncDisposable
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    // 12:30: the last closed hourly candle opened at 11:00; a window of 10 starts at 02:00.
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Midnight = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "gt-history-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(Now);
    private readonly SqliteStore _store;
    private readonly TradeTapeExchange _firi;
    private readonly RecordingObserver _observer = new();

    public CandleHistoryTests()
    {
        _store = SqliteStore.Open(_dir, _time);
        _firi = new TradeTapeExchange(_time);
    }

    private static MarketSetup Setup => new(MarketInfo.FromSymbol("BTCNOK"), new GridSettings(), MarketBudget.Fraction(0.2m), Hour) { ReferenceSymbol = "BTCUSDT" };

    private static Candle Bar(int hour, decimal close) => new(Midnight.AddHours(hour).ToUnixTimeMilliseconds(), close, close + 1, close - 1, close, 1m);

    /// <summary>Hourly reference klines from midnight to the open 12:00 one, closing at 100 (the reference's price now).</summary>
    private static List<Candle> ReferenceDay() => [.. Enumerable.Range(0, 13).Select(h => Bar(h, h == 12 ? 100m : 90m + h))];

    [Fact]
    public async Task FillAsync_StoredThenFiriThenReference_FillsTheWindowAndStoresEachCandleWithItsSource()
    {
        await _store.SaveCandlesAsync("BTCNOK", Hour, [Bar(2, 1000m), Bar(3, 1001m)], CandleSources.Import);
        // Trades from 08:10 (a cut-off bucket, left out) to 12:10 (still open): hours 09, 10 and 11 come from Firi.
        _firi.Print("BTCNOK", (Midnight.AddHours(8).AddMinutes(10), 990m, 0.1m), (Midnight.AddHours(9).AddMinutes(5), 995m, 0.1m),
            (Midnight.AddHours(11).AddMinutes(50), 1005m, 0.2m), (Midnight.AddHours(12).AddMinutes(10), 1010m, 0.1m));
        var reference = new ScriptedReference(ReferenceDay());
        var history = new CandleHistory(_firi, _store, reference, _observer, _time);

        var (candles, report) = await history.FillAsync(Setup, 1000m, 10, fetch: true, CancellationToken.None);

        Assert.Equal(Enumerable.Range(2, 10).Select(h => Midnight.AddHours(h).ToUnixTimeMilliseconds()), candles.Select(c => c.OpenTimeMs));
        Assert.Equal(new Dictionary<string, long> { [CandleSources.Import] = 2, [CandleSources.Firi] = 3, [CandleSources.Reference] = 5 },
            report.BySource.OrderBy(kv => kv.Key).ToDictionary());
        Assert.Equal(report.BySource.OrderBy(kv => kv.Key), (await _store.CountCandlesBySourceAsync("BTCNOK", Hour)).OrderBy(kv => kv.Key));
        Assert.Null(report.Shortfall);
        // Reference prices scaled by the current Firi price over the reference's (1000 / 100): 04:00 closed at 94 → 940.
        Assert.Equal(940m, candles.Single(c => c.OpenTime == Midnight.AddHours(4)).Close);
        // The hour without a trade (10:00) is flat at the previous close; 11:00 carries the 11:50 trade.
        Assert.Equal((995m, 0m), (candles.Single(c => c.OpenTime == Midnight.AddHours(10)).Close, candles.Single(c => c.OpenTime == Midnight.AddHours(10)).Volume));
        Assert.Equal(1005m, candles.Single(c => c.OpenTime == Midnight.AddHours(11)).Close);
        Assert.Equal(("BTCUSDT", Hour), (reference.Requests.Single().Symbol, reference.Requests.Single().Interval));
        Assert.Contains(_observer.Notices, n => n.Name == CandleHistory.LoadedNotice && n.Message.Contains("reference 5", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FillAsync_WindowAlreadyStored_AsksNoSource()
    {
        await _store.SaveCandlesAsync("BTCNOK", Hour, Enumerable.Range(2, 10).Select(h => Bar(h, 1000m + h)), CandleSources.Firi);
        var reference = new ScriptedReference(ReferenceDay());

        var (candles, report) = await new CandleHistory(_firi, _store, reference, _observer, _time).FillAsync(Setup, 1000m, 10, true, CancellationToken.None);

        Assert.Equal(10, candles.Count);
        Assert.Equal(0, _firi.Reads);
        Assert.Empty(reference.Requests);
        Assert.Equal(10, report.BySource[CandleSources.Firi]);
    }

    [Fact]
    public async Task FillAsync_ReferenceFails_ReportsItOnceAndLeavesTheMarketShortWithTheReason()
    {
        _firi.Print("BTCNOK", (Midnight.AddHours(9).AddMinutes(5), 995m, 0.1m), (Midnight.AddHours(11).AddMinutes(50), 1005m, 0.2m));
        var reference = new ScriptedReference([], new ExchangeError(ExchangeErrorKind.Network, "connection refused"));

        var (candles, report) = await new CandleHistory(_firi, _store, reference, _observer, _time).FillAsync(Setup, 1000m, 10, true, CancellationToken.None);

        Assert.Equal(2, candles.Count); // 10:00 and 11:00 from Firi; 09:00 was cut off
        Assert.NotNull(report.Shortfall);
        Assert.Contains("reference BTCUSDT at scripted failed", report.Shortfall, StringComparison.Ordinal);
        Assert.Contains("2 of 10 1h candles", report.Shortfall, StringComparison.Ordinal);
        Assert.Single(_observer.Notices, n => n.Name == CandleHistory.SourceFailedNotice);
        Assert.Single(_observer.Notices, n => n.Name == CandleHistory.ShortNotice);
    }

    [Fact]
    public async Task FillAsync_NoReferenceAndFiriDown_SaysWhichSourcesGaveNothing()
    {
        _firi.FailNextReads(1);

        var (candles, report) = await new CandleHistory(_firi, _store, null, _observer, _time).FillAsync(Setup, 1000m, 10, true, CancellationToken.None);

        Assert.Empty(candles);
        Assert.Contains("Firi trade history failed", report.Shortfall, StringComparison.Ordinal);
        Assert.Contains("the reference source is off", report.Shortfall, StringComparison.Ordinal);
    }

    [Fact]
    public void WithLiveCandle_CompletingTheWindow_CountsTheSourceAndClearsTheShortfall()
    {
        var report = new CandleHistoryReport("BTCNOK", Hour, 8, 10, new Dictionary<string, long> { [CandleSources.Reference] = 8 }, [], "8 of 10");

        var nine = report.WithLiveCandle(CandleSources.Firi);
        var ten = nine.WithLiveCandle(CandleSources.Firi);

        Assert.Equal(("8 of 10", 9), (nine.Shortfall, nine.Candles));
        Assert.Null(ten.Shortfall);
        Assert.Equal(new Dictionary<string, long> { [CandleSources.Firi] = 2, [CandleSources.Reference] = 8 }, ten.BySource.OrderBy(kv => kv.Key).ToDictionary());
    }

    [Fact]
    public async Task FillAsync_WarmStartOff_UsesStoredCandlesOnly()
    {
        await _store.SaveCandlesAsync("BTCNOK", Hour, [Bar(10, 1000m), Bar(11, 1001m)], CandleSources.Replay);
        _firi.Print("BTCNOK", (Midnight.AddHours(9).AddMinutes(5), 995m, 0.1m));

        var (candles, _) = await new CandleHistory(_firi, _store, new ScriptedReference(ReferenceDay()), _observer, _time)
            .FillAsync(Setup, 1000m, 10, fetch: false, CancellationToken.None);

        Assert.Equal(2, candles.Count);
        Assert.Equal(0, _firi.Reads);
    }

    [Fact]
    public async Task FillAsync_StoredCandlesOlderThanTheWindow_AreNotCountedAsHistoryAndTheGapIsReported()
    {
        // A run that stopped yesterday left ten hourly candles (yesterday 02:00–11:00); today Firi's trades cover 10:00 and
        // 11:00 and the reference source is off: eight of the ten hours the strategy needs are missing.
        await _store.SaveCandlesAsync("BTCNOK", Hour, Enumerable.Range(-22, 10).Select(h => Bar(h, 900m)), CandleSources.Firi);
        _firi.Print("BTCNOK", (Midnight.AddHours(9).AddMinutes(5), 995m, 0.1m), (Midnight.AddHours(11).AddMinutes(50), 1005m, 0.2m));

        var (candles, report) = await new CandleHistory(_firi, _store, null, _observer, _time).FillAsync(Setup, 1000m, 10, true, CancellationToken.None);

        // Yesterday's candles would make the indicators warm across a 22-hour gap while the report says the history is whole.
        Assert.All(candles, c => Assert.True(c.OpenTime >= Midnight.AddHours(2), $"candle of {c.OpenTime:u} is older than the window"));
        Assert.NotNull(report.Shortfall);
        Assert.Contains("2 of 10 1h candles", report.Shortfall, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Temp files; the OS cleans up eventually.
        }
    }
}
