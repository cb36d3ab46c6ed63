using GridTrader.Configuration;
using GridTrader.Core.Accounting;
using GridTrader.Core.Grid;
using GridTrader.Core.Markets;
using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;
using GridTrader.Engine.Live;
using GridTrader.Hosting;

namespace GridTrader.Integration.Tests.State;

/// <summary>Base held while UseExistingBase is false: a hint naming the setting instead of buys refused without a word.</summary>
public sealed class StartupHintsTests
{
    private static readonly MarketInfo Btc = new("BTCNOK", "BTC", "NOK", minOrderValue: 100m);

    private static Core.Configuration.GridTraderOptions Options() =>
        ConfigLoader.LoadJson("""{"GridTrader":{"Markets":[{"Symbol":"ETHNOK"},{"Symbol":"BTCNOK"}]}}""", "test",
            environment: new Dictionary<string, string?>()).Options;

    private static EngineSnapshot Snapshot(decimal btcHeld, decimal exposure, decimal cap, params OrderView[] open) => new()
    {
        Time = DateTimeOffset.UnixEpoch,
        Mode = "live",
        Exchange = "firi",
        State = BotState.Running,
        KillSwitchEngaged = false,
        GloballyPaused = false,
        Equity = 100_000m,
        PeakEquity = 100_000m,
        DrawdownPct = 0m,
        DrawdownTripped = false,
        TotalExposure = exposure,
        RealizedPnl = 0m,
        Fees = 0m,
        OpenOrders = open,
        Balances = new Dictionary<string, decimal> { ["NOK"] = 50_000m, ["BTC"] = btcHeld },
        Limits = new RiskSettings(),
        Markets =
        [
            new MarketSnapshot
            {
                Symbol = "BTCNOK", LastPrice = 1_000_000m, Phase = GridPhase.Active, Epoch = 1, Trend = Trend.Neutral, Atr = 0, AtrMean = 0,
                VolatilitySpike = false, CircuitBreakerOpen = false, Paused = false, WarmupRemaining = 0, GridLines = [], OpenOrders = open.Length,
                Position = btcHeld, Exposure = exposure, CapitalCap = cap, RealizedPnl = 0m, Fees = 0m, UnrealizedPnl = 0m, RoundTrips = 0,
            },
        ],
    };

    private static MarketSetup Setup(bool useExistingBase) => new(Btc, new GridSettings(), MarketBudget.Fraction(0.2m), TimeSpan.FromHours(1), useExistingBase);

    private static OrderView Sell(decimal amount) =>
        new(1, 99, "BTCNOK", "sell", 1_010_000m, amount, 0m, "Open", 6, 1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, null);

    [Fact]
    public void For_BaseHeldAboveTheCapWithoutUseExistingBase_NamesTheSettingAndTheRefusedBuys()
    {
        var hint = Assert.Single(StartupHints.For(Snapshot(0.05m, 50_000m, 20_000m), [Setup(false)], Options()));

        Assert.Contains("Markets:1:UseExistingBase", hint, StringComparison.Ordinal);
        Assert.Contains("0.05 BTC", hint, StringComparison.Ordinal);
        Assert.Contains("every buy will be refused", hint, StringComparison.Ordinal);
    }

    [Fact]
    public void For_BaseTheGridHoldsAsItsOwnSells_NoHint()
    {
        Assert.Empty(StartupHints.For(Snapshot(0.002m, 2_000m, 20_000m, Sell(0.002m)), [Setup(false)], Options()));
    }

    [Fact]
    public void For_UseExistingBaseOn_NoHint()
    {
        Assert.Empty(StartupHints.For(Snapshot(0.05m, 50_000m, 20_000m), [Setup(true)], Options()));
    }

    [Fact]
    public void For_DustBelowTheMinimumOrder_NoHint()
    {
        Assert.Empty(StartupHints.For(Snapshot(0.00005m, 50m, 20_000m), [Setup(false)], Options()));
    }
}
