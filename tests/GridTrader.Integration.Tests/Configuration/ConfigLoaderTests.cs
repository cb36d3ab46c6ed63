using GridTrader.Configuration;
using GridTrader.Core.Configuration;
using GridTrader.Core.Grid;
using GridTrader.Core.Markets;

namespace GridTrader.Integration.Tests.Configuration;

public sealed class ConfigLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gt-config-").FullName;
    private static readonly Dictionary<string, string?> NoEnvironment = [];

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Load_NoFile_UsesEmbeddedSafeDefault()
    {
        var loaded = ConfigLoader.Load(null, Path.Combine(_dir, "missing.env.ignored"), NoEnvironment);

        // The explicit --env-file that does not exist is reported; everything else is the embedded default.
        Assert.Contains(loaded.Errors, p => p.Path == "--env-file");
        Assert.Equal("simulated", loaded.Options.Mode);
        Assert.True(loaded.Options.Risk.DryRun);
        Assert.Equal("BTCNOK", Assert.Single(loaded.Options.Markets).Symbol);
    }

    [Fact]
    public void Load_ShippedExample_IsValidWithDryRunOn()
    {
        var example = Path.Combine(RepositoryRoot(), "config.example.json");

        var loaded = ConfigLoader.Load(example, null, NoEnvironment);

        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Errors));
        Assert.True(loaded.Options.Risk.DryRun);
        Assert.Equal(0.2m, loaded.Options.Risk.MaxCapitalPerMarket);
        Assert.Equal(0.8m, loaded.Options.Risk.MaxTotalExposure);
    }

    [Fact]
    public void Load_SeveralProblems_ReportsEveryOneWithItsPath()
    {
        var path = Write("bad.json", """
            {"GridTrader":{"Mode":"yolo","Markets":[{"Symbol":"btc","CapitalFraction":0.5}],
             "Risk":{"MaxTotalExposure":2},"Grid":{"SpacingMode":"FixedPercent","SpacingPct":0.5},"Engine":{"OrderPollSeconds":0},
             "Typo":1}}
            """);

        var loaded = ConfigLoader.Load(path, null, NoEnvironment);

        var paths = loaded.Errors.Select(p => p.Path).ToList();
        Assert.Contains("GridTrader:Mode", paths);
        Assert.Contains("GridTrader:Markets:0:Symbol", paths);
        Assert.Contains("GridTrader:Risk:MaxTotalExposure", paths);
        Assert.Contains("GridTrader:Grid:SpacingPct", paths);
        Assert.Contains("GridTrader:Engine:OrderPollSeconds", paths);
        Assert.Contains("GridTrader:Typo", paths);
        Assert.Contains(loaded.Errors, p => p.Path == "GridTrader:Grid:SpacingPct" && p.Message.Contains("fee", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_FillModel_DefaultsToTradeThroughAndTheEnvironmentOverridesIt()
    {
        var path = Write("fills.json", """{"GridTrader":{"Markets":[{"Symbol":"BTCNOK"}],"Simulation":{"VolumeShare":0.05}}}""");

        var plain = ConfigLoader.Load(path, null, NoEnvironment);
        var overridden = ConfigLoader.Load(path, null, new Dictionary<string, string?> { ["GridTrader__Simulation__FillModel"] = "VolumeShare" });

        Assert.False(plain.HasErrors, string.Join("\n", plain.Errors));
        Assert.Equal((FillModel.TradeThrough, 0.05m), (plain.Options.Simulation.FillModel, plain.Options.Simulation.VolumeShare));
        Assert.Equal(FillModel.VolumeShare, overridden.Options.Simulation.FillModel);
    }

    [Fact]
    public void Load_UnknownFillModel_IsAnErrorOnTheSimulationSection()
    {
        var path = Write("fills.json", """{"GridTrader":{"Markets":[{"Symbol":"BTCNOK"}],"Simulation":{"FillModel":"Sometimes"}}}""");

        var loaded = ConfigLoader.Load(path, null, NoEnvironment);

        var error = Assert.Single(loaded.Errors);
        Assert.StartsWith("GridTrader:Simulation", error.Path, StringComparison.Ordinal);
        Assert.Contains("Sometimes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MalformedJson_IsOneClearErrorNotAnException()
    {
        var path = Write("broken.json", """{"GridTrader": {"Mode": "simulated",, }""");

        var loaded = ConfigLoader.Load(path, null, NoEnvironment);

        var error = Assert.Single(loaded.Errors);
        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WrongType_NamesTheKey()
    {
        var path = Write("types.json", """{"GridTrader":{"Markets":[{"Symbol":"BTCNOK"}],"Grid":{"Levels":"many"}}}""");

        var loaded = ConfigLoader.Load(path, null, NoEnvironment);

        Assert.Contains(loaded.Errors, p => p.Message.Contains("GridTrader:Grid:Levels", StringComparison.Ordinal) || p.Path == "GridTrader:Grid:Levels");
    }

    [Fact]
    public void Load_SecretInJsonFile_IsRefusedWithoutRepeatingIt()
    {
        const string secret = "super-secret-value-123";
        var path = Write("secret.json", """{"GridTrader":{"Markets":[{"Symbol":"BTCNOK"}],"Exchange":{"SecretKey":"SECRET"}}}""".Replace("SECRET", secret, StringComparison.Ordinal));

        var loaded = ConfigLoader.Load(path, null, NoEnvironment);

        Assert.Contains(loaded.Errors, p => p.Path == "GridTrader:Exchange:SecretKey" && p.Message.Contains("environment", StringComparison.Ordinal));
        Assert.DoesNotContain(loaded.Problems, p => p.Message.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_EnvironmentOverride_WinsOverFileAndDotEnv()
    {
        var path = Write("base.json", """{"GridTrader":{"Markets":[{"Symbol":"BTCNOK"}],"Risk":{"MaxSpreadPct":1.0,"MaxSlippagePct":0.5}}}""");
        var env = Write("test.env", "GridTrader__Risk__MaxSpreadPct=2.5\nGridTrader__Risk__MaxSlippagePct=0.7\nFIRI_CLIENT_ID=from-dotenv\n");
        var environment = new Dictionary<string, string?> { ["GridTrader__Risk__MaxSlippagePct"] = "0.9", ["FIRI_SECRET_KEY"] = "from-env" };

        var loaded = ConfigLoader.Load(path, env, environment);

        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Errors));
        Assert.Equal(2.5m, loaded.Options.Risk.MaxSpreadPct);      // .env over the file
        Assert.Equal(0.9m, loaded.Options.Risk.MaxSlippagePct);    // environment over .env
        Assert.Equal("from-dotenv", loaded.Secrets.FiriClientId);
        Assert.Equal("from-env", loaded.Secrets.FiriSecretKey);
        Assert.DoesNotContain("from-env", loaded.Secrets.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MarketGridOverride_MergesOverDefaultsAndTakesTheExchangeFee()
    {
        var path = Write("markets.json", """
            {"GridTrader":{"Exchange":{"FeeRate":0.004},"Grid":{"Levels":8,"SpacingMode":"FixedPercent","SpacingPct":2.0},
             "Markets":[{"Symbol":"BTCNOK","Grid":{"Levels":12}},{"Symbol":"ETHNOK","CapitalFraction":0.1}]}}
            """);

        var loaded = ConfigLoader.Load(path, null, NoEnvironment);

        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Errors));
        var btc = loaded.Options.Markets[0].Grid!;
        var eth = loaded.Options.Markets[1].Grid!;
        Assert.Equal(12, btc.Levels);
        Assert.Equal(8, eth.Levels);
        Assert.Equal(SpacingMode.FixedPercent, btc.SpacingMode);
        Assert.Equal(2.0m, btc.SpacingPct);
        Assert.Equal(0.004m, btc.FeeRate);
        Assert.Equal(0.004m, eth.FeeRate);
    }

    [Fact]
    public void Load_MarketBudgets_FractionFixedSumOrTheDefaultAndNeverBoth()
    {
        var path = Write("budgets.json", """
            {"GridTrader":{"Markets":[{"Symbol":"BTCNOK","InvestmentNok":15000,"CompoundGridProfit":true},{"Symbol":"ETHNOK","CapitalFraction":0.1},
             {"Symbol":"SOLNOK"}]}}
            """);

        var loaded = ConfigLoader.Load(path, null, NoEnvironment);

        Assert.False(loaded.HasErrors, string.Join("\n", loaded.Errors));
        var (btc, eth, sol) = (loaded.Options.Markets[0], loaded.Options.Markets[1], loaded.Options.Markets[2]);
        Assert.Equal((null, 15_000m, true), (btc.EffectiveCapitalFraction(), btc.InvestmentNok, btc.CompoundGridProfit));
        Assert.Equal((0.1m, (decimal?)null), (eth.EffectiveCapitalFraction(), eth.InvestmentNok));
        Assert.Equal((MarketOptions.DefaultCapitalFraction, (decimal?)null), (sol.EffectiveCapitalFraction(), sol.InvestmentNok));

        var both = ConfigLoader.Load(Write("both.json", """{"GridTrader":{"Markets":[{"Symbol":"BTCNOK","CapitalFraction":0.1,"InvestmentNok":15000}]}}"""),
            null, NoEnvironment);
        Assert.Contains(both.Errors, p => p.Path == "GridTrader:Markets:0:InvestmentNok");
    }

    [Fact]
    public void Load_LiveModeWithoutSecrets_IsAnError()
    {
        var path = Write("live.json", """{"GridTrader":{"Mode":"live","Markets":[{"Symbol":"BTCNOK"}]}}""");

        var loaded = ConfigLoader.Load(path, null, NoEnvironment);

        Assert.Contains(loaded.Errors, p => p.Path == "GridTrader:Mode" && p.Message.Contains("FIRI_SECRET_KEY", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_MarketKeyStartingWithGrid_IsReportedNotDropped()
    {
        var path = Write("grid-typo.json", """
            {"GridTrader":{"Markets":[{"Symbol":"BTCNOK","GridLevels":4,"Grid":{"Levels":6}}]}}
            """);

        var loaded = ConfigLoader.Load(path, null, NoEnvironment);

        Assert.Contains(loaded.Errors, p => p.Path == "GridTrader:Markets:0" && p.Message.Contains("GridLevels", StringComparison.Ordinal));
        Assert.Equal(6, loaded.Options.Markets[0].Grid!.Levels);
    }

    [Fact]
    public void Load_MarketCandleIntervalOfOneMillisecond_Refused()
    {
        var path = Write("ms.json", """{"GridTrader":{"Markets":[{"Symbol":"BTCNOK","CandleInterval":"1ms"}]}}""");

        var loaded = ConfigLoader.Load(path, null, NoEnvironment);

        Assert.Contains(loaded.Errors, p => p.Path == "GridTrader:Markets:0:CandleInterval");
    }

    [Fact]
    public void Load_EnvironmentOverride_IsListedAsComingFromTheEnvironment()
    {
        var path = Write("env.json", """{"GridTrader":{"Markets":[{"Symbol":"BTCNOK"}],"Risk":{"DryRun":true}}}""");

        var loaded = ConfigLoader.Load(path, null, new Dictionary<string, string?> { ["GridTrader__Risk__DryRun"] = "false" });

        Assert.False(loaded.Options.Risk.DryRun);
        Assert.Contains("GridTrader:Risk:DryRun", loaded.EnvironmentKeys);
    }

    private static string RepositoryRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "GridTrader.sln"))) dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("repository root not found");
        return dir;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
