using GridTrader.Core.Accounting;
using GridTrader.Engine.Trading;

namespace GridTrader.Engine.Live;

/// <summary>Builds the immutable <see cref="EngineSnapshot"/> the dashboard and <c>status</c> read, from the engine as it stands.</summary>
internal sealed class SnapshotBuilder(string mode, string exchangeName, BalanceBook balances, TimeProvider time)
{
    public EngineSnapshot Build(TradingCore core, bool replayCompleted = false, IReadOnlyDictionary<string, CandleHistoryReport>? history = null)
    {
        var risk = core.Risk;
        var portfolio = core.Portfolio;
        var markets = new List<MarketSnapshot>();
        var totalExposure = 0m;
        var equity = portfolio.Equity();
        foreach (var m in core.Markets)
        {
            var s = m.Strategy;
            var exposure = portfolio.Exposure(m);
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
                Position = portfolio.Account.Total(m.Info.BaseCurrency),
                Exposure = exposure,
                CapitalCap = equity * risk.Settings.MaxCapitalPerMarket,
                Capital = s.Plan?.CapitalQuote ?? s.CapitalQuote,
                NextCapital = s.CapitalQuote,
                BudgetFraction = m.Capital?.Budget.CapitalFraction,
                BudgetNok = m.Capital?.Budget.InvestmentNok,
                CompoundGridProfit = m.Capital?.Budget.CompoundGridProfit ?? false,
                RealizedPnl = core.Ledger.RealizedPnlOf(m.Symbol),
                GridProfit = core.Ledger.GridPairs.ProfitOf(m.Symbol),
                GridPairs = core.Ledger.GridPairs.CountOf(m.Symbol),
                Fees = core.Ledger.FeesInQuoteOf(m.Symbol),
                UnrealizedPnl = core.Ledger.UnrealizedPnl(m.Symbol, m.LastPrice),
                RoundTrips = core.Ledger.RoundTripCountOf(m.Symbol),
                LastPlanError = s.LastPlanError,
                StopReason = s.StopReason,
                HeldCost = s.TotalCost,
                History = history?.GetValueOrDefault(m.Symbol),
            });
        }

        return new EngineSnapshot
        {
            Time = time.GetUtcNow(),
            Mode = mode,
            Exchange = exchangeName,
            State = risk.State,
            KillSwitchEngaged = risk.KillSwitchEngaged,
            KillReason = risk.KillReason,
            HaltReason = HaltReason(core.Control.States),
            GloballyPaused = risk.GloballyPaused,
            Equity = equity,
            PeakEquity = risk.PeakEquity,
            DrawdownPct = risk.DrawdownPct,
            DrawdownTripped = risk.DrawdownTripped,
            TotalExposure = totalExposure,
            RealizedPnl = core.Ledger.RealizedPnl,
            GridProfit = core.Ledger.GridPairs.Profit,
            GridPairs = core.Ledger.GridPairs.Count,
            Fees = core.Ledger.FeesInQuote,
            Markets = markets,
            OpenOrders = core.Tracker.Live.OrderBy(o => o.Market).ThenByDescending(o => o.Price).Select(OrderView.From).ToList(),
            Balances = balances.Polled.ToDictionary(kv => kv.Key, kv => kv.Value.Total, StringComparer.OrdinalIgnoreCase),
            Limits = risk.Settings,
            RecentRoundTrips = Latest(core.Ledger.RoundTrips, EngineSnapshot.RecentRoundTripCount),
            ReplayCompleted = replayCompleted,
        };
    }

    /// <summary>
    /// The picture of a bot that could not read its account yet: its state and why it waits, the balances it knows,
    /// no markets and no orders (nothing is traded before the account is read).
    /// </summary>
    public EngineSnapshot BuildStarting(BotStateRecorder states, string? status)
    {
        var risk = states.Risk;
        return new EngineSnapshot
        {
            Time = time.GetUtcNow(),
            Mode = mode,
            Exchange = exchangeName,
            State = risk.State,
            KillSwitchEngaged = risk.KillSwitchEngaged,
            KillReason = risk.KillReason,
            HaltReason = HaltReason(states),
            StatusMessage = status,
            GloballyPaused = risk.GloballyPaused,
            Equity = 0m,
            PeakEquity = risk.PeakEquity,
            DrawdownPct = risk.DrawdownPct,
            DrawdownTripped = risk.DrawdownTripped,
            TotalExposure = 0m,
            RealizedPnl = 0m,
            Fees = 0m,
            Markets = [],
            OpenOrders = [],
            Balances = balances.Polled.ToDictionary(kv => kv.Key, kv => kv.Value.Total, StringComparer.OrdinalIgnoreCase),
            Limits = risk.Settings,
        };
    }

    private static string? HaltReason(BotStateRecorder states) => states.State == Core.Risk.BotState.Halted ? states.Reason : null;

    private static RoundTrip[] Latest(IReadOnlyList<RoundTrip> all, int count)
    {
        var start = Math.Max(0, all.Count - count);
        var latest = new RoundTrip[all.Count - start];
        for (var i = 0; i < latest.Length; i++) latest[i] = all[start + i];
        return latest;
    }
}
