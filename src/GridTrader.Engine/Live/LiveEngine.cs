using System.Threading.Channels;
using GridTrader.Core.Orders;
using GridTrader.Core.Persistence;
using GridTrader.Core.Risk;
using GridTrader.Engine.Trading;
using GridTrader.Exchanges.Abstractions;

namespace GridTrader.Engine.Live;

/// <summary>
/// The long-running bot: restores its state from the store (<see cref="EngineRestorer"/>), reconciles with the
/// exchange, then runs one loop that polls tickers and orders, builds candles, and feeds everything to the same
/// <see cref="TradingCore"/> the backtester uses. Operator commands (kill, pause, resume) are queued and executed on
/// the loop (<see cref="CommandHandler"/>), between exchange calls, so they never race the trading logic; a kill also
/// blocks new placements at once. After every iteration it publishes a <see cref="EngineSnapshot"/>.
/// </summary>
public sealed class LiveEngine
{
    private readonly IExchange _exchange;
    private readonly IEngineStore _store;
    private readonly ICandleStore _candleStore;
    private readonly ICandleFeed _candles;
    private readonly TimeProvider _time;
    private readonly LiveEngineOptions _options;
    private readonly IReadOnlyList<MarketSetup> _setups;
    private readonly IEngineObserver _observer;
    private readonly Channel<EngineCommand> _commands = Channel.CreateUnbounded<EngineCommand>();
    private readonly BalanceBook _balances = new();
    private readonly EngineRestorer _restorer;
    private readonly SnapshotBuilder _snapshots;
    private readonly Dictionary<string, long> _lastCandle = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (DateTimeOffset Ticker, DateTimeOffset Orders)> _due = new(StringComparer.OrdinalIgnoreCase);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TradingCore? _core;
    private CommandHandler? _commandHandler;
    private volatile EngineSnapshot? _snapshot;
    private DateTimeOffset _nextBalance;
    private volatile bool _balancesStale;
    private DateTimeOffset _nextExpiry;

    public LiveEngine(IExchange exchange, IEngineStore store, ICandleStore candleStore, ICandleFeed candles, TimeProvider time,
        LiveEngineOptions options, IReadOnlyList<MarketSetup> markets, RiskSettings risk, IEngineObserver observer, string mode)
    {
        _exchange = exchange ?? throw new ArgumentNullException(nameof(exchange));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _candleStore = candleStore ?? throw new ArgumentNullException(nameof(candleStore));
        _candles = candles ?? throw new ArgumentNullException(nameof(candles));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _setups = markets ?? throw new ArgumentNullException(nameof(markets));
        ArgumentNullException.ThrowIfNull(risk);
        _observer = new ReservingObserver(observer ?? throw new ArgumentNullException(nameof(observer)), _balances, options.Engine.Fees,
            markets.ToDictionary(m => m.Info.Symbol, m => m.Info, StringComparer.OrdinalIgnoreCase), () => _balancesStale = true);
        _restorer = new EngineRestorer(exchange, store, candleStore, _balances, _observer, options, markets, risk, time);
        _snapshots = new SnapshotBuilder(mode, exchange.Name, _balances, time);
    }

    /// <summary>The last published snapshot (null before the first).</summary>
    public EngineSnapshot? Snapshot => _snapshot;

    /// <summary>The trading core, for tests and the reconcile command. Only touch it from the loop.</summary>
    public TradingCore? Core => _core;

    /// <summary>Set when startup reconciliation finished and the loop is running.</summary>
    public Task Started => _started.Task;

    /// <summary>Queues a command; the returned task completes when the loop has executed it.</summary>
    public Task<string> SendAsync(EngineCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command is KillCommand) _core?.Control.RequestHalt(); // no new placement from this instant on
        if (!_commands.Writer.TryWrite(command)) command.Fail(new InvalidOperationException("The engine is not accepting commands."));
        return command.Completion;
    }

    /// <summary>Runs until cancelled (or until a finished replay), then leaves resting orders in place and stops.</summary>
    public async Task RunAsync(CancellationToken ct = default)
    {
        try
        {
            await StartAsync(ct);
            while (!ct.IsCancellationRequested && await StepAsync(ct)) await WaitAsync(ct);
        }
        finally
        {
            await StopAsync(ct.IsCancellationRequested ? "shutdown" : "stopped");
        }
    }

    /// <summary>
    /// Restores the engine from the store and reconciles with the exchange; then the bot is Running (or Halted, or
    /// Paused, as a person left it). <see cref="RunAsync"/> calls it; tests call it to drive the engine step by step.
    /// </summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        try
        {
            _commandHandler = new CommandHandler(await RestoreAndReconcileAsync(ct));
            _started.TrySetResult();
        }
        catch (Exception ex)
        {
            _started.TrySetException(ex);
            throw;
        }
    }

    /// <summary>
    /// One turn of the loop: queued commands, then per market the ticker, closed candles and orders when due, balances,
    /// expiries, equity, and a new snapshot. Returns false when a finished replay has been settled (nothing more to do).
    /// </summary>
    public async Task<bool> StepAsync(CancellationToken ct = default)
    {
        var core = _core ?? throw new InvalidOperationException("StartAsync has not completed.");
        return await StepAsync(core, _commandHandler!, ct);
    }

    /// <summary>Stops taking commands and records the stop; resting orders stay where they are (the next start reconciles).</summary>
    public async Task StopAsync(string reason = "stopped")
    {
        _commands.Writer.TryComplete();
        while (_commands.Reader.TryRead(out var pending)) pending.Complete("engine stopped");
        if (_core is { } core)
        {
            await core.Control.MoveToAsync(BotState.Stopped, reason, CancellationToken.None);
            Publish(core);
        }
    }

    // ------------------------------------------------------------------------------------------ startup

    private async Task<TradingCore> RestoreAndReconcileAsync(CancellationToken ct)
    {
        var restored = await _restorer.RestoreAsync(ct);
        var core = restored.Core;
        _core = core;
        foreach (var (market, openMs) in restored.LastCandleOpenMs) _lastCandle[market] = openMs;
        var now = _time.GetUtcNow();
        foreach (var market in core.Markets) _due[market.Symbol] = (now, now);

        var control = core.Control;
        await control.MoveToAsync(BotState.Starting, "startup: reconciling with the exchange", ct);
        foreach (var orphan in restored.Orphans)
        {
            // A live order the restored grid does not know (its grid state was lost): cancel it rather than trade blind.
            _observer.OnReconciliation(orphan.Market, "orphan", $"Order #{orphan.Id} (level {orphan.Level}) does not fit the restored grid; cancelling it.");
            await core.Orders.CancelAsync(orphan, "orphan after restart", ct);
        }

        foreach (var market in core.Markets)
        {
            await PollTickerAsync(core, market, ct);
            await core.Reconciler.SyncOrdersAsync(market, ct);
        }

        await _store.AppendJournalAsync("reconcile.completed", null,
            $"{core.Tracker.LiveCount} live order(s) after reconciliation; {restored.LiveAtLastStop} were open at the last stop.", _time.GetUtcNow(), ct);

        var risk = core.Risk;
        if (risk.KillSwitchEngaged)
        {
            await control.MoveToAsync(BotState.Halted, $"kill-switch still engaged: {risk.KillReason}", ct);
            // A kill that was requested while the bot was down (or not finished) still cancels what rests.
            if (core.Tracker.LiveCount > 0) await core.Orders.CancelEverythingAsync(CancelReasons.KillSwitch, ct);
        }
        else
        {
            await control.MoveToAsync(risk.GloballyPaused ? BotState.Paused : BotState.Running, "reconciled", ct);
            foreach (var market in core.Markets) await core.EvaluateAsync(market, ct);
        }

        _nextBalance = _time.GetUtcNow() + _options.BalanceInterval;
        _nextExpiry = _time.GetUtcNow() + _options.ExpiryCheckInterval;
        Publish(core);
        return core;
    }

    // ------------------------------------------------------------------------------------------ loop

    private async Task<bool> StepAsync(TradingCore core, CommandHandler commands, CancellationToken ct)
    {
        while (_commands.Reader.TryRead(out var command)) await ExecuteAsync(core, commands, command, ct);

        var now = _time.GetUtcNow();
        foreach (var market in core.Markets)
        {
            var due = _due[market.Symbol];
            if (now >= due.Ticker)
            {
                await PollTickerAsync(core, market, ct);
                due.Ticker = now + _options.TickerInterval;
            }

            var setup = _setups.First(s => s.Info.Symbol == market.Symbol);
            foreach (var candle in await _candles.PollAsync(market.Symbol, setup.CandleInterval, ct))
            {
                if (_lastCandle.TryGetValue(market.Symbol, out var last) && candle.OpenTimeMs <= last) continue;
                _lastCandle[market.Symbol] = candle.OpenTimeMs;
                await _candleStore.SaveCandlesAsync(market.Symbol, setup.CandleInterval, [candle], ct);
                await core.OnCandleAsync(market, candle, ct);
            }

            if (now >= due.Orders)
            {
                await core.Reconciler.SyncOrdersAsync(market, ct);
                if (_balancesStale)
                {
                    // Fills moved money: counter-orders are checked against fresh balances.
                    _balancesStale = false;
                    await _restorer.RefreshBalancesAsync(ct);
                }

                await core.EvaluateAsync(market, ct);
                due.Orders = now + _options.OrderPollInterval;
            }

            _due[market.Symbol] = due;
        }

        if (now >= _nextBalance)
        {
            await _restorer.RefreshBalancesAsync(ct);
            _nextBalance = now + _options.BalanceInterval;
        }

        if (now >= _nextExpiry)
        {
            await core.Orders.ExpireDueAsync(ct);
            _nextExpiry = now + _options.ExpiryCheckInterval;
        }

        await core.OnEquityAsync(core.Portfolio.Equity(), ct);
        Publish(core);
        if (_candles.Completed)
        {
            // A finished replay: settle what the last candles filled, then stop.
            foreach (var market in core.Markets) await core.Reconciler.SyncOrdersAsync(market, ct);
            Publish(core, replayCompleted: true);
            return false;
        }

        return true;
    }

    private async Task WaitAsync(CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(_options.LoopTick, _time, cts.Token);
        var command = _commands.Reader.WaitToReadAsync(cts.Token).AsTask();
        await Task.WhenAny(delay, command);
        await cts.CancelAsync();
        try
        {
            await Task.WhenAll(delay, command);
        }
        catch (OperationCanceledException)
        {
            // One of the two was cancelled on purpose.
        }
    }

    private async Task PollTickerAsync(TradingCore core, MarketSlot market, CancellationToken ct)
    {
        var ticker = await _exchange.GetTickerAsync(market.Symbol, ct);
        if (ticker.IsSuccess)
        {
            var t = ticker.Value;
            if (t.Bid > 0 && t.Ask > 0 && t.Ask >= t.Bid) await core.OnTickerAsync(market, t, ct);
        }
        else
        {
            _observer.OnExchangeError("ticker", market.Symbol, ticker.Error);
        }
    }

    private async Task ExecuteAsync(TradingCore core, CommandHandler commands, EngineCommand command, CancellationToken ct)
    {
        try
        {
            var result = await commands.ApplyAsync(command, ct);
            Publish(core);
            command.Complete(result);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            command.Fail(ex);
        }
    }

    private void Publish(TradingCore core, bool replayCompleted = false) => _snapshot = _snapshots.Build(core, replayCompleted);
}
