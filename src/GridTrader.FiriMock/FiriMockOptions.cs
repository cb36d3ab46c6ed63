using GridTrader.Core.Markets;
using GridTrader.FiriMock.Auth;
using GridTrader.FiriMock.Faults;

namespace GridTrader.FiriMock;

/// <summary>How the mock's prices move.</summary>
internal enum MockPriceSource
{
    /// <summary>A seeded random walk of candles around each market's initial price.</summary>
    RandomWalk,

    /// <summary>Candles replayed from CSV files (<see cref="FiriMockOptions.DataFile"/>).</summary>
    CandleFile,

    /// <summary>Prices move only through the admin API (<c>POST /admin/price</c>, <c>POST /admin/candle</c>).</summary>
    Scripted,
}

/// <summary>One market the mock serves, with the price it starts from when no candle file sets one.</summary>
internal sealed record MockMarket(MarketInfo Info, decimal InitialPrice);

/// <summary>Everything a <see cref="FiriMockServer"/> run is configured with. Defaults serve BTCNOK and ETHNOK.</summary>
internal sealed class FiriMockOptions
{
    public const string DefaultApiKey = "mock-api-key";
    public const string DefaultClientId = "mock-client-id";
    public const string DefaultSecret = "mock-secret";

    /// <summary>Port on 127.0.0.1; 0 picks a free one (the bound address is returned by <see cref="FiriMockServer.StartAsync"/>).</summary>
    public int Port { get; set; } = 5090;

    public List<MockMarket> Markets { get; } =
    [
        new(new MarketInfo("BTCNOK", "BTC", "NOK", priceDecimals: 2, amountDecimals: 8, minAmount: 0.0001m), 1_000_000m),
        new(new MarketInfo("ETHNOK", "ETH", "NOK", priceDecimals: 2, amountDecimals: 8, minAmount: 0.001m), 30_000m),
    ];

    /// <summary>Keys the mock accepts. One full-permission key when left empty.</summary>
    public List<MockApiKey> Keys { get; } = [];

    /// <summary>Starting balances by currency; every market's currencies are listed too, with zero.</summary>
    public Dictionary<string, decimal> Balances { get; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["NOK"] = 100_000m,
        ["BTC"] = 1m,
        ["ETH"] = 10m,
    };

    public MockPriceSource PriceSource { get; set; } = MockPriceSource.RandomWalk;

    /// <summary>Candle CSV replayed for the first market (BTCNOK), and for the others scaled by <see cref="FollowerRatio"/>.</summary>
    public string? DataFile { get; set; }

    /// <summary>Optional second candle CSV for ETHNOK instead of following the first file.</summary>
    public string? EthDataFile { get; set; }

    /// <summary>Candle prices are multiplied by this (USDT data read as NOK, like the bot's simulated mode).</summary>
    public decimal PriceMultiplier { get; set; } = 10m;

    /// <summary>A market without its own file follows the first one's path times this ratio (ETHNOK ≈ 3% of BTCNOK).</summary>
    public decimal FollowerRatio { get; set; } = 0.03m;

    /// <summary>
    /// Candles of each market's source served as history before the mock's start by its klines endpoint
    /// (<c>GET /api/v3/klines</c>); the live feed continues after them, so history and live prices join up. 0: the klines
    /// endpoint serves only what the mock walks after its start.
    /// </summary>
    public int HistoryCandles { get; set; }

    /// <summary>Length of one history candle when the source has no times of its own (the random walk).</summary>
    public TimeSpan HistoryInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Real time spent walking one candle.</summary>
    public TimeSpan CandleDuration { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Seeds the random walk and the fault dice.</summary>
    public int Seed { get; set; } = 42;

    public FaultSpec Faults { get; set; } = FaultSpec.None;

    /// <summary>Trading fee per side (Firi: 0.5%).</summary>
    public decimal FeeRate { get; set; } = 0.005m;

    /// <summary>
    /// Share of a candle's volume the account's resting orders may take together; an order crossed by a
    /// thin candle fills partially. Null: every crossed order fills in full.
    /// </summary>
    public decimal? VolumeParticipation { get; set; } = 1m;

    /// <summary>Signature checks: grace after expiry, tolerance for future timestamps, strict body form.</summary>
    public MockAuthOptions Auth { get; } = new();

    /// <summary>The mock's clock (engine times, <c>GET /time</c>, signature expiry, latency). The skew fault shifts it.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Write the mock's own log events to the console (debug level).</summary>
    public bool Verbose { get; set; }

    /// <summary>The configured keys, or the default full-permission key.</summary>
    public IReadOnlyList<MockApiKey> EffectiveKeys =>
        Keys.Count > 0 ? Keys : [new MockApiKey(DefaultApiKey, DefaultClientId, DefaultSecret, MockPermissions.All)];

    /// <summary>Throws <see cref="ArgumentException"/> for a configuration the mock cannot run with.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(Port, nameof(Port));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65535, nameof(Port));
        if (Markets.Count == 0) throw new ArgumentException("At least one market is needed.", nameof(Markets));
        if (Markets.Select(m => m.Info.Symbol).Distinct(StringComparer.OrdinalIgnoreCase).Count() != Markets.Count)
            throw new ArgumentException("Market symbols must be unique.", nameof(Markets));
        foreach (var market in Markets)
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(market.InitialPrice, nameof(MockMarket.InitialPrice));
        foreach (var (currency, amount) in Balances)
        {
            if (amount < 0) throw new ArgumentException($"Balance of {currency} is negative.", nameof(Balances));
        }

        if (PriceSource == MockPriceSource.CandleFile && string.IsNullOrWhiteSpace(DataFile))
            throw new ArgumentException("A candle file is needed to replay candles.", nameof(DataFile));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(PriceMultiplier, nameof(PriceMultiplier));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(FollowerRatio, nameof(FollowerRatio));
        ArgumentOutOfRangeException.ThrowIfNegative(HistoryCandles, nameof(HistoryCandles));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(HistoryCandles, 1_000_000, nameof(HistoryCandles));
        if (HistoryInterval < TimeSpan.FromSeconds(1)) throw new ArgumentOutOfRangeException(nameof(HistoryInterval), "A history candle lasts at least 1 s.");
        if (CandleDuration < TimeSpan.FromMilliseconds(10))
            throw new ArgumentOutOfRangeException(nameof(CandleDuration), "A candle takes at least 10 ms.");
        if (FeeRate is < 0m or >= 1m) throw new ArgumentOutOfRangeException(nameof(FeeRate), "Fee must be within [0, 1).");
        if (VolumeParticipation is <= 0m) throw new ArgumentOutOfRangeException(nameof(VolumeParticipation), "Participation must be positive.");
        var keys = EffectiveKeys;
        if (keys.Select(k => k.ClientId).Distinct(StringComparer.Ordinal).Count() != keys.Count)
            throw new ArgumentException("Client ids must be unique.", nameof(Keys));
        Auth.Validate();
    }
}
