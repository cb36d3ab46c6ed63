using GridTrader.Configuration;
using GridTrader.Dashboard.Logs;
using GridTrader.Dashboard.Pnl;
using GridTrader.Dashboard.Settings;
using GridTrader.Hosting;
using GridTrader.Storage;

namespace GridTrader.Dashboard;

/// <summary>
/// What the dashboard reads besides the engine snapshot: a read-only connection to the database (the engine's own
/// connection stays free for the trading loop), the equity curve, the tail of the log files and the settings editor.
/// </summary>
internal sealed class DashboardData(BotRuntime runtime) : IDisposable
{
    private readonly Lock _lock = new();
    private SqliteStore? _history;

    public BotRuntime Runtime { get; } = runtime;
    public EquityHistory Equity { get; } = new(capacity: 2000, runtime.Options.Fees().Rate);
    public LogFileTail LogFiles { get; } = new(runtime.Paths.Logs, capacity: 5000);
    public ConfigEditor Config { get; } = new(runtime.Config, json => ConfigLoader.LoadJson(json, "proposed configuration"));

    /// <summary>Markets added, enabled, disabled and removed while the bot runs; saved through the settings editor's apply path.</summary>
    public MarketChanges Markets
    {
        get
        {
            lock (_lock) return _markets ??= new MarketChanges(Runtime);
        }
    }

    private MarketChanges? _markets;

    /// <summary>The read-only store, opened on first use; null while the database cannot be read (it is retried next time).</summary>
    public SqliteStore? History
    {
        get
        {
            lock (_lock)
            {
                if (_history is not null) return _history;
                try
                {
                    _history = SqliteStore.OpenReadOnly(Runtime.Paths.Root);
                }
                catch (StoreException)
                {
                    // Not created or migrated yet: the views fall back to the snapshot.
                }

                return _history;
            }
        }
    }

    /// <summary>The candle interval of a configured market (null for an unknown market).</summary>
    public TimeSpan? IntervalOf(string market) =>
        Runtime.Markets.FirstOrDefault(m => m.Info.Symbol.Equals(market, StringComparison.OrdinalIgnoreCase))?.CandleInterval;

    public void Dispose()
    {
        lock (_lock)
        {
            _history?.Dispose();
            _history = null;
            _markets?.Dispose();
        }
    }
}
