namespace GridTrader.Core.Accounting;

/// <summary>
/// One grid pair: a sell at line <see cref="SellLevel"/> and the coins bought for it on the line below, in the same
/// grid (<see cref="Epoch"/>). <see cref="Profit"/> is the sell's proceeds after its fee minus what those coins cost with
/// the buy's fee. Amounts accumulate over the sell order's partial fills.
/// </summary>
public sealed record GridPair(
    long SellOrderId,
    string Market,
    int Epoch,
    int SellLevel,
    decimal Amount,
    decimal Cost,
    decimal Proceeds,
    decimal Profit,
    DateTimeOffset ClosedAt);
