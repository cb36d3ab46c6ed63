using System.Text.RegularExpressions;
using GridTrader.Core.Grid;
using GridTrader.Core.MarketData;
using GridTrader.Core.Risk;

namespace GridTrader.Core.Configuration;

/// <summary>Checks a whole configuration and reports every problem at once, each with the path of its key.</summary>
public static partial class ConfigValidator
{
    private const string Root = GridTraderOptions.SectionName;

    [GeneratedRegex("^[A-Z]{6,12}$")]
    private static partial Regex SymbolPattern();

    [GeneratedRegex("^[A-Z0-9]{4,20}$")]
    private static partial Regex ReferenceSymbolPattern();

    /// <summary>Which secrets the environment provides (values are never passed here).</summary>
    public sealed record SecretsPresent(bool ApiKey, bool ClientId, bool Secret)
    {
        public static SecretsPresent None { get; } = new(false, false, false);
    }

    public static IReadOnlyList<ConfigProblem> Validate(GridTraderOptions options, SecretsPresent? secrets = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<ConfigProblem>();
        void Error(string path, string message) => problems.Add(new ConfigProblem($"{Root}:{path}", message));
        void Warn(string path, string message) => problems.Add(new ConfigProblem($"{Root}:{path}", message, true));

        if (!TradingModes.IsKnown(options.Mode))
            Error("Mode", $"'{options.Mode}' is not a mode; use simulated, paper or live.");
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
            Error("DataDirectory", "must name a directory.");

        ValidateExchange(options.Exchange, Error);
        ValidateReference(options.Reference, Error);
        ValidateRisk(options.Risk, Error, Warn);
        ValidateEngine(options.Engine, Error);

        if (options.Simulation.PriceMultiplier <= 0)
            Error("Simulation:PriceMultiplier", $"must be positive (got {options.Simulation.PriceMultiplier}).");
        if (!Enum.IsDefined(options.Simulation.FillModel))
            Error("Simulation:FillModel", "must be Touch, TradeThrough or VolumeShare.");
        if (options.Simulation.VolumeShare is <= 0 or > 1)
            Error("Simulation:VolumeShare", $"must be in (0, 1] (got {options.Simulation.VolumeShare}).");
        if (options.Simulation.CandlesPerSecond < 0 || double.IsNaN(options.Simulation.CandlesPerSecond))
            Error("Simulation:CandlesPerSecond", "cannot be negative.");
        foreach (var (currency, amount) in options.Simulation.InitialBalances)
        {
            if (amount < 0) Error($"Simulation:InitialBalances:{currency}", $"cannot be negative (got {amount}).");
        }

        ValidateGrid(options.Grid, "Grid", Error, Warn);
        ValidateExitAgainstRisk(options.Grid, options.Risk, "Grid", Error);

        if (options.Markets.Count == 0)
            Error("Markets", "at least one market is required (e.g. BTCNOK).");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var totalFraction = 0m;
        for (var i = 0; i < options.Markets.Count; i++)
        {
            var m = options.Markets[i];
            var path = $"Markets:{i}";
            if (!SymbolPattern().IsMatch(m.Symbol ?? ""))
                Error($"{path}:Symbol", $"'{m.Symbol}' is not a market symbol (upper case base+quote, e.g. BTCNOK).");
            else if (!seen.Add(m.Symbol!))
                Error($"{path}:Symbol", $"{m.Symbol} is configured twice.");
            var share = ValidateBudget(options, m, path, Error);
            if (m.Enabled) totalFraction += share;
            if (m.PriceDecimals is < 0 or > 12) Error($"{path}:PriceDecimals", $"must be 0–12 (got {m.PriceDecimals}).");
            if (m.AmountDecimals is < 0 or > 18) Error($"{path}:AmountDecimals", $"must be 0–18 (got {m.AmountDecimals}).");
            if (m.MinAmount < 0) Error($"{path}:MinAmount", $"cannot be negative (got {m.MinAmount}).");
            if (!CandleInterval.TryParse(m.CandleInterval, out var candleInterval))
                Error($"{path}:CandleInterval", $"'{m.CandleInterval}' is not an interval (e.g. 1m, 5m, 1h, 4h, 1d).");
            else if (!string.IsNullOrEmpty(m.TrendInterval))
                ValidateTrendInterval(m.TrendInterval, candleInterval, $"{path}:TrendInterval", Error);
            if (!string.IsNullOrEmpty(m.ReferenceSymbol) && !ReferenceSymbolPattern().IsMatch(m.ReferenceSymbol))
                Error($"{path}:ReferenceSymbol", $"'{m.ReferenceSymbol}' is not a symbol (upper case letters and digits, e.g. BTCUSDT).");
            if (m.Grid is { } grid && !ReferenceEquals(grid, options.Grid))
            {
                ValidateGrid(grid, $"{path}:Grid", Error, Warn);
                ValidateExitAgainstRisk(grid, options.Risk, $"{path}:Grid", Error);
            }
        }

        if (totalFraction > options.Risk.MaxTotalExposure)
            Error("Markets", $"enabled markets allocate {totalFraction:0.####} of equity, above Risk:MaxTotalExposure = {options.Risk.MaxTotalExposure}.");

        if (options.Mode == TradingModes.Live)
        {
            var s = secrets ?? SecretsPresent.None;
            if (!s.ClientId || !s.Secret)
                Error("Mode", "live mode needs FIRI_CLIENT_ID and FIRI_SECRET_KEY in the environment or .env.");
            if (options.Risk.DryRun)
                Warn("Risk:DryRun", "is true: live mode will use real prices but send no order.");
        }

        return problems;
    }

    /// <summary>
    /// A market's budget: a capital fraction or a fixed investment, exactly one, positive and within the per-market cap
    /// (a fixed sum against the starting equity where the configuration knows it: the simulated and paper accounts).
    /// Returns the market's share of equity as far as it is known (0 for a fixed sum on an unknown account).
    /// </summary>
    private static decimal ValidateBudget(GridTraderOptions options, MarketOptions m, string path, Action<string, string> error)
    {
        var cap = options.Risk.MaxCapitalPerMarket;
        if (m.InvestmentNok is { } nok)
        {
            if (m.CapitalFraction is not null)
            {
                error($"{path}:InvestmentNok", $"a market's budget is CapitalFraction or InvestmentNok, not both (got {m.CapitalFraction} and {nok}); remove one.");
                return 0m;
            }

            if (nok <= 0)
            {
                error($"{path}:InvestmentNok", $"must be positive (got {nok}).");
                return 0m;
            }

            if (KnownEquity(options, m) is not { } equity) return 0m;
            if (nok > equity * cap)
            {
                error($"{path}:InvestmentNok", FormattableString.Invariant(
                    $"{nok} exceeds the per-market cap Risk:MaxCapitalPerMarket = {cap} of the starting equity {equity} ({equity * cap} {QuoteOf(m.Symbol)}); lower it or raise the cap."));
            }

            return nok / equity;
        }

        var fraction = m.EffectiveCapitalFraction() ?? MarketOptions.DefaultCapitalFraction;
        if (fraction is <= 0 or > 1)
            error($"{path}:CapitalFraction", $"must be in (0, 1] (got {fraction}).");
        else if (fraction > cap)
            error($"{path}:CapitalFraction", $"{fraction} exceeds the per-market cap Risk:MaxCapitalPerMarket = {cap}.");
        return Math.Max(0m, fraction);
    }

    /// <summary>
    /// Starting equity in a market's quote currency where the configuration knows it: the simulated and paper accounts
    /// start from <c>Simulation:InitialBalances</c> (quote only; held base has no price here). Null in live mode.
    /// </summary>
    private static decimal? KnownEquity(GridTraderOptions options, MarketOptions m)
    {
        if (options.Mode == TradingModes.Live) return null;
        return options.Simulation.InitialBalances.TryGetValue(QuoteOf(m.Symbol), out var quote) && quote > 0 ? quote : null;
    }

    private static string QuoteOf(string? symbol) =>
        symbol is { Length: >= 6 } ? Markets.MarketInfo.FromSymbol(symbol).QuoteCurrency : "";

    private static void ValidateExchange(ExchangeOptions e, Action<string, string> error)
    {
        if (!Uri.TryCreate(e.BaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            error("Exchange:BaseUrl", $"'{e.BaseUrl}' is not an http(s) URL.");
        if (e.FeeRate is < 0 or > 0.05m) error("Exchange:FeeRate", $"must be between 0 and 0.05 (got {e.FeeRate}).");
        if (e.FeeCurrency is not ("Quote" or "Received")) error("Exchange:FeeCurrency", $"'{e.FeeCurrency}' must be Quote or Received.");
        if (e.ValidityMs <= 0) error("Exchange:ValidityMs", $"must be positive (got {e.ValidityMs}).");
        if (!(e.RequestsPerSecond > 0)) error("Exchange:RequestsPerSecond", $"must be positive (got {e.RequestsPerSecond}).");
        if (e.Burst < 1) error("Exchange:Burst", $"must be at least 1 (got {e.Burst}).");
        if (!(e.TimeoutSeconds > 0)) error("Exchange:TimeoutSeconds", $"must be positive (got {e.TimeoutSeconds}).");
        if (e.MaxRetries is < 0 or > 10) error("Exchange:MaxRetries", $"must be 0–10 (got {e.MaxRetries}).");
    }

    private static void ValidateReference(ReferenceOptions r, Action<string, string> error)
    {
        if (r.IsEnabled && (!Uri.TryCreate(r.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            error("Reference:Url", $"'{r.Url}' is not an http(s) URL (leave it empty to turn the reference source off).");
        if (!ReferenceSymbolPattern().IsMatch(r.QuoteCurrency ?? ""))
            error("Reference:QuoteCurrency", $"'{r.QuoteCurrency}' is not a currency code (e.g. USDT).");
        if (!(r.RequestsPerSecond > 0)) error("Reference:RequestsPerSecond", $"must be positive (got {r.RequestsPerSecond}).");
        if (!(r.TimeoutSeconds > 0)) error("Reference:TimeoutSeconds", $"must be positive (got {r.TimeoutSeconds}).");
    }

    private static void ValidateTrendInterval(string text, TimeSpan candleInterval, string path, Action<string, string> error)
    {
        if (!CandleInterval.TryParse(text, out var trend))
            error(path, $"'{text}' is not an interval (e.g. 4h), or leave it empty to use the candle interval.");
        else if (trend < candleInterval || trend.Ticks % candleInterval.Ticks != 0)
            error(path, $"{text} must be a whole multiple of the candle interval {CandleInterval.Format(candleInterval)} (e.g. 4h on 1h candles).");
    }

    private static void ValidateRisk(RiskSettings r, Action<string, string> error, Action<string, string> warn)
    {
        if (r.MaxCapitalPerMarket is <= 0 or > 1) error("Risk:MaxCapitalPerMarket", $"must be in (0, 1] (got {r.MaxCapitalPerMarket}).");
        if (r.MaxTotalExposure is <= 0 or > 1) error("Risk:MaxTotalExposure", $"must be in (0, 1] (got {r.MaxTotalExposure}).");
        if (r.MaxCapitalPerMarket > r.MaxTotalExposure)
            error("Risk:MaxCapitalPerMarket", $"{r.MaxCapitalPerMarket} is above Risk:MaxTotalExposure {r.MaxTotalExposure}.");
        if (r.MaxSpreadPct <= 0) error("Risk:MaxSpreadPct", $"must be positive (got {r.MaxSpreadPct}).");
        if (r.MaxSlippagePct < 0) error("Risk:MaxSlippagePct", $"cannot be negative (got {r.MaxSlippagePct}).");
        if (r.MinOrderValue < 0) error("Risk:MinOrderValue", $"cannot be negative (got {r.MinOrderValue}).");
        if (r.MaxOrderValue < 0) error("Risk:MaxOrderValue", $"cannot be negative (got {r.MaxOrderValue}).");
        else if (r.MaxOrderValue > 0 && r.MaxOrderValue < r.MinOrderValue)
            error("Risk:MaxOrderValue", $"{r.MaxOrderValue} is below Risk:MinOrderValue {r.MinOrderValue}.");
        if (r.CircuitBreakerAtrJump is <= 0) error("Risk:CircuitBreakerAtrJump", $"must be positive, or null for the default of each candle interval (got {r.CircuitBreakerAtrJump}).");
        if (r.CircuitBreakerCooldownCandles is < 1 or > 1000)
            error("Risk:CircuitBreakerCooldownCandles", $"must be between 1 and 1000 candles (got {r.CircuitBreakerCooldownCandles}).");
        if (r.MaxDrawdownPct is < 0 or >= 100) error("Risk:MaxDrawdownPct", $"must be in [0, 100) (got {r.MaxDrawdownPct}).");
        else if (r.MaxDrawdownPct == 0) warn("Risk:MaxDrawdownPct", "is 0: the drawdown stop is off.");
    }

    private static void ValidateEngine(EngineOptions e, Action<string, string> error)
    {
        if (!(e.TickerPollSeconds > 0)) error("Engine:TickerPollSeconds", $"must be positive (got {e.TickerPollSeconds}).");
        if (!(e.OrderPollSeconds > 0)) error("Engine:OrderPollSeconds", $"must be positive (got {e.OrderPollSeconds}).");
        if (e.OrderTtlHours < 0 || double.IsNaN(e.OrderTtlHours)) error("Engine:OrderTtlHours", $"cannot be negative (got {e.OrderTtlHours}).");
        if (e.RejectCooldownSeconds < 0 || double.IsNaN(e.RejectCooldownSeconds)) error("Engine:RejectCooldownSeconds", "cannot be negative.");
        if (!(e.ReconcileWindowMinutes > 0)) error("Engine:ReconcileWindowMinutes", $"must be positive (got {e.ReconcileWindowMinutes}).");
        if (!(e.UnknownGraceSeconds > 0)) error("Engine:UnknownGraceSeconds", $"must be positive (got {e.UnknownGraceSeconds}).");
    }

    /// <summary>Validates one grid; also used by <c>plan</c>.</summary>
    public static void ValidateGrid(GridSettings g, string path, Action<string, string> error, Action<string, string> warn)
    {
        ArgumentNullException.ThrowIfNull(g);
        if (g.Levels is < 2 or > 200) error($"{path}:Levels", $"must be 2–200 (got {g.Levels}).");
        if (g.FeeRate is < 0 or > 0.05m) error($"{path}:FeeRate", $"must be between 0 and 0.05 (got {g.FeeRate}).");
        if (g.MinProfitMarginPct < 0) error($"{path}:MinProfitMarginPct", $"cannot be negative (got {g.MinProfitMarginPct}).");
        if (g.ExitPolicy == ExitPolicy.TakeProfit && g.TakeProfitMultiplier <= 0)
            error($"{path}:TakeProfitMultiplier", $"must be positive (got {g.TakeProfitMultiplier}).");
        var feeFloor = FeeFloor.Of(g);
        var floor = g.AllowUnprofitableSpacing ? warn : error;
        void CheckFloor(string key, decimal spacingPct)
        {
            if (feeFloor.Shortfall(spacingPct) is { } shortfall)
                floor($"{path}:{key}", $"{shortfall} (set AllowUnprofitableSpacing to override).");
        }

        if (g.SpacingMode == SpacingMode.FixedPercent)
        {
            if (g.SpacingPct <= 0) error($"{path}:SpacingPct", $"must be positive (got {g.SpacingPct}).");
            else CheckFloor("SpacingPct", g.SpacingPct);
        }
        else
        {
            if (g.AtrMultiplier <= 0) error($"{path}:AtrMultiplier", $"must be positive (got {g.AtrMultiplier}).");
            if (g.AtrPeriod is < 1 or > 500) error($"{path}:AtrPeriod", $"must be 1–500 (got {g.AtrPeriod}).");
            if (g.MinSpacingPct <= 0) error($"{path}:MinSpacingPct", $"must be positive (got {g.MinSpacingPct}).");
            else CheckFloor("MinSpacingPct", g.MinSpacingPct);
            if (g.MaxSpacingPct < g.MinSpacingPct) error($"{path}:MaxSpacingPct", $"{g.MaxSpacingPct} is below MinSpacingPct {g.MinSpacingPct}.");
        }

        if (g.TrendFilterEnabled)
        {
            if (g.TrendFastPeriod < 1) error($"{path}:TrendFastPeriod", $"must be at least 1 (got {g.TrendFastPeriod}).");
            if (g.TrendSlowPeriod <= g.TrendFastPeriod) error($"{path}:TrendSlowPeriod", $"{g.TrendSlowPeriod} must be above TrendFastPeriod {g.TrendFastPeriod}.");
            if (g.TrendThresholdPct < 0) error($"{path}:TrendThresholdPct", $"cannot be negative (got {g.TrendThresholdPct}).");
            if (g.TrendExitThresholdPct < 0 || g.TrendExitThresholdPct > g.TrendThresholdPct)
                error($"{path}:TrendExitThresholdPct", $"must be between 0 and TrendThresholdPct {g.TrendThresholdPct} (got {g.TrendExitThresholdPct}).");
        }

        if (g.VolatilitySpikeMultiplier <= 1) error($"{path}:VolatilitySpikeMultiplier", $"must be above 1 (got {g.VolatilitySpikeMultiplier}).");
        if (g.AtrMeanWindow is < 2 or > 1000) error($"{path}:AtrMeanWindow", $"must be 2–1000 (got {g.AtrMeanWindow}).");
        if (!Enum.IsDefined(g.Geometry)) error($"{path}:Geometry", "must be Arithmetic or Geometric.");
        if (!Enum.IsDefined(g.SpacingMode)) error($"{path}:SpacingMode", "must be FixedPercent or Atr.");
        if (!Enum.IsDefined(g.ExitPolicy)) error($"{path}:ExitPolicy", "must be NextLevel or TakeProfit.");
        if (!Enum.IsDefined(g.Recenter)) error($"{path}:Recenter", "must be Wait, Trail or Rebuild.");
        ValidateStops(g, path, error);
    }

    /// <summary>
    /// The grid's moves and stops: a wrong value here stops the market (and sells what it holds) at once, or leaves its
    /// exit sell resting above the market.
    /// </summary>
    private static void ValidateStops(GridSettings g, string path, Action<string, string> error)
    {
        if (g.TrailFloor is <= 0) error($"{path}:TrailFloor", $"must be positive (got {g.TrailFloor}).");
        if (g.TrailCeiling is <= 0) error($"{path}:TrailCeiling", $"must be positive (got {g.TrailCeiling}).");
        if (g.TrailFloor is { } floor && g.TrailCeiling is { } ceiling && floor >= ceiling)
            error($"{path}:TrailFloor", $"{floor} must be below TrailCeiling {ceiling}.");
        if (g.StopLossPrice is <= 0) error($"{path}:StopLossPrice", $"must be positive (got {g.StopLossPrice}).");
        if (g.TakeProfitPrice is <= 0) error($"{path}:TakeProfitPrice", $"must be positive (got {g.TakeProfitPrice}).");
        if (g.StopLossPrice is { } stop && g.TakeProfitPrice is { } target && stop >= target)
            error($"{path}:StopLossPrice", $"{stop} must be below TakeProfitPrice {target}.");
        if (g.LossLimit is <= 0) error($"{path}:LossLimit", $"must be a positive amount of the quote currency (got {g.LossLimit}).");
        if (g.ExitSlippagePct is < 0 or >= 100) error($"{path}:ExitSlippagePct", $"must be at least 0 and below 100 (got {g.ExitSlippagePct}).");
    }

    /// <summary>An exit sell priced further under the price than risk allows a sell is refused every time: the stop never sells.</summary>
    private static void ValidateExitAgainstRisk(GridSettings g, RiskSettings risk, string path, Action<string, string> error)
    {
        if (g.SellOnStop && g.ExitSlippagePct > risk.MaxSlippagePct)
            error($"{path}:ExitSlippagePct", $"{g.ExitSlippagePct} exceeds Risk:MaxSlippagePct {risk.MaxSlippagePct}: risk would refuse every exit sell.");
    }
}
