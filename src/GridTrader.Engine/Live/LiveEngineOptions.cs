using GridTrader.Engine.Trading;

namespace GridTrader.Engine.Live;

/// <summary>Pacing of the live loop. Polling intervals count against the exchange's request budget.</summary>
public sealed record LiveEngineOptions
{
    public EngineSettings Engine { get; init; } = new();
    public TimeSpan TickerInterval { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan OrderPollInterval { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan BalanceInterval { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan ExpiryCheckInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The loop wakes at least this often (commands wake it at once).</summary>
    public TimeSpan LoopTick { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Candles loaded from storage to warm indicators up after a restart.</summary>
    public int WarmupCandles { get; init; } = 200;

    /// <summary>
    /// Readies the exchange for a market added while the bot runs (a paper account learns the market, the client its
    /// precision); returns why the market cannot be traded here, or null. Runs on the loop. Null: nothing to prepare.
    /// </summary>
    public Func<Core.Markets.MarketInfo, string?>? PrepareMarket { get; init; }
}
