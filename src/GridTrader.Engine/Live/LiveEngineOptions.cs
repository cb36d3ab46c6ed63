using GridTrader.Engine.Trading;
using GridTrader.Exchanges.Reference;

namespace GridTrader.Engine.Live;

/// <summary>Pacing of the live loop. Polling intervals count against the exchange's request budget.</summary>
public sealed record LiveEngineOptions
{
    public EngineSettings Engine { get; init; } = new();
    public TimeSpan TickerInterval { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan OrderPollInterval { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan BalanceInterval { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan ExpiryCheckInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the candle feed is read (Firi: one public-trades request per market); zero: every loop turn.</summary>
    public TimeSpan TradePollInterval { get; init; }

    /// <summary>The loop wakes at least this often (commands wake it at once).</summary>
    public TimeSpan LoopTick { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Candles loaded from storage to warm indicators up after a restart (at least what the strategy needs).</summary>
    public int WarmupCandles { get; init; } = 200;

    /// <summary>
    /// Readies the exchange for a market added while the bot runs (a paper account learns the market, the client its
    /// precision); returns why the market cannot be traded here, or null. Runs on the loop. Null: nothing to prepare.
    /// </summary>
    public Func<Core.Markets.MarketInfo, string?>? PrepareMarket { get; init; }

    /// <summary>
    /// Fill missing history at start from the exchange's public trades and the <see cref="Reference"/> source
    /// (<see cref="CandleHistory"/>); false uses stored candles only (the demo replay, which brings its own candles).
    /// </summary>
    public bool WarmStart { get; init; }

    /// <summary>
    /// Book fills at the price the exchange's trade history shows (a taker fill can beat the limit) instead of the limit
    /// (<see cref="ExecutionPrices"/>).
    /// </summary>
    public bool FillsAtExecutionPrice { get; init; } = true;

    /// <summary>The reference candle source of a warm start; null: none.</summary>
    public IReferenceCandleSource? Reference { get; init; }
}
