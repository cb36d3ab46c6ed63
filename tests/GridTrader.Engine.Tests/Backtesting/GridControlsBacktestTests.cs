using System.Globalization;
using System.Text.RegularExpressions;
using GridTrader.Core.Markets;
using GridTrader.Core.Strategy;
using GridTrader.Engine.Backtesting;
using GridTrader.Exchanges.MarketData;
using GridTrader.Tests.Shared;

namespace GridTrader.Engine.Tests.Backtesting;

/// <summary>
/// The grid's trail and stop-loss on the shipped 5-minute BTC/USDT history (prices × 10 as NOK): BTC fell from about
/// 240,000 to 155,000 between August and November 2022 and rose from about 420,000 to 730,000 in February and March 2024.
/// </summary>
public sealed partial class GridControlsBacktestTests
{
    private const string BtcFile = "BTCUSDT_binance-spot_5m_2022-08-01_2025-11-03.csv.gz";

    private static Core.MarketData.Candle[] Candles(DateTimeOffset from, DateTimeOffset to) =>
        new CandleCsvReader(TestRepository.SampleData(BtcFile), new CandleCsvReadOptions { From = from, To = to }).Read().ToArray();

    private static readonly Lazy<Core.MarketData.Candle[]> Fall = new(() =>
        Candles(new DateTimeOffset(2022, 8, 15, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero)));

    private static readonly Lazy<Core.MarketData.Candle[]> Rise = new(() =>
        Candles(new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2024, 3, 15, 0, 0, 0, TimeSpan.Zero)));

    /// <summary>The embedded default grid and risk (trailing on), 20% of 100,000 NOK.</summary>
    private static BacktestOptions Defaults(Func<Core.Grid.GridSettings, Core.Grid.GridSettings> grid) => new()
    {
        Market = MarketInfo.FromSymbol("BTCNOK", priceDecimals: 2, amountDecimals: 8, minAmount: 0.0001m, minOrderValue: 100m),
        InitialQuote = 100_000m,
        PriceMultiplier = 10m,
        Grid = grid(new Core.Grid.GridSettings { Recenter = Core.Grid.RecenterPolicy.Trail }),
    };

    [GeneratedRegex(@"price (?<price>[0-9.]+) left the band \[[^\]]*\] (?<way>upward|downward)")]
    private static partial Regex MoveRegex();

    [GeneratedRegex(@"^Grid #\d+ around (?<price>[0-9.]+):")]
    private static partial Regex PlanRegex();

    /// <summary>Each trail move: the price that left the band, and which way.</summary>
    private static List<(decimal Price, string Way)> Moves(BacktestResult r) =>
        [.. r.Notices.Where(n => n.Name == StrategyNotice.Recentering).Select(n => MoveRegex().Match(n.Message)).Where(m => m.Success)
            .Select(m => (decimal.Parse(m.Groups["price"].Value, CultureInfo.InvariantCulture), m.Groups["way"].Value))];

    private static List<decimal> PlannedCentres(BacktestResult r) =>
        [.. r.Notices.Where(n => n.Name == StrategyNotice.GridPlanned).Select(n => PlanRegex().Match(n.Message))
            .Select(m => decimal.Parse(m.Groups["price"].Value, CultureInfo.InvariantCulture))];

    [Fact]
    public async Task TrailDown_FallingBtc2022_FollowsThePriceDownAndWaitsBelowTheFloor()
    {
        const decimal floor = 180_000m;
        var r = await new Backtester(Defaults(g => g with { TrailDown = true, TrailFloor = floor })).RunAsync(Fall.Value);

        var down = Moves(r).Where(m => m.Way == "downward").ToList();
        Assert.True(down.Count >= 5, $"only {down.Count} moves down");
        // Followed: the grids were planned ever lower, from about 240,000 to near the floor.
        var centres = PlannedCentres(r);
        Assert.True(centres.Min() < centres[0] * 0.8m, $"lowest centre {centres.Min()} of first {centres[0]}");
        // Never below the floor, although the price went far below it (to about 155,000); there the grid waited.
        Assert.True(r.EquityCurve.Min(p => p.Price) < floor * 0.9m);
        Assert.All(down, m => Assert.True(m.Price >= floor, $"moved down at {m.Price}, below the floor"));
        Assert.Contains(r.Notices, n => n.Name == StrategyNotice.OutOfBand && n.Message.Contains($"beyond TrailFloor {floor}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TrailDownOff_FallingBtc2022_NeverMovesDown()
    {
        var r = await new Backtester(Defaults(g => g with { TrailDown = false })).RunAsync(Fall.Value);

        Assert.DoesNotContain(Moves(r), m => m.Way == "downward");
        Assert.Contains(r.Notices, n => n.Name == StrategyNotice.OutOfBand && n.Message.Contains("TrailDown off", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TrailUp_RisingBtc2024_FollowsThePriceUpAndWaitsAboveTheCeiling()
    {
        const decimal ceiling = 600_000m;
        var r = await new Backtester(Defaults(g => g with { TrailUp = true, TrailCeiling = ceiling })).RunAsync(Rise.Value);

        var up = Moves(r).Where(m => m.Way == "upward").ToList();
        Assert.True(up.Count >= 5, $"only {up.Count} moves up");
        var centres = PlannedCentres(r);
        Assert.True(centres.Max() > centres[0] * 1.3m, $"highest centre {centres.Max()} of first {centres[0]}");
        Assert.True(r.EquityCurve.Max(p => p.Price) > ceiling * 1.1m);
        Assert.All(up, m => Assert.True(m.Price <= ceiling, $"moved up at {m.Price}, above the ceiling"));
        Assert.Contains(r.Notices, n => n.Name == StrategyNotice.OutOfBand && n.Message.Contains($"beyond TrailCeiling {ceiling}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StopLoss_FallingBtc2022_FiresOnceSellsWhatTheGridHeldAndTradesNoMore()
    {
        const decimal stop = 170_000m;
        var candles = Fall.Value;
        var r = await new Backtester(Defaults(g => g with { TrailDown = true, StopLossPrice = stop })).RunAsync(candles);

        // The first close at or under the stop (9 November 2022) stops the grid; its close time is when the engine acts.
        var hit = candles.First(c => c.Close * 10m <= stop);
        var stoppedAt = DateTimeOffset.FromUnixTimeMilliseconds(hit.OpenTimeMs + 300_000);
        var stopNotice = Assert.Single(r.Notices, n => n.Name == StrategyNotice.GridStopped);
        Assert.Contains("stop-loss", stopNotice.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(r.Notices.SkipWhile(n => n != stopNotice), n => n.Name is StrategyNotice.GridPlanned or StrategyNotice.Recentering);

        var before = r.Fills.Where(f => f.Time < stoppedAt).ToList();
        var after = r.Fills.Where(f => f.Time >= stoppedAt).ToList();
        var held = before.Sum(f => f.Side == Side.Buy ? f.Amount : -f.Amount);
        Assert.True(held > 0m, "the grid held coins when the stop fired");
        // After the stop: sells only, of exactly what the grid held, then nothing; the grid ends with no coins.
        Assert.NotEmpty(after);
        Assert.All(after, f => Assert.Equal(Side.Sell, f.Side));
        Assert.Equal(held, after.Sum(f => f.Amount));
        Assert.True(after.Max(f => f.Time) < stoppedAt.AddHours(1), $"last exit fill {after.Max(f => f.Time)}");
        Assert.Equal(0m, r.UnrealizedPnl);
        // Stopped from 9 November to the end of the year, every day of it.
        Assert.Equal((int)(new DateTime(2023, 1, 1) - stoppedAt.UtcDateTime.Date).TotalDays, r.GridStoppedDays);
    }
}
