using GridTrader.Storage.Tests.Support;
using static GridTrader.Storage.Tests.Support.Samples;

namespace GridTrader.Storage.Tests;

public sealed class PnlHistoryStoreTests : IDisposable
{
    private readonly TempDataDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static PnlSample Point(int minute) =>
        new(T0.AddMinutes(minute), 100_000m + minute, 99_500.123456789m, 12.5m * minute, 0.75m * minute, -3.25m);

    [Fact]
    public async Task Samples_StoredAndReopened_RoundTripExactlyInTimeOrder()
    {
        var points = Enumerable.Range(0, 10).Select(Point).Reverse().ToList();
        await using (var store = Open(_dir)) await store.SavePnlSamplesAsync(points, maxRows: 100);

        await using var reopened = Open(_dir);
        var loaded = await reopened.LoadPnlSamplesAsync();

        Assert.Equal(points.OrderBy(p => p.Time), loaded);
    }

    [Fact]
    public async Task Samples_MoreThanTheBound_AreThinnedKeepingFirstAndLast()
    {
        await using var store = Open(_dir);
        for (var minute = 0; minute < 100; minute++) await store.SavePnlSamplesAsync([Point(minute)], maxRows: 16);

        var loaded = await store.LoadPnlSamplesAsync();

        Assert.InRange(loaded.Count, 8, 16);
        Assert.Equal(T0, loaded[0].Time);
        Assert.Equal(T0.AddMinutes(99), loaded[^1].Time);
        Assert.Equal(loaded.Select(p => p.Time).Order(), loaded.Select(p => p.Time));
    }

    [Fact]
    public async Task Baseline_SavedTwice_KeepsTheFirst()
    {
        await using (var store = Open(_dir))
        {
            await store.SavePnlBaselineAsync(new PnlBaseline(T0, 100_000m, new Dictionary<string, decimal> { ["BTCNOK"] = 1_000_000.5m, ["ETHNOK"] = 30_000m }));
            await store.SavePnlBaselineAsync(new PnlBaseline(T0.AddHours(1), 1m, new Dictionary<string, decimal> { ["BTCNOK"] = 1m }));
        }

        await using var reopened = Open(_dir);
        var baseline = await reopened.LoadPnlBaselineAsync();

        Assert.NotNull(baseline);
        Assert.Equal(T0, baseline.Time);
        Assert.Equal(100_000m, baseline.Equity);
        Assert.Equal(1_000_000.5m, baseline.Prices["btcnok"]);
        Assert.Equal(30_000m, baseline.Prices["ETHNOK"]);
    }
}
