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

    // Which markets count their quote balance (the first of each quote currency), worked out once per set of markets: the
    // equity is asked on every candle of a backtest, and the markets only change when one is added.
    private bool[] _countsQuote = [];

    public IAccountView Account { get; } = account;

    /// <summary>Equity in quote currency at the markets' last prices.</summary>
    public decimal Equity()
    {
        var all = markets.All;
        var counts = _countsQuote;
        if (counts.Length != all.Count) _countsQuote = counts = QuoteFlags(all, static m => m.Info);
        if (counts.Length == 0) return 0m;
        var equity = Term(Account, all[0].Info, counts[0], all[0].LastPrice);
        for (var i = 1; i < counts.Length; i++)
        {
            var m = all[i];
            equity += Term(Account, m.Info, counts[i], m.LastPrice);
        }

        return equity;
    }

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
        var counts = QuoteFlags(markets, info);
        if (counts.Length == 0) return 0m;
        var equity = Term(account, info(markets[0]), counts[0], price(markets[0]));
        for (var i = 1; i < counts.Length; i++) equity += Term(account, info(markets[i]), counts[i], price(markets[i]));
        return equity;
    }

    /// <summary>
    /// What one market adds: its quote balance when it is the first market of that currency, plus its base at
    /// <paramref name="price"/>. A sum starts at its first term rather than at 0 (0 + x is x digit for digit, and a
    /// decimal addition of unlike scales is the costliest step of the equity a backtest asks for on every candle).
    /// </summary>
    private static decimal Term(IAccountView account, MarketInfo market, bool countsQuote, decimal price)
    {
        var baseValue = account.Total(market.BaseCurrency) * price;
        return countsQuote ? account.Total(market.QuoteCurrency) + baseValue : baseValue;
    }

    /// <summary>For each market, true unless a market before it has the same quote currency (a handful of markets: a scan beats a set).</summary>
    private static bool[] QuoteFlags<T>(IReadOnlyList<T> markets, Func<T, MarketInfo> info)
    {
        var counts = new bool[markets.Count];
        for (var i = 0; i < counts.Length; i++)
        {
            var quote = info(markets[i]).QuoteCurrency;
            counts[i] = true;
            for (var j = 0; j < i; j++)
            {
                if (string.Equals(info(markets[j]).QuoteCurrency, quote, StringComparison.OrdinalIgnoreCase)) counts[i] = false;
            }
        }

        return counts;
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
