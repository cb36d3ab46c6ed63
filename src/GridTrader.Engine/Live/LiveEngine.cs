// Over 400 lines: one loop and its start phase (start retries, auth halts, polling due times) share the engine's state;
// restore, commands, snapshots and trading are already their own classes (EngineRestorer, CommandHandler, SnapshotBuilder, TradingCore).
using System.Globalization;
using System.Threading.Channels;
using GridTrader.Core.Orders;
using GridTrader.Core.Persistence;
using GridTrader.Core.Risk;
using GridTrader.Engine.Trading;
using GridTrader.Exchanges.Abstractions;

namespace GridTrader.Engine.Live;

/// <summary>
/// The long-running bot. It reads the account and restores its state from the store (<see cref="EngineRestorer"/>),
/// reconciles with the exchange, then runs one loop that polls tickers and orders, builds candles, and feeds everything
/// to the same <see cref="TradingCore"/> the backtester uses. Operator commands (kill, pause, resume) are queued and
/// executed on the loop (<see cref="CommandHandler"/>), between exchange calls, so they never race the trading logic; a
/// kill also blocks new placements at once. After every turn it publishes a <see cref="EngineSnapshot"/>.
/// </summary>
/// <remarks>
/// Failures are loud and bounded. An exchange that does not answer at start (5xx, timeouts, 429) keeps the bot in
/// Starting, retrying with a growing wait, until it can trade without a person. Refused credentials or rights (401,
/// 403, a key without trading rights) halt the bot with a reason that names the cause, once, and no private endpoint
/// is called again until a person resumes.
/// </remarks>
public sealed class LiveEngine
{
    /// <summary>First wait after a failed start; it doubles per attempt up to <see cref="StartRetryMax"/>.</summary>
    public static readonly TimeSpan StartRetryBase = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan StartRetryMax = TimeSpan.FromMinutes(1);

    private readonly IExchange _exchange;
    private readonly IEngineStore _store;
    private readonly ICandleStore _candleStore;
    private readonly ICandleFeed _candles;
    private readonly TimeProvider _time;
    private readonly LiveEngineOptions _options;
    private readonly List<MarketSetup> _setups;
    private readonly ReservingObserver _reserving;
    private readonly IEngineObserver _observer;
    private readonly Channel<EngineCommand> _commands = Channel.CreateUnbounded<EngineCommand>();
    private readonly BalanceBook _balances = new();
    private readonly EngineRestorer _restorer;
    private readonly SnapshotBuilder _snapshots;
    private readonly Dictionary<string, long> _lastCandle = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (DateTimeOffset Ticker, DateTimeOffset Orders, DateTimeOffset Trades)> _due = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, CandleHistoryReport> _history = new(StringComparer.OrdinalIgnoreCase);
    private BotStateRecorder? _states;
    private TradingCore? _core;
    private CommandHandler? _commandHandler;
    private volatile EngineSnapshot? _snapshot;
    private DateTimeOffset _nextBalance;
    private volatile bool _balancesStale;
    private DateTimeOffset _nextExpiry;
    private DateTimeOffset _nextStartAttempt;
    private int _startAttempts;
    private string? _startStatus;
    private volatile ExchangeError? _authFailure;
    private bool _privateCallsBlocked;

    public LiveEngine(IExchange exchange, IEngineStore store, ICandleStore candleStore, ICandleFeed candles, TimeProvider time,
        LiveEngineOptions options, IReadOnlyList<MarketSetup> markets, RiskSettings risk, IEngineObserver observer, string mode)
    {
        _exchange = exchange ?? throw new ArgumentNullException(nameof(exchange));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _candleStore = candleStore ?? throw new ArgumentNullException(nameof(candleStore));
        _candles = candles ?? throw new ArgumentNullException(nameof(candles));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _setups = [.. markets ?? throw new ArgumentNullException(nameof(markets))];
        ArgumentNullException.ThrowIfNull(risk);
        ArgumentNullException.ThrowIfNull(observer);
        _reserving = new ReservingObserver(new AuthFailureWatch(observer, e => _authFailure ??= e), _balances, options.Engine.Fees,
            markets.ToDictionary(m => m.Info.Symbol, m => m.Info, StringComparer.OrdinalIgnoreCase), () => _balancesStale = true);
        _observer = _reserving;
        _restorer = new EngineRestorer(exchange, store, candleStore, _balances, _observer, options, markets, risk, time);
        _snapshots = new SnapshotBuilder(mode, exchange.Name, _balances, time);
    }

    /// <summary>The last published snapshot (null before the first).</summary>
    public EngineSnapshot? Snapshot => _snapshot;

    /// <summary>The trading core once the account was read and the state restored (null while starting). Only touch it from the loop.</summary>
    public TradingCore? Core => _core;

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
    /// Loads the persisted risk state, moves to Starting and makes the first attempt to read the account, restore and
    /// reconcile. When the exchange cannot be read yet the bot stays Starting and <see cref="StepAsync"/> retries.
    /// <see cref="RunAsync"/> calls it; tests call it to drive the engine turn by turn.
    /// </summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        var risk = await _restorer.LoadRiskAsync(ct);
        _states = new BotStateRecorder(risk, _store, _observer, _time);
        await _states.MoveToAsync(BotState.Starting, "startup: reading the account", ct);
        await TryStartAsync(ct);
    }

    /// <summary>
    /// One turn of the loop: queued commands, then per market the ticker, closed candles and orders when due, balances,
    /// expiries, equity, and a new snapshot. While the bot is still starting, a turn retries the start when it is due.
    /// Returns false when a finished replay has been settled (nothing more to do).
    /// </summary>
    public async Task<bool> StepAsync(CancellationToken ct = default)
    {
        if (_states is null) throw new InvalidOperationException("StartAsync has not run.");
        if (_core is null)
        {
            await StartingTurnAsync(ct);
            return true;
        }

        return await TurnAsync(_core, _commandHandler!, ct);
    }

    /// <summary>Stops taking commands and records the stop; resting orders stay where they are (the next start reconciles).</summary>
    public async Task StopAsync(string reason = "stopped")
    {
        _commands.Writer.TryComplete();
        while (_commands.Reader.TryRead(out var pending)) pending.Complete("engine stopped");
        if (_states is null) return;
        if (_core is { } core) await core.Control.MoveToAsync(BotState.Stopped, reason, CancellationToken.None);
        else await _states.MoveToAsync(BotState.Stopped, reason, CancellationToken.None);
        Publish();
    }

    // ------------------------------------------------------------------------------------------ startup

    private async Task StartingTurnAsync(CancellationToken ct)
    {
        while (_commands.Reader.TryRead(out var command))
        {
            try
            {
                command.Complete(await ApplyWhileStartingAsync(command, ct));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                command.Fail(ex);
            }
        }

        if (_states!.State is BotState.Starting or BotState.Paused && _time.GetUtcNow() >= _nextStartAttempt) await TryStartAsync(ct);
        Publish();
    }

    /// <summary>Reads the account; when it answers, restores and reconciles; otherwise waits (transient) or halts (credentials).</summary>
    private async Task TryStartAsync(CancellationToken ct)
    {
        var states = _states!;
        var (prices, failure) = await _restorer.ReadAccountAsync(ct);
        if (failure is null)
        {
            _startStatus = null;
            _authFailure = null;
            var core = await RestoreAndReconcileAsync(states, prices!, ct);
            _commandHandler = new CommandHandler(core, new MarketCommands(core, _store, _restorer, _exchange, _observer, _time,
                new MarketHooks(_options.PrepareMarket ?? (_ => null), OnMarketAdded, OnMarketRemoved)));
            return;
        }

        _observer.OnExchangeError("startup", "*", failure);
        if (failure.IsAuthFailure)
        {
            _startStatus = null;
            await states.MoveToAsync(BotState.Halted, HaltReasonFor(failure), ct);
        }
        else
        {
            _startAttempts++;
            var wait = TimeSpan.FromTicks(Math.Min(StartRetryMax.Ticks, StartRetryBase.Ticks << Math.Min(_startAttempts - 1, 20)));
            if (failure.RetryAfter is { } hint && hint > wait) wait = hint;
            _nextStartAttempt = _time.GetUtcNow() + wait;
            _startStatus = string.Create(CultureInfo.InvariantCulture,
                $"waiting for the exchange: {failure} (attempt {_startAttempts}; next in {wait.TotalSeconds:0} s)");
        }

        _authFailure = null;
        Publish();
    }

    /// <summary>Commands that arrive before the account could be read: risk switches are recorded; trading ones wait.</summary>
    private async Task<string> ApplyWhileStartingAsync(EngineCommand command, CancellationToken ct)
    {
        var states = _states!;
        switch (command)
        {
            case KillCommand kill:
                // Nothing is placed while starting; whatever rests is cancelled as soon as the account can be read.
                await states.ChangeAsync((risk, now) => risk.EngageKillSwitch(kill.Reason, now), ct);
                return "kill-switch engaged; resting orders are cancelled once the exchange answers";
            case ResumeCommand resume:
                await states.ChangeAsync((risk, now) => risk.Resume(resume.Reason, now), ct);
                if (states.State == BotState.Halted) await states.MoveToAsync(BotState.Starting, $"resume: {resume.Reason}", ct);
                _nextStartAttempt = DateTimeOffset.MinValue;
                _startAttempts = 0;
                return $"resumed; state {states.State}, connecting to the exchange";
            case PauseCommand pause:
                await states.ChangeAsync((risk, now) => pause.Market is null ? risk.PauseAll(pause.Reason, now) : risk.PauseMarket(pause.Market, pause.Reason, now), ct);
                return pause.Market is null ? "all markets paused" : $"{pause.Market} paused";
            case ResumeMarketCommand resumeMarket:
                await states.ChangeAsync((risk, now) => risk.ResumeMarket(resumeMarket.Market, resumeMarket.Reason, now), ct);
                return $"{resumeMarket.Market} resumed";
            default:
                return $"the bot is starting ({_startStatus ?? states.Reason}); try again once it runs";
        }
    }

    private static string HaltReasonFor(ExchangeError failure) =>
        $"the exchange refused the credentials ({failure}): check FIRI_CLIENT_ID, FIRI_SECRET_KEY and the key's rights (it needs read and trade), then resume";

    private async Task<TradingCore> RestoreAndReconcileAsync(BotStateRecorder states, IReadOnlyDictionary<string, decimal> prices, CancellationToken ct)
    {
        var restored = await _restorer.RestoreAsync(states.Risk, states, prices, ct);
        var core = restored.Core;
        _core = core;
        foreach (var (market, openMs) in restored.LastCandleOpenMs) _lastCandle[market] = openMs;
        foreach (var (market, report) in restored.History) _history[market] = report;
        var now = _time.GetUtcNow();
        foreach (var market in core.Markets) _due[market.Symbol] = (now, now, now);

        var control = core.Control;
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
        await HaltOnAuthFailureAsync(core, ct);
        Publish();
        return core;
    }

    // ------------------------------------------------------------------------------------------ loop

    private async Task<bool> TurnAsync(TradingCore core, CommandHandler commands, CancellationToken ct)
    {
        while (_commands.Reader.TryRead(out var command)) await ExecuteAsync(core, commands, command, ct);

        var now = _time.GetUtcNow();
        foreach (var market in core.Markets)
        {
            if (_balancesStale && !_privateCallsBlocked)
            {
                // A fill, cancel or expiry moved money: the grid's next orders are checked against fresh balances.
                _balancesStale = false;
                await _restorer.RefreshBalancesAsync(ct);
            }

            var due = _due[market.Symbol];
            if (now >= due.Ticker)
            {
                await PollTickerAsync(core, market, ct);
                due.Ticker = now + _options.TickerInterval;
            }

            if (now >= due.Trades)
            {
                await PollCandlesAsync(core, market, ct);
                due.Trades = now + _options.TradePollInterval;
            }

            if (now >= due.Orders && !_privateCallsBlocked)
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

        if (now >= _nextBalance && !_privateCallsBlocked)
        {
            await _restorer.RefreshBalancesAsync(ct);
            _nextBalance = now + _options.BalanceInterval;
        }

        if (now >= _nextExpiry && !_privateCallsBlocked)
        {
            await core.Orders.ExpireDueAsync(ct);
            _nextExpiry = now + _options.ExpiryCheckInterval;
        }

        await HaltOnAuthFailureAsync(core, ct);
        await core.OnEquityAsync(core.Portfolio.Equity(), ct);
        Publish();
        if (_candles.Completed)
        {
            // A finished replay: settle what the last candles filled, then stop.
            foreach (var market in core.Markets) await core.Reconciler.SyncOrdersAsync(market, ct);
            Publish(replayCompleted: true);
            return false;
        }

        return true;
    }

    /// <summary>A market added or enabled at runtime: polled from this turn on, its candles fed, its orders' balances reserved.</summary>
    private void OnMarketAdded(MarketSetup setup, long? lastCandleOpenMs, CandleHistoryReport history)
    {
        var symbol = setup.Info.Symbol;
        _setups.RemoveAll(s => string.Equals(s.Info.Symbol, symbol, StringComparison.OrdinalIgnoreCase));
        _setups.Add(setup);
        var now = _time.GetUtcNow();
        _due[symbol] = (now, now, now);
        if (lastCandleOpenMs is { } last) _lastCandle[symbol] = last;
        _history[symbol] = history;
        _reserving.AddMarket(setup.Info);
    }

    private void OnMarketRemoved(string symbol)
    {
        _setups.RemoveAll(s => string.Equals(s.Info.Symbol, symbol, StringComparison.OrdinalIgnoreCase));
        _due.Remove(symbol);
        _history.Remove(symbol);
    }

    private async Task PollCandlesAsync(TradingCore core, MarketSlot market, CancellationToken ct)
    {
        var setup = _setups.First(s => s.Info.Symbol == market.Symbol);
        foreach (var candle in await _candles.PollAsync(market.Symbol, setup.CandleInterval, ct))
        {
            if (_lastCandle.TryGetValue(market.Symbol, out var last) && candle.OpenTimeMs <= last) continue;
            _lastCandle[market.Symbol] = candle.OpenTimeMs;
            await _candleStore.SaveCandlesAsync(market.Symbol, setup.CandleInterval, [candle], _candles.Source, ct);
            if (_history.TryGetValue(market.Symbol, out var report)) _history[market.Symbol] = report.WithLiveCandle(_candles.Source);
            await core.OnCandleAsync(market, candle, ct);
        }
    }

    /// <summary>A refused key halts the bot once, with the cause, and stops private calls until a person resumes.</summary>
    private async Task HaltOnAuthFailureAsync(TradingCore core, CancellationToken ct)
    {
        if (_authFailure is not { } failure) return;
        _authFailure = null;
        if (_privateCallsBlocked) return;
        _privateCallsBlocked = true;
        await core.Control.MoveToAsync(BotState.Halted, HaltReasonFor(failure), ct);
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
            // A person resuming after refused credentials lets the bot try its private calls again.
            if (command is ResumeCommand) _privateCallsBlocked = false;
            var result = await commands.ApplyAsync(command, ct);
            await HaltOnAuthFailureAsync(core, ct);
            Publish();
            command.Complete(result);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            command.Fail(ex);
        }
    }

    private void Publish(bool replayCompleted = false) =>
        _snapshot = _core is { } core
            ? _snapshots.Build(core, replayCompleted, _history)
            : _snapshots.BuildStarting(_states!, _startStatus);

    /// <summary>Notes the first refused-credentials error of a turn; everything else passes through unchanged.</summary>
    private sealed class AuthFailureWatch(IEngineObserver inner, Action<ExchangeError> onAuthFailure) : IEngineObserver
    {
        public void OnOrderEvent(TrackedOrder order, OrderEvent e) => inner.OnOrderEvent(order, e);

        public void OnFill(Core.Accounting.Fill fill, decimal realizedPnl) => inner.OnFill(fill, realizedPnl);

        public void OnPlacementRejected(Core.Strategy.PlaceOrderAction action, RiskDecision decision) => inner.OnPlacementRejected(action, decision);

        public void OnExchangeError(string operation, string market, ExchangeError failure)
        {
            if (failure.IsAuthFailure) onAuthFailure(failure);
            inner.OnExchangeError(operation, market, failure);
        }

        public void OnRiskEvent(RiskEvent e) => inner.OnRiskEvent(e);

        public void OnNotice(Core.Strategy.StrategyNotice notice) => inner.OnNotice(notice);

        public void OnBotState(BotStateTransition transition) => inner.OnBotState(transition);

        public void OnReconciliation(string market, string kind, string message) => inner.OnReconciliation(market, kind, message);

        public void OnMarketChanged(string market, string change, string message) => inner.OnMarketChanged(market, change, message);
    }
}
