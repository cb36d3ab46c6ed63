using System.Text.Json;
using GridTrader.Core.Configuration;
using GridTrader.Core.Grid;
using GridTrader.Core.Markets;

namespace GridTrader.Core.Tests.Configuration;

public class GridTraderOptionsTests
{
    [Fact]
    [Trait("Original", "config serialization")]
    public void Json_RoundTrip_ReproducesTheSameJson()
    {
        // Every section moved away from its default, so a field that does not survive the trip shows up as a
        // difference instead of hiding behind the default it falls back to.
        var options = new GridTraderOptions
        {
            Mode = TradingModes.Paper,
            DataDirectory = "/var/lib/gridtrader",
            Exchange = { FeeRate = 0.004m, FeeCurrency = "Received", MaxRetries = 2 },
            Simulation = { PriceMultiplier = 11.5m, FillModel = FillModel.VolumeShare, VolumeShare = 0.25m, InitialBalances = { ["BTC"] = 0.25m } },
            Grid = new GridSettings
            {
                Levels = 12, Geometry = LevelGeometry.Geometric, SpacingMode = SpacingMode.FixedPercent, SpacingPct = 1.75m,
                ExitPolicy = ExitPolicy.TakeProfit, Recenter = RecenterPolicy.Rebuild, AllowUnprofitableSpacing = true,
            },
            Risk = new() { MaxCapitalPerMarket = 0.15m, DryRun = false, MaxDrawdownPct = 12.5m },
            Markets =
            [
                new MarketOptions { Symbol = "BTCNOK", CapitalFraction = 0.15m, UseExistingBase = true, Grid = new GridSettings { Levels = 6 } },
                new MarketOptions { Symbol = "ETHNOK", Enabled = false, PriceDecimals = 1, CandleInterval = "4h" },
            ],
            Engine = { OrderTtlHours = 12 },
        };

        var json = JsonSerializer.Serialize(options);
        var back = JsonSerializer.Deserialize<GridTraderOptions>(json)!;

        Assert.Equal(json, JsonSerializer.Serialize(back));
        Assert.NotEqual(JsonSerializer.Serialize(new GridTraderOptions()), json);
        Assert.False(back.Risk.DryRun);
        Assert.Equal(RecenterPolicy.Rebuild, back.Grid.Recenter);
        Assert.Equal(6, back.Markets[0].Grid!.Levels);
        Assert.Equal((FillModel.VolumeShare, 0.25m), (back.Simulation.FillModel, back.Simulation.VolumeShare));
    }

    [Fact]
    public void Json_RoundTrip_KeepsCurrencyLookupsCaseInsensitive()
    {
        var back = JsonSerializer.Deserialize<GridTraderOptions>("""{ "Simulation": { "InitialBalances": { "NOK": 5000 } } }""")!;

        Assert.Equal(5000m, back.Simulation.InitialBalances["nok"]);
        Assert.Single(back.Simulation.InitialBalances);
    }
}
