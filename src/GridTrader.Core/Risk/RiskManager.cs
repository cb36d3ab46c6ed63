using System.Globalization;
using GridTrader.Core.Markets;

namespace GridTrader.Core.Risk;

/// <summary>
/// The pre-trade pipeline and the risk state. Checks run in a fixed order and the first failure wins:
/// bot state → circuit breaker → spread → slippage → order size → per-market cap → total exposure →
/// balance → drawdown. Cancels are never blocked.
/// </summary>
public sealed class RiskManager
{
    private readonly HashSet<string> _pausedMarkets = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, DateTimeOffset> _openBreakers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, RiskDecision> _breakerRefusals = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _calmCandles = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, double> _tripJumps = new(StringComparer.OrdinalIgnoreCase);
    private readonly double _tripJump;
    private readonly decimal _buySlippageFactor;
    private readonly decimal _sellSlippageFactor;
    private decimal _drawdownFloor;

    public RiskManager(RiskSettings settings, RiskState? restored = null)
    {
        Settings = settings ?? throw new ArgumentNullException(nameof(settings));
        if (restored is not null)
        {
            KillSwitchEngaged = restored.KillSwitchEngaged;
            KillReason = restored.KillReason;
            KilledAt = restored.KilledAt;
            GloballyPaused = restored.GloballyPaused;
            PeakEquity = restored.PeakEquity;
            _drawdownFloor = settings.MaxDrawdownPct > 0 ? PeakEquity * (1 - settings.MaxDrawdownPct / 100m) : 0m;
            DrawdownTripped = restored.DrawdownTripped;
            foreach (var m in restored.PausedMarkets) _pausedMarkets.Add(m);
            foreach (var (m, t) in restored.OpenBreakers) _openBreakers[m] = t;
        }

        StateMachine = new BotStateMachine();
        // A market whose candle interval is not given trips at the configured jump, or at the hourly default.
        _tripJump = (double)(settings.CircuitBreakerAtrJump ?? RiskSettings.DefaultAtrJumpFor(TimeSpan.FromHours(1)));
        _buySlippageFactor = 1 + settings.MaxSlippagePct / 100m;
        _sellSlippageFactor = 1 - settings.MaxSlippagePct / 100m;
    }

    public RiskSettings Settings { get; }
    public BotStateMachine StateMachine { get; }
    public BotState State => StateMachine.State;
    public bool KillSwitchEngaged { get; private set; }
    public string? KillReason { get; private set; }
    public DateTimeOffset? KilledAt { get; private set; }
    public bool GloballyPaused { get; private set; }
    public decimal PeakEquity { get; private set; }
    public bool DrawdownTripped { get; private set; }
    public decimal LastEquity { get; private set; }
    public IReadOnlyCollection<string> PausedMarkets => _pausedMarkets;
    public IReadOnlyDictionary<string, DateTimeOffset> OpenBreakers => _openBreakers;

    /// <summary>Drawdown from the peak in percent (0 when at or above the peak).</summary>
    public decimal DrawdownPct => PeakEquity > 0 && LastEquity < PeakEquity ? (PeakEquity - LastEquity) / PeakEquity * 100m : 0m;

    public bool IsMarketPaused(string market) => _pausedMarkets.Contains(market);

    public bool IsBreakerOpen(string market) => _openBreakers.ContainsKey(market);

    /// <summary>A snapshot for persistence.</summary>
    public RiskState Snapshot() => new()
    {
        KillSwitchEngaged = KillSwitchEngaged,
        KillReason = KillReason,
        KilledAt = KilledAt,
        GloballyPaused = GloballyPaused,
        PeakEquity = PeakEquity,
        DrawdownTripped = DrawdownTripped,
        PausedMarkets = new HashSet<string>(_pausedMarkets, StringComparer.OrdinalIgnoreCase),
        OpenBreakers = new Dictionary<string, DateTimeOffset>(_openBreakers, StringComparer.OrdinalIgnoreCase),
    };

    /// <summary>Runs the pipeline for a new order.</summary>
    /// <remarks>
    /// An exit (<paramref name="exit"/>: a stopped grid selling what it holds) only reduces the position: the circuit
    /// breaker and the spread limit, which guard new exposure, do not hold it back; slippage, size and balance still apply.
    /// </remarks>
    public RiskDecision Evaluate(MarketInfo market, Side side, decimal price, decimal amount, in RiskContext context, bool exit = false)
    {
        if (CheckState(market, exit) is { } refused) return refused;
        var s = Settings;

        // Order sanity comes before anything that multiplies by it.
        if (price <= 0 || amount <= 0)
            return RiskDecision.Reject(RiskReason.InvalidOrder, $"Price and amount must be positive (price {price}, amount {amount}).");

        // 3. Spread.
        if (context.Ticker is not { } ticker || ticker.Bid <= 0 || ticker.Ask <= 0 || ticker.Ask < ticker.Bid)
            return RiskDecision.Reject(RiskReason.NoMarketData, $"No valid bid/ask for {market.Symbol}.");
        // The limits are compared as products (no division per order); the percentages are worked out for messages only.
        if (!exit && (ticker.Ask - ticker.Bid) * 100m > s.MaxSpreadPct * ticker.Bid)
            return RiskDecision.Reject(RiskReason.SpreadTooWide,
                $"Spread {ticker.SpreadPct:0.###}% exceeds the limit {s.MaxSpreadPct:0.###}%.");

        // 4. Slippage against the last price.
        var last = ticker.Reference;
        if (side == Side.Buy && price > last * _buySlippageFactor)
            return RiskDecision.Reject(RiskReason.SlippageTooHigh,
                $"Buy at {price} is {(price / last - 1) * 100m:0.###}% above the last price {last} (limit {s.MaxSlippagePct}%).");
        if (side == Side.Sell && price < last * _sellSlippageFactor)
            return RiskDecision.Reject(RiskReason.SlippageTooHigh,
                $"Sell at {price} is {(1 - price / last) * 100m:0.###}% below the last price {last} (limit {s.MaxSlippagePct}%).");

        // 5. Order size.
        var value = price * amount;
        if (amount < market.MinAmount)
            return RiskDecision.Reject(RiskReason.BelowMinimumAmount, $"Amount {amount} is below the minimum {market.MinAmount} {market.BaseCurrency}.");
        var minValue = Math.Max(s.MinOrderValue, market.MinOrderValue);
        if (value < minValue)
            return RiskDecision.Reject(RiskReason.BelowMinimumValue, $"Order value {value:0.##} is below the minimum {minValue} {market.QuoteCurrency}.");
        if (s.MaxOrderValue > 0 && value > s.MaxOrderValue)
            return RiskDecision.Reject(RiskReason.AboveMaximumValue, $"Order value {value:0.##} exceeds the maximum {s.MaxOrderValue} {market.QuoteCurrency}.");

        if (side == Side.Buy)
        {
            // 6–7. Exposure caps (buys add exposure; sells reduce it).
            if (context.Equity <= 0)
                return RiskDecision.Reject(RiskReason.InsufficientBalance, "Equity is not positive.");
            if (context.MarketExposure + value > s.MaxCapitalPerMarket * context.Equity)
                return RiskDecision.Reject(RiskReason.MarketCapExceeded,
                    $"{market.Symbol} exposure would be {(context.MarketExposure + value) / context.Equity:P1} of equity (cap {s.MaxCapitalPerMarket:P0}).");
            if (context.TotalExposure + value > s.MaxTotalExposure * context.Equity)
                return RiskDecision.Reject(RiskReason.TotalExposureExceeded,
                    $"Total exposure would be {(context.TotalExposure + value) / context.Equity:P1} of equity (cap {s.MaxTotalExposure:P0}).");

            // 8. Balance (the hold includes the fee when it is charged in quote).
            var needed = value * (1 + context.FeeRate);
            if (needed > context.AvailableQuote)
                return RiskDecision.Reject(RiskReason.InsufficientBalance,
                    $"Buy needs {needed:0.##} {market.QuoteCurrency}, {context.AvailableQuote:0.##} available.");

            // 9. Drawdown stop: no new buys while equity is too far below its peak.
            if (DrawdownTripped)
                return RiskDecision.Reject(RiskReason.DrawdownStop,
                    $"Drawdown {DrawdownPct:0.##}% from peak {PeakEquity:0.##} exceeds {s.MaxDrawdownPct}%; new buys stopped.");
        }
        else if (amount > context.AvailableBase)
        {
            return RiskDecision.Reject(RiskReason.InsufficientBalance,
                $"Sell needs {amount} {market.BaseCurrency}, {context.AvailableBase} available.");
        }

        return RiskDecision.Approved;
    }

    /// <summary>
    /// The first two stages of <see cref="Evaluate"/> (bot state, circuit breaker), which need no account context:
    /// the rejection they give, or null when an order of <paramref name="market"/> may go on to the order checks.
    /// Lets a caller skip building a <see cref="RiskContext"/> for an order that is refused anyway.
    /// </summary>
    public RiskDecision? CheckState(MarketInfo market, bool exit = false)
    {
        ArgumentNullException.ThrowIfNull(market);

        // 1. Bot state.
        if (KillSwitchEngaged)
            return RiskDecision.Reject(RiskReason.KillSwitch, $"Kill-switch engaged{(KillReason is null ? "" : $": {KillReason}")}; resume to trade again.");
        if (State is BotState.Halted or BotState.Stopped)
            return RiskDecision.Reject(RiskReason.BotNotRunning, $"Bot is {State}.");
        if (GloballyPaused || State == BotState.Paused)
            return RiskDecision.Reject(RiskReason.BotPaused, "Bot is paused.");
        if (_pausedMarkets.Count > 0 && _pausedMarkets.Contains(market.Symbol))
            return RiskDecision.Reject(RiskReason.MarketPaused, $"{market.Symbol} is paused.");
        if (State != BotState.Running)
            return RiskDecision.Reject(RiskReason.BotNotRunning, $"Bot is {State}; orders are placed only while running.");

        // 2. Circuit breaker. While it stays open every refusal says the same, so the message is built once.
        if (!exit && _openBreakers.Count > 0 && _openBreakers.TryGetValue(market.Symbol, out var since))
        {
            if (_breakerRefusals.TryGetValue(market.Symbol, out var cached)) return cached;
            var refusal = RiskDecision.Reject(RiskReason.CircuitBreaker,
                $"{market.Symbol} circuit breaker open since {since.ToString("u", CultureInfo.InvariantCulture)}: ATR jumped more than {(decimal)TripJump(market.Symbol):P0} in one candle.");
            _breakerRefusals[market.Symbol] = refusal;
            return refusal;
        }

        return null;
    }

    /// <summary>Engages the kill-switch: no new orders until <see cref="Resume"/>. The caller cancels every open order.</summary>
    public IReadOnlyList<RiskEvent> EngageKillSwitch(string reason, DateTimeOffset now)
    {
        var events = new List<RiskEvent>();
        if (!KillSwitchEngaged)
        {
            KillSwitchEngaged = true;
            KillReason = reason;
            KilledAt = now;
            events.Add(new RiskEvent(RiskEvent.KillEngaged, null, reason, now));
        }

        StateMachine.TryMoveTo(BotState.Halted, $"kill-switch: {reason}", now);
        return events;
    }

    /// <summary>Releases the kill-switch (and a global pause). The bot then goes through Starting to reconcile.</summary>
    public IReadOnlyList<RiskEvent> Resume(string reason, DateTimeOffset now)
    {
        var events = new List<RiskEvent>();
        if (KillSwitchEngaged)
        {
            KillSwitchEngaged = false;
            KillReason = null;
            KilledAt = null;
            events.Add(new RiskEvent(RiskEvent.KillReleased, null, reason, now));
        }

        if (GloballyPaused)
        {
            GloballyPaused = false;
            events.Add(new RiskEvent(RiskEvent.BotResumed, null, reason, now));
            StateMachine.TryMoveTo(BotState.Running, reason, now);
        }

        if (DrawdownTripped)
        {
            // A person resuming accepts the current equity as the new reference.
            DrawdownTripped = false;
            PeakEquity = LastEquity;
            _drawdownFloor = Settings.MaxDrawdownPct > 0 ? PeakEquity * (1 - Settings.MaxDrawdownPct / 100m) : 0m;
        }

        return events;
    }

    public IReadOnlyList<RiskEvent> PauseAll(string reason, DateTimeOffset now)
    {
        if (GloballyPaused) return [];
        GloballyPaused = true;
        StateMachine.TryMoveTo(BotState.Paused, reason, now);
        return [new RiskEvent(RiskEvent.BotPaused, null, reason, now)];
    }

    public IReadOnlyList<RiskEvent> PauseMarket(string market, string reason, DateTimeOffset now) =>
        _pausedMarkets.Add(market) ? [new RiskEvent(RiskEvent.MarketPaused, market, reason, now)] : [];

    public IReadOnlyList<RiskEvent> ResumeMarket(string market, string reason, DateTimeOffset now) =>
        _pausedMarkets.Remove(market) ? [new RiskEvent(RiskEvent.MarketResumed, market, reason, now)] : [];

    /// <summary>
    /// A market stops being traded: its pause and breaker go with it, and the coins it held (worth
    /// <paramref name="valueLeavingEquity"/>) leave equity without a trade, so the peak the drawdown stop measures from
    /// loses the same value; leaving a market is not a loss.
    /// </summary>
    public IReadOnlyList<RiskEvent> ForgetMarket(string market, decimal valueLeavingEquity, DateTimeOffset now)
    {
        _pausedMarkets.Remove(market);
        _openBreakers.Remove(market);
        _breakerRefusals.Remove(market);
        _calmCandles.Remove(market);
        if (valueLeavingEquity > 0 && PeakEquity > 0)
        {
            PeakEquity = Math.Max(0m, PeakEquity - valueLeavingEquity);
            _drawdownFloor = Settings.MaxDrawdownPct > 0 ? PeakEquity * (1 - Settings.MaxDrawdownPct / 100m) : 0m;
        }

        return [];
    }

    /// <summary>
    /// Feeds the ATR of a closed candle and of the candle before it. A jump of more than
    /// <see cref="RiskSettings.CircuitBreakerAtrJump"/> in one candle — a shock, not a volatile spell — trips the market's
    /// breaker; it closes after <see cref="RiskSettings.CircuitBreakerCooldownCandles"/> closed candles without another
    /// jump (each jump while open starts the count again). Returns an event only when the breaker changes.
    /// </summary>
    /// <remarks>
    /// The strategy's volatility spike (ATR above 1.5 × its recent mean) is the milder, slower signal: it only holds new
    /// buys back while volatility stays high. The breaker reacts to the sudden candle and stops every new order of the
    /// market for a short while. Measuring different things, neither hides the other.
    /// </remarks>
    public RiskEvent? OnVolatility(string market, double atr, double previousAtr, DateTimeOffset now)
    {
        if (!(previousAtr > 0) || double.IsNaN(atr)) return null;
        var limit = TripJump(market);
        // Indicator maths is double: the jump is compared in double (called once per candle, a hot path in backtests)
        // and becomes a decimal only for the message.
        var jump = (atr - previousAtr) / previousAtr;
        if (_openBreakers.Count > 0 && _openBreakers.ContainsKey(market))
        {
            var calm = jump > limit ? 0 : _calmCandles.GetValueOrDefault(market) + 1;
            if (calm < Settings.CircuitBreakerCooldownCandles)
            {
                _calmCandles[market] = calm;
                return null;
            }

            _openBreakers.Remove(market);
            _breakerRefusals.Remove(market);
            _calmCandles.Remove(market);
            return new RiskEvent(RiskEvent.CircuitReset, market,
                $"{calm} candles without an ATR jump; new orders allowed again.", now);
        }

        if (jump <= limit) return null;
        _openBreakers[market] = now;
        _calmCandles[market] = 0;
        return new RiskEvent(RiskEvent.CircuitTripped, market,
            $"ATR jumped {(decimal)jump:P1} in one candle, {previousAtr:0.####} → {atr:0.####} (limit {(decimal)limit:P0}); new orders paused for {Settings.CircuitBreakerCooldownCandles} calm candles.", now);
    }

    /// <summary>
    /// The market trades on <paramref name="interval"/> candles: its breaker trips at the configured jump, or at that
    /// interval's default (<see cref="RiskSettings.AtrJumpFor"/>).
    /// </summary>
    public void UseCandleInterval(string market, TimeSpan interval) => _tripJumps[market] = (double)Settings.AtrJumpFor(interval);

    /// <summary>The one-candle ATR jump that trips <paramref name="market"/>'s breaker.</summary>
    public double TripJump(string market) => _tripJumps.Count > 0 && _tripJumps.TryGetValue(market, out var jump) ? jump : _tripJump;

    /// <summary>Tracks equity against its peak; trips the drawdown stop when the limit is exceeded.</summary>
    public RiskEvent? OnEquity(decimal equity, DateTimeOffset now)
    {
        LastEquity = equity;
        if (equity > PeakEquity)
        {
            PeakEquity = equity;
            _drawdownFloor = Settings.MaxDrawdownPct > 0 ? equity * (1 - Settings.MaxDrawdownPct / 100m) : 0m;
            return null;
        }

        // Hot path in backtests: one comparison against the floor precomputed at the last peak.
        if (DrawdownTripped || equity >= _drawdownFloor) return null;
        DrawdownTripped = true;
        return new RiskEvent(RiskEvent.DrawdownTripped, null,
            $"Equity {equity:0.##} is {DrawdownPct:0.##}% below its peak {PeakEquity:0.##} (limit {Settings.MaxDrawdownPct}%); new buys stopped.", now);
    }
}
