using BenchmarkDotNet.Attributes;
using GridTrader.Core.Markets;
using GridTrader.Exchanges.Paper;
using GridTrader.Exchanges.Simulation;
using GridTrader.Storage;

namespace GridTrader.Benchmarks.Paper;

/// <summary>
/// What a paper bot pays per account change: the account is exported, written as JSON and saved to SQLite (WAL,
/// synchronous FULL) in one transaction after every order placed or cancelled and every fill. The account is a full
/// one: the paper run's history capacity (1,000 closed orders, 1,000 executions) and 20 resting orders.
/// </summary>
[MemoryDiagnoser]
public class PaperAccountBenchmarks
{
    private const int History = 1000;
    private static readonly MarketInfo BtcNok = new("BTCNOK", "BTC", "NOK");
    private MatchingEngine _engine = null!;
    private SqliteStore _store = null!;
    private string _directory = "";
    private string _json = "";

    [GlobalSetup]
    public void Setup()
    {
        _engine = new MatchingEngine(new MatchingEngineOptions { ClosedOrderCapacity = History, AccountTradeCapacity = History, CollectFills = false });
        _engine.AddMarket(BtcNok);
        _engine.Deposit("NOK", 100_000_000m);
        _engine.Deposit("BTC", 100m);
        var now = DateTimeOffset.UnixEpoch;
        _engine.MoveTo("BTCNOK", 1_000_000m, now);
        // Round trips until the history is full: each buy fills on a dip, each sell on the way back.
        for (var i = 0; i < History; i++)
        {
            now = now.AddMinutes(1);
            _engine.PlaceOrder("BTCNOK", Side.Buy, 990_000m, 0.001m, now);
            _engine.MoveTo("BTCNOK", 989_000m, now);
            _engine.PlaceOrder("BTCNOK", Side.Sell, 1_010_000m, 0.001m, now);
            _engine.MoveTo("BTCNOK", 1_011_000m, now);
        }

        _engine.MoveTo("BTCNOK", 1_000_000m, now);
        for (var i = 1; i <= 10; i++)
        {
            _engine.PlaceOrder("BTCNOK", Side.Buy, 1_000_000m - i * 15_000m, 0.001m, now);
            _engine.PlaceOrder("BTCNOK", Side.Sell, 1_000_000m + i * 15_000m, 0.001m, now);
        }

        _json = PaperAccountJson.Serialize(_engine.ExportAccount());
        _directory = Directory.CreateTempSubdirectory("gridtrader-paper-bench-").FullName;
        _store = SqliteStore.Open(_directory);
        Console.WriteLine($"// paper account JSON: {_json.Length} characters");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public string ExportAndSerialize() => PaperAccountJson.Serialize(_engine.ExportAccount());

    [Benchmark]
    public async Task Save() => await _store.SavePaperAccountAsync(_json);

    [Benchmark]
    public MatchingAccountState Deserialize() => PaperAccountJson.Deserialize(_json);
}
