using GridTrader.Core.MarketData;
using GridTrader.Core.Markets;
using GridTrader.Exchanges.Simulation;

namespace GridTrader.Exchanges.Tests.Simulation;

/// <summary>Shared setup: one BTCNOK market (2/8 decimals, min 0.0001 BTC) priced at 100 000 NOK at <see cref="T0"/>.</summary>
internal static class Sim
{
    public const string Market = "BTCNOK";
    public const decimal StartPrice = 100_000m;
    public static readonly DateTimeOffset T0 = new(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);
    public static readonly MarketInfo BtcNok = new(Market, "BTC", "NOK", priceDecimals: 2, amountDecimals: 8, minAmount: 0.0001m);

    public static MatchingEngine Engine(MatchingEngineOptions? options = null, decimal nok = 1_000_000m, decimal btc = 1m)
    {
        var engine = new MatchingEngine(options);
        engine.AddMarket(BtcNok);
        engine.Deposit("NOK", nok);
        engine.Deposit("BTC", btc);
        engine.MoveTo(Market, StartPrice, T0);
        return engine;
    }

    /// <summary>The <paramref name="index"/>-th one-minute candle after <see cref="T0"/>.</summary>
    public static Candle Candle(int index, decimal open, decimal high, decimal low, decimal close, decimal volume = 10m) =>
        new(OpenTime(index).ToUnixTimeMilliseconds(), open, high, low, close, volume);

    public static DateTimeOffset OpenTime(int index) => T0.AddMinutes(index + 1);

    public static long Buy(this MatchingEngine engine, decimal price, decimal amount) =>
        engine.PlaceOrder(Market, Side.Buy, price, amount, T0).Value;

    public static long Sell(this MatchingEngine engine, decimal price, decimal amount) =>
        engine.PlaceOrder(Market, Side.Sell, price, amount, T0).Value;

    public static List<SimFill> Drain(this MatchingEngine engine)
    {
        var fills = new List<SimFill>();
        engine.DrainFills(fills);
        return fills;
    }
}
