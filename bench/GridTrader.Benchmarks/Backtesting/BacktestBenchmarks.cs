using BenchmarkDotNet.Attributes;
using GridTrader.Configuration;
using GridTrader.Core.MarketData;
using GridTrader.Engine.Backtesting;
using GridTrader.Exchanges.MarketData;

namespace GridTrader.Benchmarks.Backtesting;

/// <summary>
/// The hot paths of a backtest, per candle, on the shipped 1-minute BTC/USDT month: parsing the gzip CSV, and the full
/// engine (default configuration, 20 levels) over candles already in memory. The throughput runner measures the same on
/// the long files; this adds BenchmarkDotNet's statistics and allocations.
/// </summary>
[MemoryDiagnoser]
public class BacktestBenchmarks
{
    private const int CandleCount = 20_000;
    private string _file = "";
    private Candle[] _candles = [];
    private BacktestOptions _options = null!;

    [GlobalSetup]
    public void Setup()
    {
        _file = SampleFile("BTCUSDT-1m-2025-07.csv.gz");
        var config = Path.Combine(Path.GetTempPath(), "gridtrader-bench-default.json");
        File.WriteAllText(config, ConfigLoader.DefaultJson());
        var loaded = ConfigLoader.Load(config, environment: new Dictionary<string, string?>());
        var options = BacktestSetup.For(loaded.Options, BacktestSetup.PickMarket(loaded.Options, null)!);
        var m = options.PriceMultiplier;
        _options = options with { Grid = options.Grid with { Levels = 20 }, CollectFills = false, PriceMultiplier = 1m };
        _candles = [.. new CandleCsvReader(_file).Read().Take(CandleCount)
            .Select(c => new Candle(c.OpenTimeMs, c.Open * m, c.High * m, c.Low * m, c.Close * m, c.Volume))];
    }

    /// <summary>Reading and checking the first rows of the gzip file, per candle.</summary>
    [Benchmark(OperationsPerInvoke = CandleCount)]
    public long ParseCsv()
    {
        long sum = 0;
        foreach (var c in new CandleCsvReader(_file).Read().Take(CandleCount)) sum += c.OpenTimeMs;
        return sum;
    }

    /// <summary>Strategy, risk, trading core and matching engine over candles in memory, per candle.</summary>
    [Benchmark(OperationsPerInvoke = CandleCount)]
    public async Task<int> FullEngine() => (await new Backtester(_options).RunAsync(_candles)).FillCount;

    private static string SampleFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "data", name);
            if (File.Exists(path)) return path;
        }

        throw new FileNotFoundException($"data/{name} not found above {AppContext.BaseDirectory}.");
    }
}
