using GridTrader.Core.Accounting;
using GridTrader.Core.Markets;

namespace GridTrader.Exchanges.Simulation;

/// <summary>Settings of a <see cref="MatchingEngine"/>. The defaults model Firi.</summary>
public sealed record MatchingEngineOptions
{
    /// <summary>Order ids start above 2^31 so that any int32 truncation of an id shows up at once.</summary>
    public const long DefaultFirstOrderId = 2_147_483_648L + 1;

    /// <summary>Fee per side as a fraction of the fill's value (Firi: 0.5%).</summary>
    public decimal FeeRate { get; init; } = 0.005m;

    /// <summary>Fee for fills of resting orders; <see cref="FeeRate"/> when null.</summary>
    public decimal? MakerFeeRate { get; init; }

    /// <summary>Fee for fills of marketable orders at placement; <see cref="FeeRate"/> when null.</summary>
    public decimal? TakerFeeRate { get; init; }

    public FeeCurrencyPolicy FeeCurrency { get; init; } = FeeCurrencyPolicy.Quote;

    /// <summary>
    /// When the buy fee is charged in quote, also hold it at placement (price × amount × (1 + fee)).
    /// Turning this off holds price × amount only; the fee is then taken from the available balance at
    /// fill time, which can briefly make an over-committed account's available balance negative.
    /// </summary>
    public bool HoldFeeOnBuy { get; init; } = true;

    /// <summary>
    /// Which price fills a resting order: <see cref="FillModel.Touch"/> (the engine's default, reaching the limit) or
    /// one tick through it (<see cref="FillModel.TradeThrough"/>, <see cref="FillModel.VolumeShare"/>). Backtests and
    /// paper trading take the model from their configuration, where trade-through is the default.
    /// </summary>
    public FillModel FillModel { get; init; } = FillModel.Touch;

    /// <summary>
    /// Share of the traded volume the account's resting orders may take together, in price-time priority (0.1 = 10%).
    /// Required, in (0, 1], with <see cref="FillModel.VolumeShare"/>. With <see cref="FillModel.Touch"/> it may cap the
    /// fills along candles only (the Firi mock does so); <see cref="FillModel.TradeThrough"/> takes none (capped, it is
    /// <see cref="FillModel.VolumeShare"/>). Null or 0: every crossed order fills in full.
    /// </summary>
    public decimal? VolumeParticipation { get; init; }

    public long FirstOrderId { get; init; } = DefaultFirstOrderId;

    public TickerSpread TickerHalfSpread { get; init; } = TickerSpread.Ticks(1);

    /// <summary>
    /// Candle length assumed by <see cref="MatchingEngine.ProcessCandle(string, in GridTrader.Core.MarketData.Candle)"/>
    /// to time the path's corners. It also sizes each market's candle tape to a day of candles (1 440 to 20 000
    /// entries), which bounds the 24 h statistics.
    /// </summary>
    public TimeSpan CandleInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Public trades per market: individual prints (own fills, stepwise corners, moves with volume) are kept in
    /// a ring of this size, and at most this many trades are returned.
    /// </summary>
    public int PublicTradeCapacity { get; init; } = 1_000;

    /// <summary>Closed orders kept for history and lookup by id.</summary>
    public int ClosedOrderCapacity { get; init; } = 10_000;

    /// <summary>Own executions kept for the trade history.</summary>
    public int AccountTradeCapacity { get; init; } = 10_000;

    /// <summary>
    /// Queue every fill for <see cref="MatchingEngine.DrainFills"/>. An owner that never drains (it
    /// polls orders instead, as against Firi) turns this off so the queue cannot grow without bound.
    /// </summary>
    public bool CollectFills { get; init; } = true;

    /// <summary>Print the candle path's four points as public trades (each a quarter of the candle's volume).</summary>
    public bool RecordPathTrades { get; init; } = true;

    /// <summary>
    /// Keep the candles walked by <see cref="MatchingEngine.ProcessCandle(string, in GridTrader.Core.MarketData.Candle)"/>
    /// for the 24 h statistics and the path prints. An owner that never asks for either (the backtester) turns it off
    /// and saves a copy per candle; the statistics then only see moves and prints.
    /// </summary>
    public bool RecordCandleTape { get; init; } = true;

    public decimal EffectiveMakerFeeRate => MakerFeeRate ?? FeeRate;

    public decimal EffectiveTakerFeeRate => TakerFeeRate ?? FeeRate;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(FeeRate, nameof(FeeRate));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(FeeRate, 1m, nameof(FeeRate));
        ArgumentOutOfRangeException.ThrowIfNegative(EffectiveMakerFeeRate, nameof(MakerFeeRate));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(EffectiveMakerFeeRate, 1m, nameof(MakerFeeRate));
        ArgumentOutOfRangeException.ThrowIfNegative(EffectiveTakerFeeRate, nameof(TakerFeeRate));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(EffectiveTakerFeeRate, 1m, nameof(TakerFeeRate));
        if (!Enum.IsDefined(FillModel)) throw new ArgumentOutOfRangeException(nameof(FillModel), FillModel, "Unknown fill model.");
        if (VolumeParticipation is { } p)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(p, nameof(VolumeParticipation));
        }

        if (FillModel == FillModel.VolumeShare && VolumeParticipation is not (> 0m and <= 1m))
            throw new ArgumentOutOfRangeException(nameof(VolumeParticipation), VolumeParticipation, "The volume-share fill model needs a share in (0, 1].");
        if (FillModel == FillModel.TradeThrough && VolumeParticipation is > 0m)
            throw new ArgumentException("A volume cap with trade-through fills is the volume-share fill model.", nameof(VolumeParticipation));

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(FirstOrderId, nameof(FirstOrderId));
        ArgumentOutOfRangeException.ThrowIfNegative(TickerHalfSpread.Value, nameof(TickerHalfSpread));
        if (CandleInterval <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(CandleInterval), "Candle interval must be positive.");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(PublicTradeCapacity, nameof(PublicTradeCapacity));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ClosedOrderCapacity, nameof(ClosedOrderCapacity));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(AccountTradeCapacity, nameof(AccountTradeCapacity));
    }
}
