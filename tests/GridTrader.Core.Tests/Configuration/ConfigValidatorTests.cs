using GridTrader.Core.Configuration;
using GridTrader.Core.Grid;
using GridTrader.Core.Markets;

namespace GridTrader.Core.Tests.Configuration;

public class ConfigValidatorTests
{
    private static readonly ConfigValidator.SecretsPresent AllSecrets = new(ApiKey: true, ClientId: true, Secret: true);

    /// <summary>The shipped defaults plus the one thing they cannot guess: which market to trade.</summary>
    private static GridTraderOptions DefaultsWithOneMarket() => new() { Markets = [new MarketOptions { Symbol = "BTCNOK" }] };

    private static List<string> ErrorPaths(IEnumerable<ConfigProblem> problems) =>
        problems.Where(p => !p.IsWarning).Select(p => p.Path).Order().ToList();

    [Fact]
    public void Validate_DefaultsWithAMarket_HaveNoErrorsOrWarnings()
    {
        Assert.Empty(ConfigValidator.Validate(DefaultsWithOneMarket()));
    }

    [Fact]
    public void Validate_DefaultsWithoutMarkets_AskForAMarket()
    {
        var problem = Assert.Single(ConfigValidator.Validate(new GridTraderOptions()));

        Assert.Equal("GridTrader:Markets", problem.Path);
        Assert.False(problem.IsWarning);
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEveryOneWithItsPath()
    {
        var options = DefaultsWithOneMarket();
        options.Markets[0].Symbol = "btc-nok";
        options.Risk = options.Risk with { MaxTotalExposure = 1.5m };
        options.Grid = options.Grid with { MinSpacingPct = 0.5m }; // below 2 × 0.5% + 0.2% = 1.2%

        var problems = ConfigValidator.Validate(options);

        Assert.Equal(["GridTrader:Grid:MinSpacingPct", "GridTrader:Markets:0:Symbol", "GridTrader:Risk:MaxTotalExposure"], ErrorPaths(problems));
        Assert.Contains("fee", problems.Single(p => p.Path.EndsWith("MinSpacingPct", StringComparison.Ordinal)).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Defaults_FillByTradeThroughWithATenPercentShare()
    {
        var simulation = DefaultsWithOneMarket().Simulation;

        Assert.Equal((FillModel.TradeThrough, 0.1m), (simulation.FillModel, simulation.VolumeShare));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-0.1)]
    [InlineData(1.01)]
    public void Validate_VolumeShareOutsideZeroToOne_IsAnErrorWhateverTheModel(double share)
    {
        // Checked under TradeThrough too: `backtest --fill-model volume-share` may pick the model after validation.
        var options = DefaultsWithOneMarket();
        options.Simulation.VolumeShare = (decimal)share;

        var problem = Assert.Single(ConfigValidator.Validate(options));

        Assert.Equal("GridTrader:Simulation:VolumeShare", problem.Path);
        Assert.False(problem.IsWarning);
    }

    [Fact]
    public void Validate_UnknownFillModel_IsAnError()
    {
        var options = DefaultsWithOneMarket();
        options.Simulation.FillModel = (FillModel)7;

        var problem = Assert.Single(ConfigValidator.Validate(options));

        Assert.Equal("GridTrader:Simulation:FillModel", problem.Path);
        Assert.Contains("TradeThrough", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MarketCapitalAboveThePerMarketCap_IsAnError()
    {
        var options = DefaultsWithOneMarket();
        options.Markets[0].CapitalFraction = 0.3m; // cap 0.2

        var problem = Assert.Single(ConfigValidator.Validate(options));

        Assert.Equal("GridTrader:Markets:0:CapitalFraction", problem.Path);
        Assert.Contains("Risk:MaxCapitalPerMarket", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EnabledMarketsAboveTheTotalCap_IsAnErrorButDisabledOnesDoNotCount()
    {
        var options = new GridTraderOptions
        {
            Markets = [.. new[] { "BTCNOK", "ETHNOK", "SOLNOK", "ADANOK", "XRPNOK" }.Select(s => new MarketOptions { Symbol = s })],
        };

        // 5 × 0.2 = 1.0 > 0.8
        Assert.Equal(["GridTrader:Markets"], ErrorPaths(ConfigValidator.Validate(options)));

        options.Markets[4].Enabled = false; // 4 × 0.2 = 0.8
        Assert.Empty(ConfigValidator.Validate(options));
    }

    [Fact]
    public void Validate_FixedBudgetWithinTheCap_IsAcceptedAndTheDefaultFractionGivesWay()
    {
        var options = DefaultsWithOneMarket();
        options.Markets[0].InvestmentNok = 15_000m; // 15 % of the simulated 100,000 NOK

        Assert.Empty(ConfigValidator.Validate(options));
        Assert.Null(options.Markets[0].EffectiveCapitalFraction());
        Assert.Equal(MarketOptions.DefaultCapitalFraction, new MarketOptions().EffectiveCapitalFraction());
    }

    [Fact]
    public void Validate_FixedBudgetAndFractionBoth_IsAnErrorOnTheBudget()
    {
        var options = DefaultsWithOneMarket();
        options.Markets[0].CapitalFraction = 0.1m;
        options.Markets[0].InvestmentNok = 15_000m;

        var problem = Assert.Single(ConfigValidator.Validate(options));

        Assert.Equal("GridTrader:Markets:0:InvestmentNok", problem.Path);
        Assert.Contains("not both", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-100)]
    public void Validate_FixedBudgetNotPositive_IsAnError(decimal nok)
    {
        var options = DefaultsWithOneMarket();
        options.Markets[0].InvestmentNok = nok;

        Assert.Equal(["GridTrader:Markets:0:InvestmentNok"], ErrorPaths(ConfigValidator.Validate(options)));
    }

    [Fact]
    public void Validate_FixedBudgetAboveTheCapOfAKnownEquity_IsAnErrorAndUnknownEquityIsCheckedAtStart()
    {
        var options = DefaultsWithOneMarket();
        options.Markets[0].InvestmentNok = 25_000m; // cap 0.2 × 100,000 NOK

        var problem = Assert.Single(ConfigValidator.Validate(options));
        Assert.Equal("GridTrader:Markets:0:InvestmentNok", problem.Path);
        Assert.Contains("20000", problem.Message, StringComparison.Ordinal);

        // A live account's equity is unknown until the bot reads it: the engine caps the budget then.
        options.Mode = TradingModes.Live;
        options.Risk = options.Risk with { DryRun = false };
        Assert.Empty(ConfigValidator.Validate(options, AllSecrets));
    }

    [Fact]
    public void Validate_FixedBudgets_CountTowardsTheTotalCapAsTheirShareOfAKnownEquity()
    {
        var options = new GridTraderOptions
        {
            Markets = [.. new[] { "BTCNOK", "ETHNOK", "SOLNOK", "ADANOK" }.Select(s => new MarketOptions { Symbol = s })],
        };
        options.Markets.Add(new MarketOptions { Symbol = "XRPNOK", InvestmentNok = 1_000m });

        // 4 × 0.2 + 0.01 > 0.8
        Assert.Equal(["GridTrader:Markets"], ErrorPaths(ConfigValidator.Validate(options)));
    }

    [Fact]
    public void Validate_SameSymbolTwice_ReportsTheSecond()
    {
        var options = new GridTraderOptions { Markets = [new MarketOptions { Symbol = "BTCNOK" }, new MarketOptions { Symbol = "BTCNOK" }] };

        Assert.Equal(["GridTrader:Markets:1:Symbol"], ErrorPaths(ConfigValidator.Validate(options)));
    }

    [Fact]
    public void Validate_LiveWithoutSecrets_IsAnError()
    {
        var options = DefaultsWithOneMarket();
        options.Mode = TradingModes.Live;
        options.Risk = options.Risk with { DryRun = false };

        var problem = Assert.Single(ConfigValidator.Validate(options, ConfigValidator.SecretsPresent.None));

        Assert.Equal("GridTrader:Mode", problem.Path);
        Assert.Contains("FIRI_SECRET_KEY", problem.Message, StringComparison.Ordinal);
        Assert.Empty(ConfigValidator.Validate(options, AllSecrets));
    }

    [Fact]
    public void Validate_LiveStillInDryRun_WarnsThatNoOrderWillBeSent()
    {
        var options = DefaultsWithOneMarket();
        options.Mode = TradingModes.Live;

        var problem = Assert.Single(ConfigValidator.Validate(options, AllSecrets));

        Assert.Equal("GridTrader:Risk:DryRun", problem.Path);
        Assert.True(problem.IsWarning);
    }

    [Fact]
    public void Validate_UnprofitableFixedSpacingWithOverride_IsOnlyAWarning()
    {
        var options = DefaultsWithOneMarket();
        options.Grid = options.Grid with { SpacingMode = SpacingMode.FixedPercent, SpacingPct = 0.8m };

        Assert.Equal(["GridTrader:Grid:SpacingPct"], ErrorPaths(ConfigValidator.Validate(options)));

        options.Grid = options.Grid with { AllowUnprofitableSpacing = true };
        var problem = Assert.Single(ConfigValidator.Validate(options));

        Assert.True(problem.IsWarning);
        Assert.Equal("GridTrader:Grid:SpacingPct", problem.Path);
    }

    [Fact]
    public void Validate_MarketGridOverride_IsValidatedUnderTheMarketsPath()
    {
        var options = DefaultsWithOneMarket();
        options.Markets[0].Grid = options.Grid with { Levels = 1, MaxSpacingPct = 1m };

        Assert.Equal(["GridTrader:Markets:0:Grid:Levels", "GridTrader:Markets:0:Grid:MaxSpacingPct"],
            ErrorPaths(ConfigValidator.Validate(options)));
    }

    [Fact]
    public void Validate_CircuitBreakerWithoutACooldown_IsAnError()
    {
        var options = DefaultsWithOneMarket();
        options.Risk = options.Risk with { CircuitBreakerCooldownCandles = 0 };

        Assert.Equal(["GridTrader:Risk:CircuitBreakerCooldownCandles"], ErrorPaths(ConfigValidator.Validate(options)));
    }

    [Theory]
    [InlineData("LossLimit")]
    [InlineData("StopLossAboveTakeProfit")]
    [InlineData("ExitSlippagePct")]
    [InlineData("ExitSlippageAboveRiskSlippage")]
    public void Validate_GridStopSettingsThatStopOrNeverSell_AreErrors(string what)
    {
        var options = DefaultsWithOneMarket();
        options.Grid = what switch
        {
            // A negative limit stops the market (and sells what it holds) at its first price, with no loss at all.
            "LossLimit" => options.Grid with { LossLimit = -100m },
            "StopLossAboveTakeProfit" => options.Grid with { StopLossPrice = 1_100_000m, TakeProfitPrice = 1_000_000m },
            // A negative slippage prices the exit sell above the market: it rests instead of selling.
            "ExitSlippagePct" => options.Grid with { ExitSlippagePct = -1m },
            // An exit priced further below the price than risk allows is refused on every attempt: the stop never sells.
            _ => options.Grid with { ExitSlippagePct = options.Risk.MaxSlippagePct + 0.5m },
        };

        var problems = ConfigValidator.Validate(options);

        Assert.Contains(problems, p => !p.IsWarning && p.Path.StartsWith("GridTrader:Grid:", StringComparison.Ordinal));
    }
}
