using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;
using GridTrader.Dashboard.Pnl;
using GridTrader.Engine.Live;

namespace GridTrader.Integration.Tests.Dashboard;

public sealed class EquityHistoryTests
{
    private static readonly DateTimeOffset T0 = new(2025, 7, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Observe_FarMoreSnapshotsThanCapacity_KeepsABoundedCurveFromFirstToLast()
    {
        var history = new EquityHistory(capacity: 16, feeRate: 0.005m);

        for (var minute = 0; minute < 1000; minute++) history.Observe(Snapshot(T0.AddMinutes(minute), 100_000m + minute, 1_000_000m));

        var points = history.Points();
        Assert.InRange(points.Count, 8, 17);
        Assert.Equal(T0, points[0].Time);
        Assert.Equal(T0.AddMinutes(999), points[^1].Time);
        Assert.Equal(100_999m, points[^1].Equity);
        Assert.Equal(points.Select(p => p.Time).Distinct().Order(), points.Select(p => p.Time));
    }

    [Fact]
    public void BuyAndHold_PriceDoubles_IsStartingEquityTimesTwoLessOneFee()
    {
        var history = new EquityHistory(capacity: 16, feeRate: 0.005m);
        history.Observe(Snapshot(T0, 100_000m, 1_000_000m));

        var later = Snapshot(T0.AddHours(1), 100_500m, 2_000_000m);
        history.Observe(later);

        Assert.Equal(199_000m, history.BuyAndHold(later));
        Assert.Equal([99_500m, 199_000m], history.Points().Select(p => p.BuyAndHold));
    }

    [Fact]
    public void Observe_BeforeTheFirstPrice_RecordsNothing()
    {
        var history = new EquityHistory(capacity: 16, feeRate: 0.005m);

        history.Observe(Snapshot(T0, 100_000m, 0m));

        Assert.Empty(history.Points());
        Assert.Null(history.Baseline);
    }

    private static EngineSnapshot Snapshot(DateTimeOffset time, decimal equity, decimal price) => new()
    {
        Time = time,
        Mode = "simulated",
        Exchange = "simulated",
        State = BotState.Running,
        KillSwitchEngaged = false,
        GloballyPaused = false,
        Equity = equity,
        PeakEquity = equity,
        DrawdownPct = 0,
        DrawdownTripped = false,
        TotalExposure = 0,
        RealizedPnl = 0,
        Fees = 0,
        Markets =
        [
            new MarketSnapshot
            {
                Symbol = "BTCNOK", LastPrice = price, Phase = GridPhase.Active, Epoch = 0, Trend = Trend.Neutral, Atr = 0, AtrMean = 0,
                VolatilitySpike = false, CircuitBreakerOpen = false, Paused = false, WarmupRemaining = 0, GridLines = [], OpenOrders = 0,
                Position = 0, Exposure = 0, CapitalCap = 0, RealizedPnl = 0, Fees = 0, UnrealizedPnl = 0, RoundTrips = 0,
            },
        ],
        OpenOrders = [],
        Balances = new Dictionary<string, decimal>(),
        Limits = new RiskSettings(),
    };
}
