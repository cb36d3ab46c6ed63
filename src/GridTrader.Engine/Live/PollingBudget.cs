using System.Globalization;

namespace GridTrader.Engine.Live;

/// <summary>The live loop's polling intervals for a number of markets, and the request rate they add up to.</summary>
public sealed record PollingPlan(
    int Markets,
    TimeSpan TickerInterval,
    TimeSpan TradePollInterval,
    TimeSpan OrderPollInterval,
    TimeSpan BalanceInterval,
    double RequestsPerMinute,
    double PerMarketPerMinute,
    double BudgetPerMinute,
    double Stretch)
{
    /// <summary>True when the configured intervals had to be lengthened to fit the budget.</summary>
    public bool Stretched => Stretch > 1.0;

    public override string ToString()
    {
        var stretched = Stretched ? " (stretched to fit the budget)" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{Markets} market(s): {RequestsPerMinute:0.#} requests/min of {BudgetPerMinute:0.#} ({PerMarketPerMinute:0.#} per market); ticker and trades every {TickerInterval.TotalSeconds:0.#} s, orders every {OrderPollInterval.TotalSeconds:0.#} s{stretched}");
    }
}

/// <summary>
/// The one place the live loop's polling is sized to Firi's request budget (docs/firi-api.md, "Rate limits"). Per market
/// and poll: the ticker (2 requests: ticker and market summary, for the last price), the public trades the candles are
/// built from (1), and the open orders (1); the balances once for all markets. Polling may use
/// <see cref="PollingShare"/> of the budget; the rest is left to what events cause (placements, cancels, an order
/// that left the book, the trade history a fill is priced from). With more markets than the budget carries at the
/// configured intervals, every interval is stretched by the same factor, so N markets never exceed the budget.
/// </summary>
public static class PollingBudget
{
    /// <summary>Share of the request budget polling may use.</summary>
    public const double PollingShare = 0.75;

    /// <summary>Requests per market and ticker poll: the ticker and the market summary (Firi's ticker has no last price).</summary>
    public const int TickerRequests = 2;

    /// <summary>Requests per market and candle poll: the public trades.</summary>
    public const int TradeRequests = 1;

    /// <summary>Requests per market and order poll: the open orders.</summary>
    public const int OrderRequests = 1;

    /// <param name="requestsPerSecond">The client's sustained budget (<c>Exchange:RequestsPerSecond</c>); 0 or less: unpaced.</param>
    /// <param name="markets">Markets traded.</param>
    /// <param name="ticker">Configured ticker (and candle) poll interval: the fastest the loop polls.</param>
    /// <param name="orders">Configured order poll interval.</param>
    /// <param name="balances">Configured balance poll interval.</param>
    /// <param name="privateCallsRemote">False in paper mode: orders and balances are answered by the simulated account, not Firi.</param>
    public static PollingPlan Plan(double requestsPerSecond, int markets, TimeSpan ticker, TimeSpan orders, TimeSpan balances,
        bool privateCallsRemote)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(markets, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ticker, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(orders, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(balances, TimeSpan.Zero);
        var budget = requestsPerSecond > 0 ? requestsPerSecond * 60 : double.PositiveInfinity;
        var perMarket = PerMinute(ticker, TickerRequests + TradeRequests) + (privateCallsRemote ? PerMinute(orders, OrderRequests) : 0);
        var shared = privateCallsRemote ? PerMinute(balances, 1) : 0;
        var total = (markets * perMarket) + shared;
        var factor = Math.Max(1.0, total / (budget * PollingShare));
        return new PollingPlan(markets, ticker * factor, ticker * factor, orders * factor, balances * factor, total / factor,
            perMarket / factor, budget, factor);
    }

    private static double PerMinute(TimeSpan interval, int requests) => requests * 60.0 / interval.TotalSeconds;
}
