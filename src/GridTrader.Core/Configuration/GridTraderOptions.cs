using GridTrader.Core.Grid;
using GridTrader.Core.Markets;
using GridTrader.Core.Risk;

namespace GridTrader.Core.Configuration;

/// <summary>
/// The whole configuration, bound from <c>appsettings.json</c> (section <c>GridTrader</c>) and environment variables
/// (<c>GridTrader__Risk__DryRun=false</c>). Secrets are not here: they come from the environment or <c>.env</c> only.
/// The host's own sections (dashboard, notifications) are bound by the host into its options type, beside these.
/// </summary>
public sealed class GridTraderOptions
{
    public const string SectionName = "GridTrader";

    /// <summary><c>simulated</c> (built-in exchange on shipped data), <c>paper</c> (real prices, simulated fills) or <c>live</c>.</summary>
    public string Mode { get; set; } = TradingModes.Simulated;

    /// <summary>Database, logs, lock file and dashboard token live here.</summary>
    public string DataDirectory { get; set; } = "gridtrader-data";

    public ExchangeOptions Exchange { get; set; } = new();

    /// <summary>The reference candle source a warm start borrows older history from (Binance-compatible klines).</summary>
    public ReferenceOptions Reference { get; set; } = new();

    public SimulationOptions Simulation { get; set; } = new();

    /// <summary>Grid defaults; each market may override any of them.</summary>
    public GridSettings Grid { get; set; } = new();

    public List<MarketOptions> Markets { get; set; } = [];
    public RiskSettings Risk { get; set; } = new();
    public EngineOptions Engine { get; set; } = new();
}

public static class TradingModes
{
    public const string Simulated = "simulated";
    public const string Paper = "paper";
    public const string Live = "live";

    public static bool IsKnown(string? mode) => mode is Simulated or Paper or Live;
}

public sealed class ExchangeOptions
{
    public string Name { get; set; } = "firi";
    public string BaseUrl { get; set; } = "https://api.firi.com";

    /// <summary>Fee per side as a fraction (Firi: 0.5%).</summary>
    public decimal FeeRate { get; set; } = 0.005m;

    /// <summary><c>Quote</c> (Firi charges NOK) or <c>Received</c>.</summary>
    public string FeeCurrency { get; set; } = "Quote";

    public int ValidityMs { get; set; } = 2000;
    public double RequestsPerSecond { get; set; } = 1;
    public int Burst { get; set; } = 5;
    public double TimeoutSeconds { get; set; } = 10;
    public int MaxRetries { get; set; } = 3;
}

/// <summary>
/// A Binance-compatible klines endpoint (<c>GET /api/v3/klines</c>) that supplies the candle history Firi cannot: its
/// prices are scaled to each market by the current Firi price (ATR in percent and the EMA trend do not depend on the
/// scale). The engine uses it at a warm start; it lives beside <see cref="ExchangeOptions"/> because it is market data
/// the trading engine consumes, not a concern of the host.
/// </summary>
public sealed class ReferenceOptions
{
    /// <summary>Base URL of the klines API; empty turns the reference source off (history then comes from Firi only).</summary>
    public string Url { get; set; } = "https://api.binance.com";

    /// <summary>Quote currency of the reference symbol a market derives when it names none (BTCNOK → BTC + USDT).</summary>
    public string QuoteCurrency { get; set; } = "USDT";

    /// <summary>Client-side pacing of the reference host (its own budget, separate from Firi's).</summary>
    public double RequestsPerSecond { get; set; } = 5;

    public double TimeoutSeconds { get; set; } = 10;

    /// <summary>True when a reference URL is configured.</summary>
    public bool IsEnabled => !string.IsNullOrWhiteSpace(Url);
}

public sealed class SimulationOptions
{
    private Dictionary<string, decimal> _initialBalances = new(StringComparer.OrdinalIgnoreCase) { ["NOK"] = 100_000m };

    /// <summary>Candle file (CSV, optionally gzip) the simulated exchange replays; relative to the working directory or the install.</summary>
    public string DataFile { get; set; } = "data/BTCUSDT-1m-2025-07.csv.gz";

    /// <summary>
    /// Multiplies the file's prices (the shipped data is BTC/USDT; 10 approximates USD→NOK so NOK minimums make
    /// sense). Percent returns do not depend on it.
    /// </summary>
    public decimal PriceMultiplier { get; set; } = 10m;

    /// <summary>Starting balances per currency; currency codes match case-insensitively.</summary>
    public Dictionary<string, decimal> InitialBalances
    {
        get => _initialBalances;
        // A deserializer replaces the dictionary with one of its own; copying keeps currency lookups case-insensitive.
        set => _initialBalances = new Dictionary<string, decimal>(value ?? [], StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Candles replayed per second in <c>run</c> (0 = as fast as possible).</summary>
    public double CandlesPerSecond { get; set; } = 100;

    /// <summary>
    /// When a resting order fills in <c>backtest</c>, <c>sweep</c>, a simulated <c>run</c> and paper trading:
    /// <c>Touch</c>, <c>TradeThrough</c> (the default: the price must trade a tick through the order) or <c>VolumeShare</c>.
    /// </summary>
    public FillModel FillModel { get; set; } = FillModel.TradeThrough;

    /// <summary>
    /// With <c>FillModel</c> <c>VolumeShare</c>: the share of each candle's (or trade print's) volume the bot's orders may
    /// take together, in (0, 1]. Only that model uses it; it is checked whatever the model, because
    /// <c>backtest --fill-model volume-share</c> can choose the model on the command line.
    /// </summary>
    public decimal VolumeShare { get; set; } = 0.1m;
}

public sealed class MarketOptions
{
    /// <summary>The share of equity a market gets when its configuration names neither budget.</summary>
    public const decimal DefaultCapitalFraction = 0.2m;

    public string Symbol { get; set; } = "";
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Share of equity allocated to this grid (must not exceed the per-market cap). A market states this or
    /// <see cref="InvestmentNok"/>, not both; with neither it gets <see cref="DefaultCapitalFraction"/> (see
    /// <see cref="EffectiveCapitalFraction"/>).
    /// </summary>
    public decimal? CapitalFraction { get; set; }

    /// <summary>
    /// A fixed budget for this grid in the market's quote currency (NOK on Firi), instead of a share of equity; it must
    /// be positive and, where equity is known, within the per-market cap.
    /// </summary>
    public decimal? InvestmentNok { get; set; }

    /// <summary>Realized grid profit raises the grid's budget at its next plan (a rebuild or recentre); off by default.</summary>
    public bool CompoundGridProfit { get; set; }

    /// <summary>The market's share of equity when its budget is a share: the stated one, or the default; null for a fixed budget.</summary>
    public decimal? EffectiveCapitalFraction() => CapitalFraction ?? (InvestmentNok is null ? DefaultCapitalFraction : null);

    public int PriceDecimals { get; set; } = 2;
    public int AmountDecimals { get; set; } = 8;
    public decimal MinAmount { get; set; } = 0.0001m;

    /// <summary>Candle interval of the grid: ATR, spike, breaker (e.g. 5m, 1h).</summary>
    public string CandleInterval { get; set; } = "1h";

    /// <summary>
    /// Interval of the EMA trend (e.g. 4h while the grid uses 1h, as the original bot did); a whole multiple of
    /// <see cref="CandleInterval"/>. Empty: the trend uses the grid's candles.
    /// </summary>
    public string TrendInterval { get; set; } = "";

    /// <summary>Symbol of this market on the reference source (e.g. BTCUSDT); empty: base + <c>Reference:QuoteCurrency</c>.</summary>
    public string ReferenceSymbol { get; set; } = "";

    /// <summary>Use base already held on the account for the sell side of the first grid.</summary>
    public bool UseExistingBase { get; set; }

    /// <summary>Effective grid settings (defaults merged with this market's overrides by the loader).</summary>
    public GridSettings? Grid { get; set; }
}

public sealed class EngineOptions
{
    public double TickerPollSeconds { get; set; } = 5;
    public double OrderPollSeconds { get; set; } = 5;

    /// <summary>Orders older than this are cancelled (original: 24 h); 0 disables expiry.</summary>
    public double OrderTtlHours { get; set; } = 24;

    /// <summary>After a refused placement the line waits this long before trying again.</summary>
    public double RejectCooldownSeconds { get; set; } = 60;

    /// <summary>How far back (minutes) reconciliation looks for an order whose create answer was lost.</summary>
    public double ReconcileWindowMinutes { get; set; } = 10;

    /// <summary>An order whose create answer was lost and that is not found on the exchange after this long is declared not placed.</summary>
    public double UnknownGraceSeconds { get; set; } = 30;
}
