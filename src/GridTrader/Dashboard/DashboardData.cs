using GridTrader.Configuration;
using GridTrader.Dashboard.Logs;
using GridTrader.Dashboard.Pnl;
using GridTrader.Dashboard.Settings;
using GridTrader.Hosting;
using GridTrader.Storage;

namespace GridTrader.Dashboard;

/// <summary>
/// What the dashboard reads besides the engine snapshot: a read-only connection to the database (the engine's own
/// connection stays free for the trading loop), the equity curve and P&amp;L history, the tail of the log files and the settings editor.
/// </summary>
internal sealed class DashboardData(BotRuntime runtime, EquityHistory equity) : IDisposable
{
    private readonly Lock _lock = new();
    private SqliteStore? _history;

    public BotRuntime Runtime { get; } = runtime;
    /// <summary>The equity curve and P&amp;L series (kept and stored by the bot's <see cref="PnlRecorder"/>).</summary>
    public EquityHistory Equity { get; } = equity;
    public LogFileTail LogFiles { get; } = new(runtime.ModePaths.Logs, capacity: 5000);
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
                    _history = SqliteStore.OpenReadOnly(Runtime.ModePaths.Root);
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
