using System.Threading.Channels;
using GridTrader.Core.Accounting;
using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;
using GridTrader.Engine.Trading;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Storage;

namespace GridTrader.Engine.Live;

/// <summary>
/// The long-running bot: restores its state from the store, reconciles with the exchange, then runs one loop that
/// polls tickers and orders, builds candles, and feeds everything to the same <see cref="TradingCore"/> the
/// backtester uses. Operator commands (kill, pause, resume) are queued and executed on the loop, between exchange
/// calls, so they never race the trading logic; a kill also blocks new placements at once.
/// </summary>
public sealed class LiveEngine
{
    private readonly IExchange _exchange;
    private readonly SqliteStore _store;
    private readonly ICandleFeed _candles;
    private readonly TimeProvider _time;
    private readonly LiveEngineOptions _options;
    private readonly IReadOnlyList<MarketSetup> _setups;
    private readonly RiskSettings _riskSettings;
    private readonly IEngineObserver _observer;
    private readonly string _mode;
    private readonly Channel<EngineCommand> _commands = Channel.CreateUnbounded<EngineCommand>();
    private readonly BalanceBook _balances = new();
    private readonly Dictionary<string, long> _lastCandle = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (DateTimeOffset Ticker, DateTimeOffset Orders)> _due = new(StringComparer.OrdinalIgnoreCase);
    private TradingCore? _core;
    private volatile EngineSnapshot? _snapshot;
    private DateTimeOffset _nextBalance;
    private volatile bool _balancesStale;
    private DateTimeOffset _nextExpiry;

    public LiveEngine(IExchange exchange, SqliteStore store, ICandleFeed candles, TimeProvider time, LiveEngineOptions options,
        IReadOnlyList<MarketSetup> markets, RiskSettings risk, IEngineObserver observer, string mode)
    {
        _exchange = exchange ?? throw new ArgumentNullException(nameof(exchange));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _candles = candles ?? throw new ArgumentNullException(nameof(candles));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _setups = markets ?? throw new ArgumentNullException(nameof(markets));
        _riskSettings = risk ?? throw new ArgumentNullException(nameof(risk));
        _observer = new ReservingObserver(observer ?? throw new ArgumentNullException(nameof(observer)), _balances, options.Engine.Fees,
            markets.ToDictionary(m => m.Info.Symbol, m => m.Info, StringComparer.OrdinalIgnoreCase), () => _balancesStale = true);
        _mode = mode;
    }

    /// <summary>The last published snapshot (null before the first).</summary>
    public EngineSnapshot? Snapshot => _snapshot;

    /// <summary>The trading core, for tests and the reconcile command. Only touch it from the loop.</summary>
    public TradingCore? Core => _core;

    /// <summary>Set when startup reconciliation finished and the loop is running.</summary>
    public Task Started => _started.Task;

    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Queues a command; the returned task completes when the loop has executed it.</summary>
    public Task<string> SendAsync(EngineCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command is KillCommand) _core?.RequestHalt(); // no new placement from this instant on
        if (!_commands.Writer.TryWrite(command)) command.Fail(new InvalidOperationException("The engine is not accepting commands."));
        return command.Completion;
    }

    /// <summary>Runs until cancelled (or until a finished replay), then leaves resting orders in place and stops.</summary>
    public async Task RunAsync(CancellationToken ct = default)
    {
        try
        {
            var core = await StartAsync(ct);
            _started.TrySetResult();
            await LoopAsync(core, ct);
        }
        catch (Exception ex) when (!_started.Task.IsCompleted)
        {
            _started.TrySetException(ex);
            throw;
        }
        finally
        {
            _commands.Writer.TryComplete();
            while (_commands.Reader.TryRead(out var pending)) pending.Complete("engine stopped");
            if (_core is { } core)
            {
                await core.MoveToAsync(BotState.Stopped, ct.IsCancellationRequested ? "shutdown" : "stopped", CancellationToken.None);
                Publish(core);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ startup

    private async Task<TradingCore> StartAsync(CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        var risk = new RiskManager(_riskSettings, await _store.LoadRiskStateAsync(ct));
        var maxId = await _store.MaxLocalOrderIdAsync(ct);
        var tracker = new OrderTracker(maxId + 1);
        var live = await _store.LoadOrdersAsync(nonFinalOnly: true, ct);
        foreach (var order in live) tracker.Add(order);
        tracker.RememberExchangeIds(await _store.LoadExchangeIdsAsync(ct));

        await RefreshBalancesAsync(ct);
        var prices = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
        foreach (var setup in _setups)
        {
            var t = await _exchange.GetTickerAsync(setup.Info.Symbol, ct);
            if (t.IsSuccess && t.Value.Reference > 0) prices[setup.Info.Symbol] = t.Value.Reference;
        }

        var ledger = await RestoreLedgerAsync(ct);
        var core = new TradingCore(_exchange, _balances, risk, tracker, ledger, _store, _observer, _options.Engine, _time);
        _core = core;
        var orphans = new List<TrackedOrder>();

        foreach (var setup in _setups)
        {
            var info = setup.Info;
            var capital = Math.Max(Equity(prices) * setup.CapitalFraction, info.MinOrderValue + 1m);
            var initialBase = setup.UseExistingBase ? _balances.Available(info.BaseCurrency) : 0m;
            var strategy = new GridStrategy(info, setup.Grid, capital, _options.Engine.Fees, _time, initialBase);
            if (await _store.LoadStrategyStateAsync(info.Symbol, ct) is { } state) strategy.Restore(state);
            foreach (var order in tracker.LiveIn(info.Symbol).ToList())
            {
                if (!strategy.OnOrderCreated(order.Id, order.Side, order.Level, order.Cell))
                    orphans.Add(order);
            }
            var candles = await _store.LoadCandlesAsync(info.Symbol, setup.CandleInterval, null, _options.WarmupCandles, ct);
            foreach (var c in candles)
            {
                strategy.WarmUp(c);
                _lastCandle[info.Symbol] = c.OpenTimeMs;
            }

            core.AddMarket(info, strategy);
            _due[info.Symbol] = (now, now);
        }

        await core.MoveToAsync(BotState.Starting, "startup: reconciling with the exchange", ct);
        foreach (var orphan in orphans)
        {
            // A live order the restored grid does not know (its grid state was lost): cancel it rather than trade blind.
            _observer.OnReconciliation(orphan.Market, "orphan", $"Order #{orphan.Id} (level {orphan.Level}) does not fit the restored grid; cancelling it.");
            await core.CancelAsync(orphan, "orphan after restart", ct);
        }

        foreach (var market in core.Markets)
        {
            await PollTickerAsync(core, market, ct);
            await core.SyncOrdersAsync(market, ct);
        }

        await _store.AppendJournalAsync("reconcile.completed", null,
            $"{tracker.LiveCount} live order(s) after reconciliation; {live.Count} were open at the last stop.", _time.GetUtcNow(), ct);

        if (risk.KillSwitchEngaged)
        {
            await core.MoveToAsync(BotState.Halted, $"kill-switch still engaged: {risk.KillReason}", ct);
            // A kill that was requested while the bot was down (or not finished) still cancels what rests.
            if (tracker.LiveCount > 0) await core.CancelEverythingAsync(CancelReasons.KillSwitch, ct);
        }
        else
        {
            await core.MoveToAsync(risk.GloballyPaused ? BotState.Paused : BotState.Running, "reconciled", ct);
            foreach (var market in core.Markets) await core.EvaluateAsync(market, ct);
        }

        _nextBalance = _time.GetUtcNow() + _options.BalanceInterval;
        _nextExpiry = _time.GetUtcNow() + _options.ExpiryCheckInterval;
        Publish(core);
        return core;
    }

    /// <summary>Equity at startup: quote balances plus every traded base at its current price.</summary>
    private decimal Equity(IReadOnlyDictionary<string, decimal> prices)
    {
        var equity = 0m;
        foreach (var quote in _setups.Select(s => s.Info.QuoteCurrency).Distinct(StringComparer.OrdinalIgnoreCase))
            equity += _balances.Total(quote);
        foreach (var setup in _setups)
            equity += _balances.Total(setup.Info.BaseCurrency) * prices.GetValueOrDefault(setup.Info.Symbol);
        return equity;
    }

    private async Task<Ledger> RestoreLedgerAsync(CancellationToken ct)
    {
        // The ledger starts from the balances recorded at the first start and replays every stored fill.
        var recorded = await _store.GetMetaAsync(MetaKeys.InitialBalances, ct);
        Dictionary<string, decimal> initial;
        if (recorded is null)
        {
            initial = _balances.Polled.ToDictionary(kv => kv.Key, kv => kv.Value.Total, StringComparer.OrdinalIgnoreCase);
            await _store.SetMetaAsync(MetaKeys.InitialBalances, BalanceText.Format(initial), ct);
        }
        else
        {
            initial = BalanceText.Parse(recorded);
        }

        var ledger = new Ledger(initial);
        foreach (var setup in _setups) ledger.RegisterMarket(setup.Info.Symbol, setup.Info.BaseCurrency, setup.Info.QuoteCurrency, 0m);
        foreach (var fill in await _store.LoadFillsAsync(null, null, null, ct)) ledger.Apply(fill);
        return ledger;
    }

    // ------------------------------------------------------------------------------------------ loop

    private async Task LoopAsync(TradingCore core, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            while (_commands.Reader.TryRead(out var command)) await ExecuteAsync(core, command, ct);

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
                    await _store.SaveCandlesAsync(market.Symbol, setup.CandleInterval, [candle], ct);
                    await core.OnCandleAsync(market, candle, ct);
                }

                if (now >= due.Orders)
                {
                    await core.SyncOrdersAsync(market, ct);
                    if (_balancesStale)
                    {
                        // Fills moved money: counter-orders are checked against fresh balances.
                        _balancesStale = false;
                        await RefreshBalancesAsync(ct);
                    }

                    await core.EvaluateAsync(market, ct);
                    due.Orders = now + _options.OrderPollInterval;
                }

                _due[market.Symbol] = due;
            }

            if (now >= _nextBalance)
            {
                await RefreshBalancesAsync(ct);
                _nextBalance = now + _options.BalanceInterval;
            }

            if (now >= _nextExpiry)
            {
                await core.ExpireDueAsync(ct);
                _nextExpiry = now + _options.ExpiryCheckInterval;
            }

            await core.OnEquityAsync(core.Equity(), ct);
            Publish(core);
            if (_candles.Completed)
            {
                // A finished replay: settle what the last candles filled, then stop.
                foreach (var market in core.Markets) await core.SyncOrdersAsync(market, ct);
                Publish(core, replayCompleted: true);
                return;
            }

            await WaitAsync(ct);
        }
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

    private async Task RefreshBalancesAsync(CancellationToken ct)
    {
        var result = await _exchange.GetBalancesAsync(ct);
        if (result.IsSuccess) _balances.Update(result.Value, _time.GetUtcNow());
        else _observer.OnExchangeError("balances", "*", result.Error);
    }

    private async Task ExecuteAsync(TradingCore core, EngineCommand command, CancellationToken ct)
    {
        try
        {
            var result = await ApplyAsync(core, command, ct);
            Publish(core);
            command.Complete(result);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            command.Fail(ex);
        }
    }

    private static async Task<string> ApplyAsync(TradingCore core, EngineCommand command, CancellationToken ct)
    {
        switch (command)
        {
            case KillCommand kill:
                await core.EngageKillSwitchAsync(kill.Reason, ct);
                core.ClearHaltRequest();
                return $"kill-switch engaged; {core.Tracker.LiveCount} order(s) still live";
            case ResumeCommand resume:
                await core.ResumeAsync(resume.Reason, ct);
                if (core.Risk.State == BotState.Halted)
                {
                    await core.MoveToAsync(BotState.Starting, "resume: reconciling", ct);
                    foreach (var market in core.Markets) await core.SyncOrdersAsync(market, ct);
                    await core.MoveToAsync(BotState.Running, resume.Reason, ct);
                }
                else if (core.Risk.State == BotState.Paused)
                {
                    await core.MoveToAsync(BotState.Running, resume.Reason, ct);
                }

                foreach (var market in core.Markets) await core.EvaluateAsync(market, ct);
                return $"resumed; state {core.Risk.State}";
            case PauseCommand pause:
                await core.PauseAsync(pause.Market, pause.Reason, ct);
                if (pause.Market is null) await core.MoveToAsync(BotState.Paused, pause.Reason, ct);
                return pause.Market is null ? "all markets paused" : $"{pause.Market} paused";
            case ResumeMarketCommand resumeMarket:
                await core.ResumeMarketAsync(resumeMarket.Market, resumeMarket.Reason, ct);
                if (core.Market(resumeMarket.Market) is { } m) await core.EvaluateAsync(m, ct);
                return $"{resumeMarket.Market} resumed";
            case RecenterCommand recenter when core.Market(recenter.Market) is { } slot:
                await core.RecenterAsync(slot, recenter.Reason, ct);
                return $"{recenter.Market} recentring";
            default:
                return "unknown command or market";
        }
    }

    // ------------------------------------------------------------------------------------------ snapshot

    private void Publish(TradingCore core, bool replayCompleted = false)
    {
        var risk = core.Risk;
        var markets = new List<MarketSnapshot>();
        var totalExposure = 0m;
        var equity = core.Equity();
        foreach (var m in core.Markets)
        {
            var s = m.Strategy;
            var exposure = core.Exposure(m);
            totalExposure += exposure;
            markets.Add(new MarketSnapshot
            {
                Symbol = m.Symbol,
                LastPrice = m.LastPrice,
                Bid = m.LastTicker?.Bid ?? 0,
                Ask = m.LastTicker?.Ask ?? 0,
                Phase = s.Phase,
                Epoch = s.Epoch,
                Trend = s.Trend,
                Atr = double.IsNaN(s.Atr) ? 0 : s.Atr,
                AtrMean = double.IsNaN(s.AtrMean) ? 0 : s.AtrMean,
                VolatilitySpike = s.VolatilitySpike,
                CircuitBreakerOpen = risk.IsBreakerOpen(m.Symbol),
                Paused = risk.IsMarketPaused(m.Symbol),
                WarmupRemaining = s.WarmupRemaining,
                GridLines = s.Plan?.Lines ?? [],
                SpacingPct = s.Plan?.SpacingPct ?? 0,
                OpenOrders = core.Tracker.LiveIn(m.Symbol).Count(),
                Position = core.Account.Total(m.Info.BaseCurrency),
                Exposure = exposure,
                CapitalCap = equity * risk.Settings.MaxCapitalPerMarket,
                RealizedPnl = core.Ledger.RealizedPnlOf(m.Symbol),
                Fees = core.Ledger.FeesInQuoteOf(m.Symbol),
                UnrealizedPnl = core.Ledger.UnrealizedPnl(m.Symbol, m.LastPrice),
                RoundTrips = core.Ledger.RoundTripCountOf(m.Symbol),
                LastPlanError = s.LastPlanError,
            });
        }

        _snapshot = new EngineSnapshot
        {
            Time = _time.GetUtcNow(),
            Mode = _mode,
            Exchange = _exchange.Name,
            State = risk.State,
            KillSwitchEngaged = risk.KillSwitchEngaged,
            KillReason = risk.KillReason,
            GloballyPaused = risk.GloballyPaused,
            Equity = equity,
            PeakEquity = risk.PeakEquity,
            DrawdownPct = risk.DrawdownPct,
            DrawdownTripped = risk.DrawdownTripped,
            TotalExposure = totalExposure,
            RealizedPnl = core.Ledger.RealizedPnl,
            Fees = core.Ledger.FeesInQuote,
            Markets = markets,
            OpenOrders = core.Tracker.Live.OrderBy(o => o.Market).ThenByDescending(o => o.Price).Select(ToView).ToList(),
            Balances = _balances.Polled.ToDictionary(kv => kv.Key, kv => kv.Value.Total, StringComparer.OrdinalIgnoreCase),
            Limits = risk.Settings,
            RecentRoundTrips = Latest(core.Ledger.RoundTrips, EngineSnapshot.RecentRoundTripCount),
            ReplayCompleted = replayCompleted,
        };
    }

    private static RoundTrip[] Latest(IReadOnlyList<RoundTrip> all, int count)
    {
        var start = Math.Max(0, all.Count - count);
        var latest = new RoundTrip[all.Count - start];
        for (var i = 0; i < latest.Length; i++) latest[i] = all[start + i];
        return latest;
    }

    public static OrderView ToView(TrackedOrder o) => new(o.Id, o.ExchangeId, o.Market, o.Side == Side.Buy ? "buy" : "sell", o.Price, o.Amount,
        o.Filled, o.State.ToString(), o.Level, o.Epoch, o.CreatedAt, o.UpdatedAt, o.ExpiresAt, o.RejectReason ?? o.CancelReason);

    /// <summary>Reserves balances for orders as they are sent, and forwards everything.</summary>
    private sealed class ReservingObserver(IEngineObserver inner, BalanceBook balances, FeeModel fees,
        IReadOnlyDictionary<string, MarketInfo> markets, Action onFill) : IEngineObserver
    {
        public void OnOrderEvent(TrackedOrder order, Core.Orders.OrderEvent e)
        {
            if (e is OrderStateChanged { To: OrderState.Submitting } && markets.TryGetValue(order.Market, out var market))
            {
                if (order.Side == Side.Buy) balances.Reserve(market.QuoteCurrency, order.Price * order.Amount * (1 + fees.Rate));
                else balances.Reserve(market.BaseCurrency, order.Amount);
            }

            inner.OnOrderEvent(order, e);
        }

        public void OnFill(Fill fill, decimal realizedPnl)
        {
            onFill();
            inner.OnFill(fill, realizedPnl);
        }

        public void OnPlacementRejected(PlaceOrderAction action, RiskDecision decision) => inner.OnPlacementRejected(action, decision);

        public void OnExchangeError(string operation, string market, ExchangeError failure) => inner.OnExchangeError(operation, market, failure);

        public void OnRiskEvent(RiskEvent e) => inner.OnRiskEvent(e);

        public void OnNotice(StrategyNotice notice) => inner.OnNotice(notice);

        public void OnBotState(BotStateTransition transition) => inner.OnBotState(transition);

        public void OnReconciliation(string market, string kind, string message) => inner.OnReconciliation(market, kind, message);
    }
}
