using GridTrader.Core.Markets;

namespace GridTrader.Core.Tests.TestSupport;

/// <summary>Markets with round numbers, so expected prices and amounts can be worked out by hand.</summary>
internal static class TestMarkets
{
    public const string Symbol = "BTCNOK";

    public static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Firi's defaults: NOK prices to 2 decimals, amounts to 8.</summary>
    public static MarketInfo BtcNok(int amountDecimals = 8, decimal minAmount = 0.0001m, decimal minOrderValue = 0m) =>
        new(Symbol, "BTC", "NOK", priceDecimals: 2, amountDecimals: amountDecimals, minAmount: minAmount, minOrderValue: minOrderValue);

    /// <summary>Amounts to 2 decimals, so order sizes stay short enough to check by hand.</summary>
    public static MarketInfo Coarse(decimal minAmount = 0.1m) => BtcNok(amountDecimals: 2, minAmount: minAmount);
}
