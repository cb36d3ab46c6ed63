using GridTrader.Core.MarketData;
using GridTrader.Storage.Schema;
using GridTrader.Storage.Tests.Support;
using static GridTrader.Storage.Tests.Support.Samples;

namespace GridTrader.Storage.Tests;

/// <summary>Every stored candle records where it came from (migration 2).</summary>
public sealed class CandleSourceTests : IDisposable
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private readonly TempDataDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Candle Bar(int hour, decimal close) => new(T0.AddHours(hour).ToUnixTimeMilliseconds(), close, close, close, close, 1m);

    [Fact]
    public async Task SaveCandles_ThreeSources_AreCountedPerSourceAndAReplacedCandleTakesItsNewSource()
    {
        await using var store = Open(_dir);
        await store.SaveCandlesAsync("BTCNOK", Hour, [Bar(0, 1m), Bar(1, 2m), Bar(2, 3m)], CandleSources.Reference);
        await store.SaveCandlesAsync("BTCNOK", Hour, [Bar(3, 4m)], CandleSources.Import);
        await store.SaveCandlesAsync("BTCNOK", Hour, [Bar(2, 3.5m), Bar(4, 5m)], CandleSources.Firi);
        await store.SaveCandlesAsync("ETHNOK", Hour, [Bar(0, 9m)], CandleSources.Firi);

        var counts = await store.CountCandlesBySourceAsync("BTCNOK", Hour);
        var fromHourTwo = await store.CountCandlesBySourceAsync("BTCNOK", Hour, T0.AddHours(2));

        Assert.Equal(new Dictionary<string, long> { ["firi"] = 2, ["import"] = 1, ["reference"] = 2 }, counts.OrderBy(kv => kv.Key).ToDictionary());
        Assert.Equal(new Dictionary<string, long> { ["firi"] = 2, ["import"] = 1 }, fromHourTwo.OrderBy(kv => kv.Key).ToDictionary());
        Assert.Equal(3.5m, (await store.LoadCandlesAsync("BTCNOK", Hour, T0.AddHours(2), 1))[0].Close);
        Assert.Contains(("ETHNOK", "1h", "firi", 1L), await store.CandleSourceSummaryAsync());
    }

    [Fact]
    public async Task Open_VersionOneDatabaseWithCandles_MigratesThemAsBuiltFromFiri()
    {
        // A database as version 1 left it: the first script only, one candle without a source column.
        RawDatabase.Execute(_dir.DatabasePath, Migrations.All[0].Sql);
        RawDatabase.Execute(_dir.DatabasePath, $"PRAGMA application_id = {SchemaMigrator.ApplicationId}");
        RawDatabase.Execute(_dir.DatabasePath, "PRAGMA user_version = 1");
        RawDatabase.Execute(_dir.DatabasePath,
            "INSERT INTO candles (market, interval, open_time_ms, open, high, low, close, volume) VALUES ('BTCNOK', '1h', 0, '1', '1', '1', '1', '1')");

        await using var store = Open(_dir);

        Assert.Equal(SqliteStore.LatestSchemaVersion, store.SchemaVersion);
        Assert.Equal(new Dictionary<string, long> { ["firi"] = 1 }, await store.CountCandlesBySourceAsync("BTCNOK", Hour));
    }
}
