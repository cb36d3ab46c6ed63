using GridTrader.Core.MarketData;
using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Exchanges.Abstractions;

namespace GridTrader.Exchanges.Firi.Wire;

/// <summary>
/// Firi wire shapes to domain types. A missing or malformed field throws <see cref="FormatException"/>,
/// which the client's decoding edge turns into <see cref="ExchangeErrorKind.InvalidResponse"/>.
/// </summary>
internal static class FiriWireMapper
{
    public static MarketSummary ToMarketSummary(FiriMarketDto dto) => new(
        Required(dto.Id, "id"),
        FiriFormat.ParseDecimal(dto.Last, "last"),
        FiriFormat.ParseDecimal(dto.High, "high"),
        FiriFormat.ParseDecimal(dto.Low, "low"),
        FiriFormat.ParseDecimal(dto.Change, "change"),
        FiriFormat.ParseDecimal(dto.Volume, "volume"));

    public static Ticker ToTicker(string market, FiriTickerDto dto, decimal last, DateTimeOffset time) =>
        new(market, FiriFormat.ParseDecimal(dto.Bid, "bid"), FiriFormat.ParseDecimal(dto.Ask, "ask"), last, time);

    public static Ticker ToTicker(FiriMarketTickerDto dto, decimal last, DateTimeOffset time) =>
        new(Required(dto.Market, "market"), FiriFormat.ParseDecimal(dto.Bid, "bid"), FiriFormat.ParseDecimal(dto.Ask, "ask"), last, time);

    public static OrderBookSnapshot ToOrderBook(string market, FiriOrderBookDto dto, int depth) =>
        new(market, ToLevels(dto.Bids, "bids", depth), ToLevels(dto.Asks, "asks", depth));

    public static PublicTrade ToPublicTrade(string market, FiriPublicTradeDto dto) => new(
        market,
        ParseSide(dto.Type, "type"),
        FiriFormat.ParseDecimal(dto.Price, "price"),
        FiriFormat.ParseDecimal(dto.Amount, "amount"),
        FiriFormat.ParseTime(dto.CreatedAt, "created_at"));

    public static Balance ToBalance(FiriBalanceDto dto) => new(
        Required(dto.Currency, "currency"),
        FiriFormat.ParseDecimal(dto.Balance, "balance"),
        FiriFormat.ParseDecimal(dto.Hold, "hold"),
        FiriFormat.ParseDecimal(dto.Available, "available"));

    public static ExchangeOrder ToOrder(FiriOrderDto dto) => new(
        dto.Id > 0 ? dto.Id : throw FiriFormat.Malformed("id", dto.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Required(dto.Market, "market"),
        ParseSide(dto.Type, "type"),
        FiriFormat.ParseDecimal(dto.Price, "price"),
        FiriFormat.ParseDecimal(dto.Amount, "amount"),
        FiriFormat.ParseDecimal(dto.Matched, "matched"),
        FiriFormat.ParseDecimal(dto.Remaining, "remaining"),
        FiriFormat.ParseDecimal(dto.Cancelled, "cancelled"),
        FiriFormat.ParseTime(dto.CreatedAt, "created_at"));

    /// <summary>
    /// A TradeRecord as an <see cref="AccountTrade"/>. Reads the documented shape and the older one
    /// (<c>type</c>/<c>created_at</c>); a missing <c>cost</c> is price × amount, a missing
    /// <c>isMaker</c> is false. Firi reports neither the order id nor the fee here (the fee is a
    /// separate <c>MatchFee</c> transaction), so those stay empty.
    /// </summary>
    public static AccountTrade ToAccountTrade(FiriTradeRecordDto dto)
    {
        var price = FiriFormat.ParseDecimal(dto.Price, "price");
        var amount = FiriFormat.ParseDecimal(dto.Amount, "amount");
        var cost = dto.Cost is null ? price * amount : FiriFormat.ParseDecimal(dto.Cost, "cost");
        return new AccountTrade(
            Required(dto.Id, "id"),
            Required(dto.Market, "market"),
            ParseSide(dto.Side ?? dto.Type, "side"),
            price,
            amount,
            cost,
            dto.IsMaker ?? false,
            FiriFormat.ParseTime(dto.Date ?? dto.CreatedAt, "date"));
    }

    public static decimal ToMatched(FiriMatchedDto dto) => FiriFormat.ParseDecimal(dto.Matched, "matched");

    private static List<BookLevel> ToLevels(IReadOnlyList<IReadOnlyList<string>>? levels, string field, int depth)
    {
        if (levels is null) throw FiriFormat.Malformed(field, null);
        var result = new List<BookLevel>(Math.Min(levels.Count, depth));
        foreach (var level in levels.Take(depth))
        {
            if (level is not { Count: >= 2 }) throw FiriFormat.Malformed(field, "level without [price, amount]");
            result.Add(new BookLevel(FiriFormat.ParseDecimal(level[0], field), FiriFormat.ParseDecimal(level[1], field)));
        }

        return result;
    }

    private static Side ParseSide(string? text, string field) =>
        SideExtensions.TryParseWire(text, out var side) ? side : throw FiriFormat.Malformed(field, text);

    private static string Required(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? throw FiriFormat.Malformed(field, text) : text;
}
