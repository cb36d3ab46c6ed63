using GridTrader.Core.Markets;

namespace GridTrader.Exchanges.Simulation;

/// <summary>
/// Everything the engine keeps for one market. Fields, not properties: this is the hot path's data. The books are
/// built with the fill model's distance (<c>through</c>: 0 for touch fills, else the market's tick).
/// </summary>
internal sealed class SimMarket(MarketInfo info, BalanceAccount baseAccount, BalanceAccount quoteAccount, MarketTape tape, decimal through)
{
    public readonly MarketInfo Info = info;
    public readonly BalanceAccount Base = baseAccount;
    public readonly BalanceAccount Quote = quoteAccount;
    public readonly BookSide Bids = new(isBid: true, through);
    public readonly BookSide Asks = new(isBid: false, through);
    public readonly MarketTape Tape = tape;

    public bool HasPrice;
    public decimal Last;
    public DateTimeOffset LastTime;

    /// <summary>The candle being walked by <c>BeginCandle</c>/<c>AdvanceCandle</c>, if any.</summary>
    public CandlePath Path;

    /// <summary>Amount each corner of the stepwise candle prints as a public trade (0: none).</summary>
    public decimal PathPrintAmount;

    // Volume cap of the current candle (or, with the volume-share model, of the current move). The budget is
    // computed on the first fill only, so a candle that crosses nothing costs no multiplication.
    public bool BudgetActive;
    public bool BudgetComputed;
    public decimal BudgetVolume;
    public decimal BudgetRemaining;
}
