using GridTrader.Core.Accounting;
using GridTrader.Core.Markets;

namespace GridTrader.Core.Tests.TestSupport;

/// <summary>Fills of the BTCNOK test market.</summary>
internal static class Fills
{
    public static Fill Buy(decimal price, decimal amount, decimal fee, string feeCurrency = "NOK", long orderId = 1, int minute = 0) =>
        Make(Side.Buy, price, amount, fee, feeCurrency, orderId, minute);

    public static Fill Sell(decimal price, decimal amount, decimal fee, string feeCurrency = "NOK", long orderId = 2, int minute = 0) =>
        Make(Side.Sell, price, amount, fee, feeCurrency, orderId, minute);

    public static Ledger LedgerWith(decimal nok, decimal btc = 0m, decimal markPrice = 0m)
    {
        var ledger = new Ledger(new Dictionary<string, decimal> { ["NOK"] = nok, ["BTC"] = btc });
        ledger.RegisterMarket(TestMarkets.Symbol, "BTC", "NOK", markPrice);
        return ledger;
    }

    private static Fill Make(Side side, decimal price, decimal amount, decimal fee, string feeCurrency, long orderId, int minute) =>
        new(orderId, TestMarkets.Symbol, "BTC", "NOK", side, price, amount, fee, feeCurrency, TestMarkets.Start.AddMinutes(minute));
}
