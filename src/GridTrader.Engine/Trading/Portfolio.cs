using GridTrader.Core.MarketData;
using GridTrader.Core.Markets;
using GridTrader.Core.Orders;
using GridTrader.Core.Risk;

namespace GridTrader.Engine.Trading;

/// <summary>
/// The account seen as a whole: equity, each market's exposure, and the context a risk check needs. The one home of
/// the equity rule (quote balances counted once per currency, plus every traded base at its market's last price).
/// </summary>
public sealed class Portfolio(IAccountView account, OrderTracker tracker, MarketSet markets, EngineSettings settings, TimeProvider time)
{
    private readonly decimal _syntheticHalfSpread = settings.SyntheticHalfSpreadPct / 100m;

    public IAccountView Account { get; } = account;

    /// <summary>Equity in quote currency at the markets' last prices.</summary>
    public decimal Equity() => EquityOf(Account, markets.All, static m => m.Info, static m => m.LastPrice);

    /// <summary>
    /// Equity of <paramref name="account"/> over <paramref name="markets"/>, each market's base valued at
    /// <paramref name="price"/>: the rule every equity figure of the project uses (quote balances counted once per
    /// currency, plus every traded base at its price).
    /// </summary>
    public static decimal EquityOf<T>(IAccountView account, IReadOnlyList<T> markets, Func<T, MarketInfo> info, Func<T, decimal> price)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(markets);
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(price);
        var equity = 0m;
        for (var i = 0; i < markets.Count; i++) equity += EquityTerm(account, markets, i, info, price(markets[i]));
        return equity;
    }

    /// <summary>What market <paramref name="index"/> adds: its quote balance unless an earlier market shares the currency, plus its base.</summary>
    private static decimal EquityTerm<T>(IAccountView account, IReadOnlyList<T> markets, int index, Func<T, MarketInfo> info, decimal price)
    {
        var market = info(markets[index]);
        var term = QuoteCountedBefore(markets, index, info, market.QuoteCurrency) ? 0m : account.Total(market.QuoteCurrency);
        return term + account.Total(market.BaseCurrency) * price;
    }

    /// <summary>True when a market before <paramref name="index"/> has the same quote currency (a handful of markets: a scan beats a set).</summary>
    private static bool QuoteCountedBefore<T>(IReadOnlyList<T> markets, int index, Func<T, MarketInfo> info, string quote)
    {
        for (var j = 0; j < index; j++)
        {
            if (string.Equals(info(markets[j]).QuoteCurrency, quote, StringComparison.OrdinalIgnoreCase)) return true;
        }

        return false;
    }

    /// <summary>Position value plus the value of open buys of one market.</summary>
    public decimal Exposure(MarketSlot market)
    {
        ArgumentNullException.ThrowIfNull(market);
        return Account.Total(market.Info.BaseCurrency) * market.LastPrice + tracker.OpenBuyValue(market.Symbol);
    }

    public RiskContext BuildRiskContext(MarketSlot market)
    {
        ArgumentNullException.ThrowIfNull(market);
        var ticker = market.LastTicker ?? SyntheticTicker(market);
        var own = Exposure(market);
        var total = own;
        foreach (var m in markets.All)
        {
            if (m != market) total += Exposure(m);
        }

        return new RiskContext(ticker, Equity(), own, total,
            Account.Available(market.Info.QuoteCurrency), Account.Available(market.Info.BaseCurrency), settings.Fees.Rate);
    }

    private Ticker? SyntheticTicker(MarketSlot market)
    {
        var price = market.Strategy.LastPrice;
        if (price <= 0) return null;
        var half = price * _syntheticHalfSpread;
        return new Ticker(market.Symbol, price - half, price + half, price, time.GetUtcNow());
    }
}
