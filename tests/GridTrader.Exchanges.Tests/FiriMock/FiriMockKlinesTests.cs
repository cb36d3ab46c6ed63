using GridTrader.Core.MarketData;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Exchanges.MarketData;
using GridTrader.Exchanges.Reference;
using GridTrader.FiriMock;
using GridTrader.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace GridTrader.Exchanges.Tests.FiriMock;

/// <summary>
/// The mock's Binance-compatible klines (<c>GET /api/v3/klines</c>) read by <see cref="KlinesClient"/>: history from the
/// candle file before the mock's start, in the reference's units (the market's prices ÷ the multiplier), then the live path.
/// </summary>
public sealed class FiriMockKlinesTests
{
    private const string July = "BTCUSDT-1m-2025-07.csv.gz";

    private static Task<MockHarness> StartAsync(int history) => MockHarness.StartAsync(m =>
    {
        m.PriceSource = MockPriceSource.CandleFile;
        m.DataFile = TestRepository.SampleData(July);
        m.HistoryCandles = history;
    });

    private static KlinesClient Client(MockHarness h, HttpClient http) =>
        new(http, h.BaseAddress, TimeProvider.System, NullLogger.Instance, requestsPerSecond: 0);

    [Fact]
    public async Task Klines_HistoryBeforeStart_IsTheFileInReferenceUnitsAndJoinsTheLivePrice()
    {
        await using var h = await StartAsync(history: 600);
        using var http = new HttpClient();
        var file = new CandleCsvReader(TestRepository.SampleData(July)).Read().Take(601).ToList();

        var klines = await Client(h, http).GetCandlesAsync("BTCUSDT", TimeSpan.FromHours(1), DateTimeOffset.UtcNow.AddHours(-12), DateTimeOffset.UtcNow, 100);

        Assert.True(klines.IsSuccess, klines.Error?.ToString());
        // Every history minute is in there, unscaled: the volumes add up to the file's first 600 candles (plus the live ones).
        Assert.True(klines.Value.Sum(k => k.Volume) >= file.Take(600).Sum(c => c.Volume));
        Assert.True(klines.Value.Max(k => k.High) >= file.Take(600).Max(c => c.High));
        // The live path continues where the history ends: the mock's price follows the next file candle × 10, and the open
        // kline closes at that price ÷ 10.
        var market = (await h.Client.GetMarketAsync("BTCNOK")).Value;
        var again = await Client(h, http).GetCandlesAsync("BTCUSDT", TimeSpan.FromHours(1), DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow, 2);
        Assert.InRange(again.Value[^1].Close * 10m, market.Last * 0.999m, market.Last * 1.001m);
        Assert.InRange(file[600].Open * 10m, market.Last * 0.99m, market.Last * 1.01m);
        Assert.True((await h.StateAsync()).RequestsByRoute.GetValueOrDefault("GET /api/v3/klines") >= 1);
    }

    [Fact]
    public async Task Klines_MoreThanOnePage_AreReadNewestFirstAndReturnedInOrderWithoutGaps()
    {
        await using var h = await StartAsync(history: 2_500);
        using var http = new HttpClient();

        var klines = await Client(h, http).GetCandlesAsync("BTCUSDT", TimeSpan.FromMinutes(1), DateTimeOffset.UtcNow.AddMinutes(-2_490),
            DateTimeOffset.UtcNow, 2_000);

        Assert.True(klines.IsSuccess, klines.Error?.ToString());
        Assert.Equal(2_000, klines.Value.Count);
        var steps = klines.Value.Zip(klines.Value.Skip(1), (a, b) => b.OpenTimeMs - a.OpenTimeMs).ToList();
        Assert.All(steps.Take(steps.Count - 2), s => Assert.Equal(60_000, s));
    }

    [Fact]
    public async Task Klines_UnknownSymbol_IsAnInvalidRequestWithBinancesMessage()
    {
        await using var h = await StartAsync(history: 10);
        using var http = new HttpClient();

        var klines = await Client(h, http).GetCandlesAsync("DOGEUSDT", TimeSpan.FromHours(1), DateTimeOffset.UtcNow.AddHours(-5), DateTimeOffset.UtcNow, 10);

        Assert.False(klines.IsSuccess);
        Assert.Equal((ExchangeErrorKind.InvalidRequest, 400), (klines.Error.Kind, klines.Error.HttpStatus));
        Assert.Contains("Invalid symbol", klines.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Klines_NothingListens_IsANetworkErrorValue()
    {
        using var http = new HttpClient();
        var client = new KlinesClient(http, new Uri("http://127.0.0.1:9/"), TimeProvider.System, NullLogger.Instance, requestsPerSecond: 0);

        var klines = await client.GetCandlesAsync("BTCUSDT", TimeSpan.FromHours(1), DateTimeOffset.UtcNow.AddHours(-5), DateTimeOffset.UtcNow, 10);

        Assert.Equal(ExchangeErrorKind.Network, klines.Error?.Kind);
    }

    [Fact]
    public void Parse_Kline_ReadsStringsAndNumbersAndRefusesAnInconsistentOne()
    {
        var candles = KlinesClient.Parse("""[[1700000000000,"100.5","101","99.5","100","2.5",1700003599999,"250",3,"1","100","0"],[1700003600000,100,102,99,101,1]]"""u8.ToArray());

        Assert.Equal([new Candle(1700000000000, 100.5m, 101m, 99.5m, 100m, 2.5m), new Candle(1700003600000, 100m, 102m, 99m, 101m, 1m)], candles);
        Assert.Throws<FormatException>(() => KlinesClient.Parse("""[[1700000000000,"100","99","101","100","1"]]"""u8.ToArray()));
    }
}
