using GridTrader.Core.Accounting;
using GridTrader.Core.Markets;
using GridTrader.Core.Risk;
using GridTrader.Core.Strategy;
using GridTrader.Engine.Live;
using GridTrader.Logging;
using GridTrader.Terminal;
using Microsoft.Extensions.Time.Testing;
using Serilog.Events;
using Serilog.Parsing;
using Spectre.Console;

namespace GridTrader.Integration.Tests.Terminal;

/// <summary>
/// The live panel of <c>run</c> in a terminal: per market price, trend, phase, open orders, grid profit and last event;
/// the dashboard URL and the controls; repeated warnings folded into one line with a count.
/// </summary>
public sealed class StatusPanelTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero));

    private static EngineSnapshot Snapshot(bool breakerOpen = false) => new()
    {
        Time = new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero),
        Mode = "paper",
        Exchange = "firi",
        State = BotState.Running,
        KillSwitchEngaged = false,
        GloballyPaused = false,
        Equity = 100_000m,
        PeakEquity = 100_000m,
        DrawdownPct = 0m,
        DrawdownTripped = false,
        TotalExposure = 0m,
        RealizedPnl = -12.5m,
        GridProfit = 321.75m,
        GridPairs = 9,
        Fees = 40m,
        OpenOrders = [],
        Balances = new Dictionary<string, decimal>(),
        Limits = new RiskSettings(),
        Markets =
        [
            new MarketSnapshot
            {
                Symbol = "BTCNOK", LastPrice = 1_012_345m, Phase = GridPhase.Active, Epoch = 1, Trend = Trend.Up, Atr = 0, AtrMean = 0,
                VolatilitySpike = false, CircuitBreakerOpen = breakerOpen, Paused = false, WarmupRemaining = 0, GridLines = [], OpenOrders = 7,
                Position = 0m, Exposure = 0m, CapitalCap = 0m, RealizedPnl = 0m, GridProfit = 321.75m, GridPairs = 9, Fees = 0m, UnrealizedPnl = 0m,
                RoundTrips = 0,
            },
            new MarketSnapshot
            {
                Symbol = "ETHNOK", LastPrice = 41_000m, Phase = GridPhase.WarmingUp, Epoch = 0, Trend = Trend.Neutral, Atr = 0, AtrMean = 0,
                VolatilitySpike = false, CircuitBreakerOpen = false, Paused = false, WarmupRemaining = 3, GridLines = [], OpenOrders = 0,
                Position = 0m, Exposure = 0m, CapitalCap = 0m, RealizedPnl = 0m, Fees = 0m, UnrealizedPnl = 0m, RoundTrips = 0,
            },
        ],
    };

    private static string Draw(EngineSnapshot? snapshot, PanelFeed feed, string? url = "http://127.0.0.1:5080")
    {
        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        console.Write(StatusPanel.Render(snapshot, feed, url, width: 200));
        return writer.ToString();
    }

    private static Fill Sold(DateTimeOffset time) =>
        new(1, "BTCNOK", "BTC", "NOK", Side.Sell, 1_012_000m, 0.0015m, 1m, "NOK", time, 4);

    [Fact]
    public void Render_RunningBot_ShowsEveryMarketsPriceTrendPhaseOrdersGridProfitAndLastEvent()
    {
        var feed = new PanelFeed(_time);
        feed.OnFill(Sold(_time.GetUtcNow()), 12m);

        var text = Draw(Snapshot(), feed);

        var btc = text.Split('\n').Single(l => l.Contains("BTCNOK", StringComparison.Ordinal));
        foreach (var cell in new[] { "1,012,345", "UP", "Active", "7", "321.75 (9)", "12:00 sold 0.0015 at 1,012,000" })
            Assert.Contains(cell, btc, StringComparison.Ordinal);
        var eth = text.Split('\n').Single(l => l.Contains("ETHNOK", StringComparison.Ordinal));
        Assert.Contains("WarmingUp", eth, StringComparison.Ordinal);
        Assert.Contains("grid profit 321.75 (9 pairs)", text, StringComparison.Ordinal);
        Assert.Contains("realized (FIFO) -12.5", text, StringComparison.Ordinal);
        Assert.Contains("dashboard http://127.0.0.1:5080", text, StringComparison.Ordinal);
        Assert.Contains("Ctrl+C stops the bot", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_BreakerTripped_PhaseSaysBreakerOpenAndLastEventIsTheTrip()
    {
        var feed = new PanelFeed(_time);
        feed.OnFill(Sold(_time.GetUtcNow().AddMinutes(-5)), 12m);
        feed.OnRiskEvent(new RiskEvent(RiskEvent.CircuitTripped, "BTCNOK", "ATR jumped", _time.GetUtcNow()));

        var btc = Draw(Snapshot(breakerOpen: true), feed).Split('\n').Single(l => l.Contains("BTCNOK", StringComparison.Ordinal));

        Assert.Contains("Active, breaker open", btc, StringComparison.Ordinal);
        Assert.Contains("12:00 circuit.tripped", btc, StringComparison.Ordinal);
        Assert.DoesNotContain("sold", btc, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WarningRepeatedEveryPoll_ShowsItOnceThenOneLineWithTheCount()
    {
        var feed = new PanelFeed(_time);
        // The console's warnings reach the panel through the same folding as the plain lines (LoggingSetupOptions.ConsoleSink).
        using var folding = new RepeatFoldingSink(feed, _time);
        var template = new MessageTemplateParser().Parse("Exchange error during {Operation} on {Market}: HTTP {Status}");
        for (var i = 0; i < 120; i++)
        {
            folding.Emit(new LogEvent(_time.GetUtcNow(), LogEventLevel.Warning, null, template,
            [
                new LogEventProperty("Operation", new ScalarValue("ticker")), new LogEventProperty("Market", new ScalarValue("BTCNOK")),
                new LogEventProperty("Status", new ScalarValue(503)),
            ]));
            _time.Advance(TimeSpan.FromSeconds(0.5));
        }

        _time.Advance(TimeSpan.FromSeconds(1));

        var warnings = Draw(Snapshot(), feed).Split('\n').Where(l => l.Contains("Exchange error", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains("… repeated 119 times in the last minute", warnings[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Feed_ManyWarnings_KeepsTheLastFewOnly()
    {
        var feed = new PanelFeed(_time);
        var template = new MessageTemplateParser().Parse("warning {N}");
        for (var i = 1; i <= 10; i++)
            feed.Emit(new LogEvent(_time.GetUtcNow(), LogEventLevel.Warning, null, template, [new LogEventProperty("N", new ScalarValue(i))]));
        feed.Emit(new LogEvent(_time.GetUtcNow(), LogEventLevel.Information, null, template, [new LogEventProperty("N", new ScalarValue(99))]));

        Assert.Equal(["warning 7", "warning 8", "warning 9", "warning 10"], feed.Warnings.Select(w => w.Text));
    }

    [Fact]
    public void Render_BeforeTheFirstSnapshot_SaysStartingAndStillNamesTheControls()
    {
        var text = Draw(null, new PanelFeed(_time), url: null);

        Assert.Contains("starting", text, StringComparison.Ordinal);
        Assert.Contains("dashboard off", text, StringComparison.Ordinal);
        Assert.Contains("gridtrader pause MARKET", text, StringComparison.Ordinal);
    }
}
