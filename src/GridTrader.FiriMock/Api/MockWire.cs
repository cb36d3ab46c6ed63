using GridTrader.Core.MarketData;
using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Exchanges.Abstractions;
using GridTrader.Exchanges.Firi;
using GridTrader.Exchanges.Firi.Wire;

namespace GridTrader.FiriMock.Api;

/// <summary>
/// Engine values as Firi writes them (docs/firi-api.md, "Answers" and "Number formats"): the client's own wire records,
/// filled with strings in Firi's precision: prices at the market's price decimals, amounts at its amount
/// decimals, ticker bid/ask with 16 decimals, times with milliseconds and <c>Z</c>.
/// </summary>
internal static class MockWire
{
    private const int TickerDecimals = 16;

    public static FiriMarketDto Market(MarketSummary s, MarketInfo info)
    {
        // A market that has not traded shows "0" everywhere but its id, as Firi does (BTCDKK sample).
        if (s.Last == 0m) return new FiriMarketDto(info.Symbol, "0", "0", "0", "0", "0");
        return new FiriMarketDto(info.Symbol, Price(s.Last, info), Price(s.High, info), FiriFormat.FormatDecimal(s.ChangePct, 2),
            Price(s.Low, info), FiriFormat.FormatDecimal(s.Volume, 2));
    }

    /// <summary><c>GET /v2/markets/{market}/ticker</c>: spread with 16 decimals, as in the live sample.</summary>
    public static FiriTickerDto Ticker(Ticker t) =>
        new(TickerValue(t.Bid), TickerValue(t.Ask), TickerValue(Spread(t)));

    /// <summary><c>GET /v2/markets/tickers</c> item: spread with 2 decimals, as in that endpoint's sample.</summary>
    public static FiriMarketTickerDto MarketTicker(Ticker t, MarketInfo info) =>
        new(info.Symbol, TickerValue(t.Bid), TickerValue(t.Ask), Spread(t) == 0m ? "0" : Price(Spread(t), info));

    public static FiriOrderBookDto OrderBook(OrderBookSnapshot book, MarketInfo info) =>
        new(Levels(book.Bids, info), Levels(book.Asks, info));

    public static FiriPublicTradeDto PublicTrade(PublicTrade t, MarketInfo info) =>
        new(t.TakerSide.ToWire(), Amount(t.Amount, info), Price(t.Price, info), FiriFormat.FormatTime(t.Time),
            FiriFormat.FormatDecimal(t.Price * t.Amount, info.PriceDecimals));

    /// <summary>
    /// A balance in its currency's precision. Each figure is cut toward zero, so a client never reads more
    /// available than there is.
    /// </summary>
    public static FiriBalanceDto Balance(Balance b, int decimals) =>
        new(b.Currency, Cut(b.Total, decimals), Cut(b.Hold, decimals), Cut(b.Available, decimals));

    public static FiriOrderDto Order(ExchangeOrder o, MarketInfo info) =>
        new(o.Id, info.Symbol, o.Side.ToWire(), Price(o.Price, info), Amount(o.Amount, info), Amount(o.Remaining, info),
            Amount(o.Matched, info), Amount(o.Cancelled, info), FiriFormat.FormatTime(o.CreatedAt));

    /// <summary>Firi's TradeRecord (the documented shape of <c>/v2/history/orders</c>).</summary>
    public static FiriTradeRecordDto TradeRecord(AccountTrade t, MarketInfo info) =>
        new(t.Id, info.Symbol, Price(t.Price, info), info.QuoteCurrency, Amount(t.Amount, info), info.BaseCurrency,
            FiriFormat.FormatDecimal(t.Cost, info.PriceDecimals), info.QuoteCurrency, t.Side.ToWire(), t.IsMaker,
            FiriFormat.FormatTime(t.Time));

    /// <summary>Decimals of a currency: a market's quote currency has its price decimals, a base currency its amount decimals.</summary>
    public static int CurrencyDecimals(string currency, IReadOnlyList<MarketInfo> markets)
    {
        foreach (var m in markets)
        {
            if (string.Equals(m.QuoteCurrency, currency, StringComparison.OrdinalIgnoreCase)) return m.PriceDecimals;
        }

        foreach (var m in markets)
        {
            if (string.Equals(m.BaseCurrency, currency, StringComparison.OrdinalIgnoreCase)) return m.AmountDecimals;
        }

        return FiriClientOptions.DefaultAmountDecimals;
    }

    public static string Price(decimal value, MarketInfo info) => FiriFormat.FormatDecimal(value, info.PriceDecimals);

    public static string Amount(decimal value, MarketInfo info) => FiriFormat.FormatDecimal(value, info.AmountDecimals);

    private static decimal Spread(Ticker t) => t.Ask - t.Bid;

    // Firi's empty side is "0" (docs/firi-api.md, "Number formats").
    private static string TickerValue(decimal value) => value == 0m ? "0" : FiriFormat.FormatDecimal(value, TickerDecimals);

    private static string Cut(decimal value, int decimals) => FiriFormat.FormatDecimal(Quantizer.TowardZero(value, decimals), decimals);

    private static List<IReadOnlyList<string>> Levels(IReadOnlyList<BookLevel> levels, MarketInfo info) =>
        levels.Select(l => (IReadOnlyList<string>)[Price(l.Price, info), Amount(l.Amount, info)]).ToList();
}
