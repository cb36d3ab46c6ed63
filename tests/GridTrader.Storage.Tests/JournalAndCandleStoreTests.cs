using GridTrader.Core.MarketData;
using GridTrader.Storage.Tests.Support;
using static GridTrader.Storage.Tests.Support.Samples;

namespace GridTrader.Storage.Tests;

public sealed class JournalAndCandleStoreTests : IDisposable
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly DateTimeOffset Day0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempDataDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static async Task AppendSampleJournalAsync(SqliteStore store)
    {
        await store.AppendJournalAsync("order.placed", "BTCNOK", """{"id":1}""", T0);
        await store.AppendJournalAsync("order.filled", "BTCNOK", """{"id":1}""", T0.AddMinutes(1));
        await store.AppendJournalAsync("risk.rejected", "ETHNOK", """{"reason":"Spread"}""", T0.AddMinutes(2));
        await store.AppendJournalAsync("kill.engaged", null, """{"reason":"manual"}""", T0.AddMinutes(3));
        await store.AppendJournalAsync("order.placed", "ETHNOK", """{"id":2}""", T0.AddMinutes(4));
    }

    [Fact]
    public async Task Journal_NoFilter_ReturnsAllAsAppended()
    {
        await using var store = Open(_dir);
        await AppendSampleJournalAsync(store);

        var all = await store.LoadJournalAsync();

        Assert.Equal(["order.placed", "order.filled", "risk.rejected", "kill.engaged", "order.placed"], all.Select(e => e.Name));
        Assert.Equal(new JournalEntry(4, T0.AddMinutes(3), "kill.engaged", null, """{"reason":"manual"}"""), all[3]);
    }

    [Fact]
    public async Task Journal_Filters_CombineTimeNameMarketAndLimit()
    {
        await using var store = Open(_dir);
        await AppendSampleJournalAsync(store);

        Assert.Equal([2L, 3L], (await store.LoadJournalAsync(T0.AddMinutes(1), T0.AddMinutes(3))).Select(e => e.Id));
        Assert.Equal([1L, 5L], (await store.LoadJournalAsync(name: "order.placed")).Select(e => e.Id));
        Assert.Equal([3L, 5L], (await store.LoadJournalAsync(market: "ethnok")).Select(e => e.Id));
        Assert.Equal([5L], (await store.LoadJournalAsync(name: "order.placed", market: "ETHNOK")).Select(e => e.Id));
        // A limit keeps the newest entries, still in time order.
        Assert.Equal([4L, 5L], (await store.LoadJournalAsync(limit: 2)).Select(e => e.Id));
        Assert.Empty(await store.LoadJournalAsync(from: T0.AddDays(1)));
    }

    [Fact]
    public async Task Journal_Rows_CannotBeChangedOrDeleted()
    {
        await using (var store = Open(_dir)) await AppendSampleJournalAsync(store);

        var update = Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() =>
            RawDatabase.Execute(_dir.DatabasePath, "UPDATE journal SET message = 'x'"));
        Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => RawDatabase.Execute(_dir.DatabasePath, "DELETE FROM journal"));

        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Equal(5, RawDatabase.Count(_dir.DatabasePath, "journal"));
    }

    [Fact]
    public async Task Meta_CreatedAtAndCustomKeys_RoundTrip()
    {
        await using var store = Open(_dir);

        await store.SetMetaAsync("dashboard_token_hash", "sha256:abc");
        await store.SetMetaAsync("dashboard_token_hash", "sha256:def");

        Assert.Equal("2026-03-01T12:00:00.1234567Z", await store.GetMetaAsync(MetaKeys.CreatedAt));
        Assert.Equal("sha256:def", await store.GetMetaAsync("dashboard_token_hash"));
        Assert.Null(await store.GetMetaAsync("missing"));
    }

    private static Candle Bar(int hour, decimal close, decimal volume = 0.00012345m) =>
        new(Day0.AddHours(hour).ToUnixTimeMilliseconds(), close - 10, close + 20, close - 30, close, volume);

    [Fact]
    public async Task Candles_Upsert_ReplacesSameOpenTimeAndKeepsOrder()
    {
        await using var store = Open(_dir);
        await store.SaveCandlesAsync("BTCNOK", Hour, [Bar(3, 1_003_000.50m), Bar(1, 1_001_000m), Bar(2, 1_002_000m)], CandleSources.Firi);

        await store.SaveCandlesAsync("BTCNOK", Hour, [Bar(3, 1_003_999.99m, 1.5m), Bar(4, 1_004_000m)], CandleSources.Firi);
        await store.SaveCandlesAsync("BTCNOK", TimeSpan.FromMinutes(5), [Bar(9, 1m)], CandleSources.Firi);
        await store.SaveCandlesAsync("ETHNOK", Hour, [Bar(9, 2m)], CandleSources.Firi);

        var loaded = await store.LoadCandlesAsync("BTCNOK", Hour);
        Assert.Equal([Bar(1, 1_001_000m), Bar(2, 1_002_000m), Bar(3, 1_003_999.99m, 1.5m), Bar(4, 1_004_000m)], loaded);
        Assert.Equal("0.00012345", loaded[0].Volume.ToString());
    }

    [Fact]
    public async Task Candles_FromAndLimit_SelectFirstFromOrLatest()
    {
        await using var store = Open(_dir);
        await store.SaveCandlesAsync("BTCNOK", Hour, Enumerable.Range(0, 10).Select(h => Bar(h, 1_000_000m + h)), CandleSources.Firi);

        var latest = await store.LoadCandlesAsync("BTCNOK", Hour, limit: 3);
        var fromFive = await store.LoadCandlesAsync("BTCNOK", Hour, from: Bar(5, 1).OpenTime, limit: 2);
        var fromEight = await store.LoadCandlesAsync("BTCNOK", Hour, from: Bar(8, 1).OpenTime);

        Assert.Equal([7, 8, 9], latest.Select(c => c.OpenTime.Hour));
        Assert.Equal([5, 6], fromFive.Select(c => c.OpenTime.Hour));
        Assert.Equal([8, 9], fromEight.Select(c => c.OpenTime.Hour));
        Assert.Empty(await store.LoadCandlesAsync("BTCNOK", TimeSpan.FromDays(1)));
    }
}
