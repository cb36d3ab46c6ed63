using GridTrader.Engine.Backtesting;

namespace GridTrader.Integration.Tests.Backtesting;

/// <summary>
/// Trades and P&amp;L of the engine on the shipped files, recorded before the engine was made faster (issue 13) and held
/// since: every speed-up must leave each figure, and each fill, round trip and equity point, exactly as it was.
/// </summary>
/// <remarks>
/// The cases cover what the hot path branches on: ATR and fixed spacing, arithmetic and geometric lines, next-level and
/// take-profit exits, trail, rebuild and wait, the trend filter on and off, order expiry, and the three fill models
/// (trade-through by default, touch, and a share of the candle's volume). A deliberate change of results is recorded by pasting the figures the failure message prints.
/// </remarks>
public sealed class EngineGoldenResultsTests
{
    private const string Btc2024 = "BTCUSDT-5m-2024.csv.gz";
    private const string Btc33Years = "BTCUSDT_binance-spot_5m_2022-08-01_2025-11-03.csv.gz";
    private const string Eth5m = "ETHUSDT_binance-spot_5m_2022-08-01_2026-03-05.csv.gz";

    private static readonly (string Key, string Json)[] Default = [];
    private static readonly (string Key, string Json)[] TwentyLevels = [("Grid:Levels", "20")];

    private static readonly (string Key, string Json)[] FixedGeometricTakeProfit =
    [
        ("Grid:SpacingMode", "\"FixedPercent\""), ("Grid:SpacingPct", "2.0"), ("Grid:Levels", "8"), ("Grid:Geometry", "\"Geometric\""),
        ("Grid:ExitPolicy", "\"TakeProfit\""), ("Grid:Recenter", "\"Rebuild\""), ("Grid:TrendFilterEnabled", "false"),
    ];

    private static readonly (string Key, string Json)[] WideAtrVolumeShare =
    [
        ("Grid:AtrMultiplier", "3"), ("Grid:AtrPeriod", "28"), ("Grid:Levels", "30"), ("Grid:Recenter", "\"Wait\""),
        ("Simulation:FillModel", "\"VolumeShare\""), ("Simulation:VolumeShare", "0.02"), ("Engine:OrderTtlHours", "6"),
    ];

    private static readonly (string Key, string Json)[] Touch = [("Simulation:FillModel", "\"Touch\"")];

    public static TheoryData<string, string> Cases() => new()
    {
        { Btc2024, "default" },
        { Btc2024, "20 levels" },
        { Btc2024, "fixed geometric take-profit rebuild" },
        { Btc2024, "wide ATR volume share expiry" },
        { Btc2024, "touch" },
        { Btc33Years, "default" },
        { Btc33Years, "20 levels" },
        { Eth5m, "default" },
        { Eth5m, "20 levels" },
    };

    // Recorded on main at e487d24 (fill models merged), before any change of issue 13's engine speed work; the touch case
    // equals what main at a29cfc3 (touch only) gave for the default configuration. The rebuild case was re-recorded on
    // main at 9d5bbe4 (grid controls: a rebuilt grid carries its coins at their cost and never sells them below it), the
    // figures main itself gives without any speed work.
    private static readonly Dictionary<(string File, string Case), GoldenFigures> Expected = new()
    {
        [(Btc2024, "default")] = new(421, 851, 3548, 71, 15, 1417, 1118.4185234928860m, 8519.1714177732690m, 100373.6045899859310m, 4.5940738334676858944724457200m, "1599d0f1ca7af14a", "5646d01ec14ef874", "734d29ea2ea5c3df"),
        [(Btc2024, "20 levels")] = new(560, 1131, 5299, 130, 8, 1250, 880.0983613453585m, 5662.6032097822590m, 100755.0095063907410m, 2.9855435855226504730730183200m, "dc6cf1e805a007ce", "140d684d2e04e005", "ea05748b04d5fdd9"),
        [(Btc2024, "fixed geometric take-profit rebuild")] = new(126, 259, 2071, 407, 41, 1043, 7988.5692671459755m, 3260.4972862071060m, 107828.8965034426940m, 5.9146370636791649706509534200m, "92e7a272eaa3d1d6", "9b760c6952055189", "6a818c7332d2ac5c"),
        [(Btc2024, "wide ATR volume share expiry")] = new(120, 240, 41619, 105, 0, 348, 150.0624380318085m, 800.7710401038915m, 100150.0624380318085m, 1.5216876667349831204105246500m, "abba25b70357de13", "85afe314251fae01", "7cb433e701b695c0"),
        [(Btc2024, "touch")] = new(421, 851, 3548, 71, 15, 1417, 1118.4185234928860m, 8519.1714177732690m, 100373.6045899859310m, 4.5940738334676858944724457200m, "1599d0f1ca7af14a", "5646d01ec14ef874", "734d29ea2ea5c3df"),
        [(Btc33Years, "default")] = new(1011, 2028, 10737, 269, 28, 4670, 4541.5469357127990m, 20273.4290313402490m, 103108.2033879297510m, 5.1205319701515485760749002800m, "6203db291a7d76c1", "3efa62fb56a6b3df", "5e1e575ace5af777"),
        [(Btc33Years, "20 levels")] = new(1794, 3602, 21757, 562, 14, 4284, 3778.2896699675470m, 18032.0012416890280m, 103428.3648385765720m, 4.9567015187427959095913926600m, "57e93d640893812b", "2de0ac7418433cc6", "f7b09a85d4fc532e"),
        [(Eth5m, "default")] = new(666, 1342, 12301, 278, 17, 4949, 2503.6264325191660m, 13435.6129433917355m, 92229.5802896567645m, 11.989706420881934982340640340m, "e327dc814cc58b78", "d22e6b4e6f0995e9", "54974368413b6ffb"),
        [(Eth5m, "20 levels")] = new(1453, 2920, 23812, 626, 9, 4977, 2650.8755174897670m, 14619.1681688560670m, 96388.2092026207330m, 10.620100673114888841483767220m, "48f772571295f0a3", "5a6514fc8dac5d03", "c527658cb7f34739"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Backtest_ShippedFile_GivesTheRecordedTradesAndPnl(string file, string name)
    {
        var overrides = name switch
        {
            "default" => Default,
            "20 levels" => TwentyLevels,
            "fixed geometric take-profit rebuild" => FixedGeometricTakeProfit,
            "wide ATR volume share expiry" => WideAtrVolumeShare,
            "touch" => Touch,
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };

        var result = await new Backtester(GoldenRun.Options(overrides)).RunAsync(GoldenRun.Candles(file));
        var actual = GoldenFigures.Of(result);

        Assert.True(result.RoundTrips > 0, "the case must trade to prove anything");
        Assert.True(Expected.TryGetValue((file, name), out var expected), $"no recorded figures for {file} / {name}: {actual.ToSource()}");
        Assert.True(expected == actual, $"{file} / {name}\n  recorded {expected.ToSource()}\n  now      {actual.ToSource()}");
    }
}
