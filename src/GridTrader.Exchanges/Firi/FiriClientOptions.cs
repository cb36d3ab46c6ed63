namespace GridTrader.Exchanges.Firi;

/// <summary>Settings of <see cref="FiriClient"/>. Defaults follow Firi's observed behaviour (docs/firi-api.md, "Rate limits" and "Number formats").</summary>
public sealed class FiriClientOptions
{
    public const int DefaultPriceDecimals = 2;
    public const int DefaultAmountDecimals = 8;

    /// <summary>Used when the <see cref="HttpClient"/> given to the client has no <c>BaseAddress</c>.</summary>
    public Uri BaseUrl { get; set; } = new("https://api.firi.com");

    /// <summary>The signature's <c>validity</c>, in milliseconds as most clients read it; sent as the string "2000".</summary>
    public int ValidityMs { get; set; } = 2000;

    /// <summary>Client-side pacing: sustained request rate of the token bucket. 0 turns pacing off.</summary>
    public double RequestsPerSecond { get; set; } = 1;

    /// <summary>Client-side pacing: requests that may go out at once before the rate applies.</summary>
    public int Burst { get; set; } = 5;

    /// <summary>Time allowed for one HTTP attempt, answer included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of a read or cancel after a transient failure. Order creation is never retried.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First backoff delay; each further retry doubles it.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of one backoff delay (a server's Retry-After may ask for longer and is honoured).</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>No retry starts when it would end later than this after the first attempt began.</summary>
    public TimeSpan RetryMaxTotalTime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Relative jitter of a backoff delay: 0.2 spreads it over ±20%. 0 makes delays exact.</summary>
    public double RetryJitter { get; set; } = 0.2;

    /// <summary>
    /// Learn the server clock's offset from <c>GET /time</c> before the first private call, and again after
    /// an expired signature. When that read fails the call is signed with the local clock and the next
    /// private call tries again.
    /// </summary>
    public bool AutoSyncClock { get; set; } = true;

    /// <summary>
    /// Firi's ticker has only bid, ask and spread. When true, <c>GetTickerAsync</c> also reads
    /// <c>GET /v2/markets/{market}</c> for the last price (two requests); when false, <c>Last</c> is 0.
    /// </summary>
    public bool TickerLastFromMarket { get; set; } = true;

    /// <summary>Per-market precision, keyed by symbol (e.g. BTCNOK); other markets use 2 price and 8 amount decimals.</summary>
    public Dictionary<string, FiriMarketPrecision> Markets { get; } = new(StringComparer.OrdinalIgnoreCase);

    public FiriMarketPrecision PrecisionOf(string market) =>
        Markets.TryGetValue(market, out var precision) ? precision : new FiriMarketPrecision();

    /// <summary>Throws <see cref="ArgumentException"/> for settings the client cannot work with.</summary>
    public void Validate()
    {
        if (!BaseUrl.IsAbsoluteUri) throw new ArgumentException("BaseUrl must be absolute.", nameof(BaseUrl));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ValidityMs, 0, nameof(ValidityMs));
        ArgumentOutOfRangeException.ThrowIfNegative(RequestsPerSecond, nameof(RequestsPerSecond));
        ArgumentOutOfRangeException.ThrowIfLessThan(Burst, 1, nameof(Burst));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Timeout, TimeSpan.Zero, nameof(Timeout));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxRetries, nameof(MaxRetries));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryBaseDelay, TimeSpan.Zero, nameof(RetryBaseDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryMaxDelay, RetryBaseDelay, nameof(RetryMaxDelay));
        ArgumentOutOfRangeException.ThrowIfLessThan(RetryMaxTotalTime, TimeSpan.Zero, nameof(RetryMaxTotalTime));
        if (RetryJitter is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(RetryJitter), RetryJitter, "Jitter must be within [0, 1].");
        foreach (var (market, precision) in Markets)
        {
            if (precision.PriceDecimals is < 0 or > 18 || precision.AmountDecimals is < 0 or > 18)
                throw new ArgumentException($"Market {market}: decimals must be within [0, 18].", nameof(Markets));
        }
    }
}
