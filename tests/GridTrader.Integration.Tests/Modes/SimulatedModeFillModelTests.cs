using System.Text.Json;
using GridTrader.Configuration;
using GridTrader.Core.Markets;
using GridTrader.Exchanges.Simulation;
using GridTrader.Hosting;
using GridTrader.Integration.Tests.Support;
using GridTrader.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace GridTrader.Integration.Tests.Modes;

/// <summary>The simulated <c>run</c> builds its matching engine with the configured fill model.</summary>
public sealed class SimulatedModeFillModelTests
{
    [Theory]
    [InlineData("TradeThrough", FillModel.TradeThrough, null)]
    [InlineData("VolumeShare", FillModel.VolumeShare, 0.2)]
    [InlineData("Touch", FillModel.Touch, null)]
    public async Task Run_SimulatedMode_FillsByTheConfiguredModel(string configured, FillModel expected, double? cap)
    {
        using var temp = new TempDirectory();
        var configPath = Path.Combine(temp.Path, "sim.json");
        var dataFile = JsonSerializer.Serialize(TestRepository.SampleData("BTCUSDT-5m-2023-03-20_26.csv.gz"));
        var dataDirectory = JsonSerializer.Serialize(Path.Combine(temp.Path, "data"));
        await File.WriteAllTextAsync(configPath, $$"""
            {"GridTrader":{"Mode":"simulated","DataDirectory":{{dataDirectory}},
              "Simulation":{"DataFile":{{dataFile}},"FillModel":"{{configured}}","VolumeShare":0.2},
              "Markets":[{"Symbol":"BTCNOK","CandleInterval":"5m"}],
              "Dashboard":{"Enabled":false} } }
            """);
        var config = ConfigLoader.Load(configPath, environment: new Dictionary<string, string?>());
        Assert.False(config.HasErrors, string.Join("; ", config.Errors));

        var runtime = await BotRuntime.CreateAsync(new RunRequest(config, "simulated", null, false), RunMode.Simulated,
            NullLoggerFactory.Instance, null, CancellationToken.None);
        await using (runtime)
        {
            var engine = Assert.IsType<SimulatedExchange>(runtime.Exchange).Engine;
            Assert.Equal((expected, (decimal?)cap), (engine.Options.FillModel, engine.Options.VolumeParticipation));
        }
    }
}
